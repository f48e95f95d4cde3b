import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { consumeIdentityToken } from '../identity/identity-tokens.ts';
import { UNLOCKED } from './unlock-staff.ts';

/** The link from a staff user's unlock email: works once; an affiliate user's link is refused. */
export async function unlockStaffWithToken({
  db,
  token,
}: {
  db: Db;
  token: string;
}): Promise<{ email: string }> {
  return inTransaction(db, async (trx) => {
    const used = await consumeIdentityToken(trx, token, ['unlock']);
    if (used.staff_user_id === null)
      throw new AppError('gone', 'the link is invalid, expired or already used');
    return trx
      .updateTable('staff_users')
      .set(UNLOCKED)
      .where('id', '=', used.staff_user_id)
      .returning('email')
      .executeTakeFirstOrThrow();
  });
}
