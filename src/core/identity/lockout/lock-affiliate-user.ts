// @internal: only core/identity imports this file.
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { sendEmail } from '../../email/send-email.ts';
import { templates } from '../../email/templates.ts';
import { displayName } from '../affiliate-user.ts';
import { type IdentityEnv, links, SYSTEM } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { issueIdentityToken } from '../identity-tokens.ts';

export interface LockCause {
  /** What failed in a row: passwords at sign-in, or second-factor codes at any check. */
  cause: 'sign_in' | 'two_factor';
  attempts: number;
  ip: string | null;
}

/**
 * Locks an affiliate user (sessions stop working, sign-in is refused) and emails the unlock link.
 * Locking a locked user does nothing, so racing failures send one email.
 */
export async function lockAffiliateUser(
  db: Db,
  env: IdentityEnv,
  userId: number,
  lock: LockCause,
): Promise<void> {
  const locked = await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('affiliate_users')
      .set({ locked_at: new Date() })
      .where('id', '=', userId)
      .where('locked_at', 'is', null)
      .returning(['id', 'affiliate_id', 'email', 'first_name', 'last_name'])
      .executeTakeFirst();
    if (!row) return null;
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
    return { row, token: await issueIdentityToken(trx, 'unlock', { affiliateUserId: userId }) };
  });
  if (!locked) return;
  const message = templates.unlock({
    name: displayName(locked.row),
    url: links.unlock(env, locked.token),
    attempts: lock.attempts,
    twoFactor: lock.cause === 'two_factor',
  });
  await sendEmail(db, env.email, { template: 'unlock', to: locked.row.email, ...message });
}
