// @internal: the affiliate's email on a bill's approval
import type { Db } from '../../db/index.ts';
import { queueEmail } from '../email/email-job.ts';
import { render } from '../email/layout.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { formatMinor } from '../reference/money-format.ts';

/** Enqueues, in the approval's transaction, the email telling the affiliate's owner users their bill was approved. */
export async function queueBillApprovedEmail(
  jobs: JobQueue,
  db: Db,
  bill: {
    id: bigint;
    affiliate_id: number;
    currency: string;
    amount_to_pay: bigint;
    period_start: string;
    period_end: string;
  },
): Promise<void> {
  const users = await db
    .selectFrom('affiliate_users')
    .select(['email', 'first_name'])
    .where('affiliate_id', '=', bill.affiliate_id)
    .where('is_owner', '=', true)
    .where('status', '=', 'active')
    .execute();
  const amount = await formatMinor(db, bill.amount_to_pay, bill.currency);
  for (const user of users) {
    const message = render({
      subject: `Bill ${bill.id} approved: ${amount} added to your balance`,
      greeting: user.first_name ? `Hello ${user.first_name},` : 'Hello,',
      paragraphs: [
        `Your bill ${bill.id} for ${bill.period_start} to ${bill.period_end} was approved.`,
        `${amount} was added to your available balance; you can cash it out from the portal.`,
      ],
    });
    await queueEmail(jobs, db, { template: 'bill_approved', to: user.email, ...message });
  }
}
