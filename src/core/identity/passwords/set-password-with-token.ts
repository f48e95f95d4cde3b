import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { assertStrongPassword, hashPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { consumeIdentityToken } from '../identity-tokens.ts';

/**
 * Sets an affiliate user's password from a set-password or reset link. Proving the mailbox also
 * unlocks the account; every existing session ends.
 */
export async function setPasswordWithToken({
  db,
  ...input
}: {
  db: Db;
  token: string;
  password: string;
  ip?: string | null;
}): Promise<{ email: string }> {
  assertStrongPassword(input.password);
  const hash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const token = await consumeIdentityToken(trx, input.token, ['set_password', 'reset_password']);
    if (token.affiliate_user_id === null)
      throw new AppError('gone', 'the link is invalid, expired or already used');
    const user = await trx
      .updateTable('affiliate_users')
      .set({
        password_hash: hash,
        password_changed_at: new Date(),
        locked_at: null,
        failed_sign_in_count: 0,
        two_factor_failed_count: 0,
        updated_at: new Date(),
      })
      .where('id', '=', token.affiliate_user_id)
      .returning(['id', 'affiliate_id', 'email'])
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('affiliate_sessions').where('affiliate_user_id', '=', user.id).execute();
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'password_changed',
      userId: user.id,
      actor: { type: 'affiliate_user', id: user.id, name: user.email, ip: input.ip },
      data: { via: token.purpose },
    });
    return { email: user.email };
  });
}
