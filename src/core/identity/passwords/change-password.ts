import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

/** Changing the password ends every other session of the user; the current one stays. */
export async function changePassword({
  db,
  ...input
}: {
  db: Db;
  userId: number;
  currentSessionId: number | null;
  currentPassword: string;
  newPassword: string;
  actor: Actor;
}): Promise<{ sessionsEnded: number }> {
  const user = await db
    .selectFrom('affiliate_users')
    .select(['id', 'affiliate_id', 'password_hash'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw AppError.field('current_password', 'is incorrect');
  }
  assertStrongPassword(input.newPassword, 'new_password');
  if (input.newPassword === input.currentPassword) {
    throw AppError.field('new_password', 'must differ from the current password');
  }
  const hash = await hashPassword(input.newPassword);
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('affiliate_users')
      .set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    let others = trx.deleteFrom('affiliate_sessions').where('affiliate_user_id', '=', user.id);
    if (input.currentSessionId !== null) others = others.where('id', '<>', input.currentSessionId);
    const ended = await others.executeTakeFirst();
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'password_changed',
      userId: user.id,
      actor: input.actor,
      data: { via: 'profile', sessions_ended: Number(ended.numDeletedRows) },
    });
    return { sessionsEnded: Number(ended.numDeletedRows) };
  });
}
