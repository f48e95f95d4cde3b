// @internal: the emails correspondence sends, enqueued in the change's transaction
import type { Db } from '../../db/index.ts';
import { queueEmail } from '../email/email-job.ts';
import { render } from '../email/layout.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

type Mail = { template: string; subject: string; paragraphs: string[]; url: string; label: string };

/** One recipient's email, greeted by name when there is one, queued in `trx`. */
function queueTo(jobs: JobQueue, trx: Db, to: string, name: string | null, mail: Mail) {
  const message = render({
    subject: mail.subject,
    greeting: name ? `Hello ${name},` : 'Hello,',
    paragraphs: mail.paragraphs,
    action: { label: mail.label, url: mail.url },
  });
  return queueEmail(jobs, trx, { template: mail.template, to, ...message });
}

/** Tells the affiliate's active owner users that something waits for them in the portal. */
export async function notifyAffiliate(
  jobs: JobQueue,
  trx: Db,
  affiliateId: number,
  mail: Mail,
): Promise<void> {
  const users = await trx
    .selectFrom('affiliate_users')
    .select(['email', 'first_name'])
    .where('affiliate_id', '=', affiliateId)
    .where('is_owner', '=', true)
    .where('status', '=', 'active')
    .execute();
  for (const user of users) await queueTo(jobs, trx, user.email, user.first_name, mail);
}

/** Tells the affiliate's account manager (when it has one, active) what the affiliate wrote. */
export async function notifyManager(jobs: JobQueue, trx: Db, affiliateId: number, mail: Mail): Promise<void> {
  const staff = await trx
    .selectFrom('affiliates')
    .innerJoin('staff_users', 'staff_users.id', 'affiliates.account_manager_id')
    .select(['staff_users.email', 'staff_users.name'])
    .where('affiliates.id', '=', affiliateId)
    .where('staff_users.status', '=', 'active')
    .executeTakeFirst();
  if (staff) await queueTo(jobs, trx, staff.email, staff.name, mail);
}
