// @internal: only core/identity imports this file.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { IdentityEnv } from '../context.ts';
import { lockAffiliateUser } from './lock-affiliate-user.ts';

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
  const row = await db
    .updateTable('affiliate_users')
    .set({ failed_sign_in_count: sql`failed_sign_in_count + 1` })
    .where('id', '=', userId)
    .where('locked_at', 'is', null)
    .returning('failed_sign_in_count')
    .executeTakeFirst();
  if (!row || row.failed_sign_in_count < env.lockoutAttempts) return;
  await lockAffiliateUser(db, env, userId, { cause: 'sign_in', attempts: row.failed_sign_in_count, ip });
}
