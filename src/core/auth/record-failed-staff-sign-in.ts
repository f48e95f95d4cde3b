// @internal: only core/auth imports this file.
import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction.ts';
import { queueEmail } from '../email/email-job.ts';
import { templates } from '../email/templates.ts';
import { type IdentityDeps, links } from '../identity/context.ts';
import { issueIdentityToken } from '../identity/identity-tokens.ts';

/**
 * Counts a failed staff sign-in; the one that reaches LOCKOUT_ATTEMPTS locks the account and
 * emails an unlock link, as the portal does: the lock, the link and its email job commit together.
 * A locked account counts no further.
 */
export async function recordFailedStaffSignIn({
  db,
  env,
  jobs,
  staffUserId,
}: IdentityDeps & {
  staffUserId: number;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('staff_users')
      .set({ failed_sign_in_count: sql`failed_sign_in_count + 1` })
      .where('id', '=', staffUserId)
      .where('locked_at', 'is', null)
      .returning(['email', 'name', 'failed_sign_in_count'])
      .executeTakeFirst();
    if (!row || row.failed_sign_in_count < env.lockoutAttempts) return;
    await trx
      .updateTable('staff_users')
      .set({ locked_at: new Date() })
      .where('id', '=', staffUserId)
      .execute();
    const token = await issueIdentityToken(trx, 'unlock', { staffUserId });
    const message = templates.unlock({
      name: row.name,
      url: links.staffUnlock(env, token),
      attempts: row.failed_sign_in_count,
    });
    await queueEmail(jobs, trx, { template: 'unlock', to: row.email, ...message });
  });
}
