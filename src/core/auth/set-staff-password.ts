import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { consumeIdentityToken } from '../identity/identity-tokens.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';

/** A new staff user's password, from the emailed link; the link works once. */
export async function setStaffPassword({
  db,
  input,
}: {
  db: Db;
  input: { token: string; password: string };
}): Promise<{ email: string }> {
  assertStrongPassword(input.password);
  const hash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const token = await consumeIdentityToken(trx, input.token, ['set_password', 'reset_password']);
    if (token.staff_user_id === null)
      throw new AppError('gone', 'the link is invalid, expired or already used');
    const row = await trx
      .updateTable('staff_users')
      .set({ password_hash: hash, updated_at: new Date() })
      .where('id', '=', token.staff_user_id)
      .returning('email')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('staff_sessions').where('staff_user_id', '=', token.staff_user_id).execute();
    return { email: row.email };
  });
}
