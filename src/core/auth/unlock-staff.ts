import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError } from '../errors.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export const UNLOCKED = { locked_at: null, failed_sign_in_count: 0 } as const;

/** Lifts a staff user's lockout, by an administrator; unlocking twice is not an error. */
export async function unlockStaff({
  db,
  actor,
  id,
}: {
  db: Db;
  actor: Actor;
  id: number;
}): Promise<StaffUser> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('staff_users')
      .select(['locked_at', 'email'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .updateTable('staff_users')
      .set(UNLOCKED)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row || !before) throw AppError.notFound(`staff user ${id}`);
    if (before.locked_at !== null)
      await recordOperatorChange(trx, {
        entity: 'staff_user',
        id,
        action: 'unlocked',
        actor,
        detail: { email: before.email },
      });
    // The emailed unlock link has nothing left to do.
    await trx
      .deleteFrom('identity_tokens')
      .where('staff_user_id', '=', id)
      .where('purpose', '=', 'unlock')
      .where('used_at', 'is', null)
      .execute();
    return toStaffUser(row);
  });
}
