import type { Db } from '../../../db/index.ts';
import type { IdentityEnv } from '../context.ts';
import { sendPasswordEmail } from '../passwords/send-password-email.ts';

/**
 * Users created without an initial password are emailed a link to set one (the documented
 * behaviour of the affiliate create call); users given a password are left alone.
 */
export async function inviteUsersWithoutPassword(
  db: Db,
  env: IdentityEnv,
  affiliateId: number,
  userIds: number[],
  inviter: string,
): Promise<void> {
  if (userIds.length === 0) return;
  const waiting = await db
    .selectFrom('affiliate_users')
    .select('id')
    .where('affiliate_id', '=', affiliateId)
    .where('id', 'in', userIds)
    .where('password_hash', 'is', null)
    .where('status', '!=', 'blocked')
    .execute();
  for (const user of waiting) await sendPasswordEmail(db, env, user.id, inviter);
}
