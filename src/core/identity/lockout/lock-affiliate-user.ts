// @internal: only core/identity imports this file.
import { inTransaction } from '../../../db/transaction.ts';
import { queueEmail } from '../../email/email-job.ts';
import { templates } from '../../email/templates.ts';
import { displayName } from '../affiliate-user.ts';
import { type IdentityDeps, links, SYSTEM } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { issueIdentityToken } from '../identity-tokens.ts';

export interface LockCause {
  /** What failed in a row: passwords at sign-in, or second-factor codes at any check. */
  cause: 'sign_in' | 'two_factor';
  attempts: number;
  ip: string | null;
}

/**
 * Locks an affiliate user (sessions stop working, sign-in is refused) and emails the unlock link:
 * the lock, its event, the link and the email job commit together. Locking a locked user does
 * nothing, so racing failures send one email.
 */
export async function lockAffiliateUser({
  db,
  env,
  jobs,
  userId,
  lock,
}: IdentityDeps & {
  userId: number;
  lock: LockCause;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('affiliate_users')
      .set({ locked_at: new Date() })
      .where('id', '=', userId)
      .where('locked_at', 'is', null)
      .returning(['id', 'affiliate_id', 'email', 'first_name', 'last_name'])
      .executeTakeFirst();
    if (!row) return;
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'account_locked',
      userId,
      actor: { ...SYSTEM, ip: lock.ip },
      data:
        lock.cause === 'sign_in'
          ? { failed_attempts: lock.attempts }
          : { failed_attempts: lock.attempts, cause: 'two_factor' },
    });
    const token = await issueIdentityToken(trx, 'unlock', { affiliateUserId: userId });
    const message = templates.unlock({
      name: displayName(row),
      url: links.unlock(env, token),
      attempts: lock.attempts,
      twoFactor: lock.cause === 'two_factor',
    });
    await queueEmail(jobs, trx, { template: 'unlock', to: row.email, ...message });
  });
}
