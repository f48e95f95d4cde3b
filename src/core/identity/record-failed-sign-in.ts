import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { sendEmail } from '../email/send-email.ts';
import { templates } from '../email/templates.ts';
import { displayName } from './affiliate-user.ts';
import { type IdentityEnv, links, SYSTEM } from './context.ts';
import { recordAffiliateEvent } from './events.ts';
import { issueIdentityToken } from './identity-tokens.ts';

/**
 * Counts a failed sign-in; the one that reaches the limit locks the account and emails an unlock
 * link. A locked account counts no further (it stays locked until unlocked).
 */
export async function recordFailedSignIn(
  db: Db,
  env: IdentityEnv,
  userId: number,
  ip: string | null,
): Promise<void> {
  const locked = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('affiliate_users')
      .set({ failed_sign_in_count: sql`failed_sign_in_count + 1` })
      .where('id', '=', userId)
      .where('locked_at', 'is', null)
      .returning(['id', 'affiliate_id', 'email', 'first_name', 'last_name', 'failed_sign_in_count'])
      .executeTakeFirst();
    if (!row || row.failed_sign_in_count < env.lockoutAttempts) return null;
    await trx
      .updateTable('affiliate_users')
      .set({ locked_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'account_locked',
      userId,
      actor: { ...SYSTEM, ip },
      data: { failed_attempts: row.failed_sign_in_count },
    });
    return { row, token: await issueIdentityToken(trx, 'unlock', { affiliateUserId: userId }) };
  });
  if (!locked) return;
  const message = templates.unlock({
    name: displayName(locked.row),
    url: links.unlock(env, locked.token),
    attempts: locked.row.failed_sign_in_count,
  });
  await sendEmail(db, env.email, { template: 'unlock', to: locked.row.email, ...message });
}
