// @internal: the affiliate's email on each change of a cash-out
import type { Db } from '../../../db/index.ts';
import { queueEmail } from '../../email/email-job.ts';
import { render } from '../../email/layout.ts';
import { displayName } from '../../identity/affiliate-user.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { majorUnits } from './cash-out-limits.ts';

const WORDS: Record<string, { subject: string; line: string }> = {
  pending: { subject: 'Your cash-out is requested', line: 'was requested and waits for payment' },
  success: { subject: 'Your cash-out is paid', line: 'was paid' },
  cancelled: { subject: 'Your cash-out is cancelled', line: 'was cancelled: its amount is available again' },
  refund: { subject: 'Your cash-out came back', line: 'came back: its amount is available again' },
};

/**
 * Queues the email to the affiliate's owner in the change's transaction (`db`), so it is sent
 * exactly when the change committed. Without a job queue (scripts, seeds) nothing is sent.
 */
export async function queueCashOutEmail(
  jobs: JobQueue | undefined,
  db: Db,
  change: {
    affiliateId: number;
    cashOutId: number;
    status: string;
    amount: bigint;
    currency: string;
    method: string;
    reference?: string | null;
    reason?: string | null;
  },
): Promise<void> {
  if (!jobs) return;
  const owner = await db
    .selectFrom('affiliate_users')
    .select(['email', 'first_name', 'last_name'])
    .where('affiliate_id', '=', change.affiliateId)
    .where('is_owner', '=', true)
    .executeTakeFirst();
  const words = WORDS[change.status];
  if (!owner || !words) return;
  const currency = await db
    .selectFrom('currencies')
    .select('minor_unit')
    .where('code', '=', change.currency)
    .executeTakeFirst();
  const amount = `${majorUnits(change.amount, currency?.minor_unit ?? 2)} ${change.currency}`;
  const name = displayName(owner);
  const message = render({
    subject: words.subject,
    greeting: name ? `Hello ${name},` : 'Hello,',
    paragraphs: [
      `Your cash-out ${change.cashOutId} of ${amount} (${change.method.replaceAll('_', ' ')}) ${words.line}.`,
      ...(change.reference ? [`Payment reference: ${change.reference}`] : []),
      ...(change.reason ? [`Reason: ${change.reason}`] : []),
    ],
  });
  await queueEmail(jobs, db, { template: `cash_out_${change.status}`, to: owner.email, ...message });
}
