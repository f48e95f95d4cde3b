import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { createAdmin } from './create-admin.ts';
import { randomToken, sha256 } from './secrets.ts';
import type { StaffUser } from './staff.ts';

export async function hasStaffUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * On an empty platform, a fresh one-time token for the setup link; null once an administrator
 * exists. Each start issues a new token, so a link printed by an earlier start stops mattering.
 */
export async function issueSetupToken({
  db,
  ttlHours,
}: {
  db: Db;
  ttlHours: number;
}): Promise<string | null> {
  if (await hasStaffUsers(db)) return null;
  const token = randomToken(24);
  await db
    .insertInto('setup_tokens')
    .values({ token_hash: sha256(token), expires_at: new Date(Date.now() + ttlHours * 3_600_000) })
    .execute();
  return token;
}

/** Creates the first administrator; the token works once, and only while no staff user exists. */
export async function completeSetup({
  db,
  input,
}: {
  db: Db;
  input: { token: string; email: string; password: string; name?: string };
}): Promise<StaffUser> {
  return inTransaction(db, async (trx) => {
    const used = await trx
      .updateTable('setup_tokens')
      .set({ used_at: new Date() })
      .where('token_hash', '=', sha256(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('token_hash')
      .executeTakeFirst();
    if (!used) throw new AppError('forbidden', 'the setup link is invalid, expired or already used');
    if (await hasStaffUsers(trx)) throw new AppError('conflict', 'the platform already has an administrator');
    return createAdmin({ db: trx, input });
  });
}
