// @internal: only core/identity imports this file.
import { sql } from 'kysely';
import type { IdentityDeps } from '../context.ts';
import { lockAffiliateUser } from './lock-affiliate-user.ts';

/**
 * Counts a failed sign-in; the one that reaches the limit locks the account and emails an unlock
 * link. A locked account counts no further (it stays locked until unlocked).
 */
export async function recordFailedSignIn({
  db,
  env,
  jobs,
  userId,
  ip,
}: IdentityDeps & {
  userId: number;
  ip: string | null;
}): Promise<void> {
  const row = await db
    .updateTable('affiliate_users')
    .set({ failed_sign_in_count: sql`failed_sign_in_count + 1` })
    .where('id', '=', userId)
    .where('locked_at', 'is', null)
    .returning('failed_sign_in_count')
    .executeTakeFirst();
  if (!row || row.failed_sign_in_count < env.lockoutAttempts) return;
  const lock = { cause: 'sign_in', attempts: row.failed_sign_in_count, ip } as const;
  await lockAffiliateUser({ db, env, jobs, userId, lock });
}
