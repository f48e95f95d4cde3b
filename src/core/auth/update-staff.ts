import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { isRole, ROLES } from './roles.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export interface StaffChange {
  name?: string;
  role?: string;
  status?: 'active' | 'blocked';
  managed_affiliates_only?: boolean;
}

/**
 * Renames, changes the role of, limits, blocks or unblocks a staff user. Nobody changes their own
 * role or status, and the last active administrator stays one, so the platform keeps an admin.
 */
export async function updateStaff({
  db,
  actor,
  id,
  change,
}: {
  db: Db;
  actor: Actor;
  id: number;
  change: StaffChange;
}): Promise<StaffUser> {
  const byStaffId = actor.type === 'staff' ? actor.id : null;
  if (change.role !== undefined && !isRole(change.role)) {
    throw AppError.field('role', `must be one of ${ROLES.join(', ')}`);
  }
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw AppError.notFound(`staff user ${id}`);
    const roleChanges = change.role !== undefined && change.role !== before.role;
    const statusChanges = change.status !== undefined && change.status !== before.status;
    if (id === byStaffId && (roleChanges || statusChanges)) {
      throw new AppError(
        'invalid_state',
        'you cannot change your own role or status; ask another administrator',
      );
    }
    const losesAdmin =
      before.role === 'admin' &&
      before.status === 'active' &&
      ((roleChanges && change.role !== 'admin') || change.status === 'blocked');
    if (losesAdmin) {
      const admins = await trx
        .selectFrom('staff_users')
        .select('id')
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .where('id', '<>', id)
        .limit(1)
        .execute();
      if (admins.length === 0)
        throw new AppError('invalid_state', 'the last active administrator must stay one');
    }
    const row = await trx
      .updateTable('staff_users')
      .set({
        ...(change.name !== undefined ? { name: change.name.trim() } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.status !== undefined ? { status: change.status } : {}),
        ...(change.managed_affiliates_only !== undefined
          ? { managed_affiliates_only: change.managed_affiliates_only }
          : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (change.status === 'blocked')
      await trx.deleteFrom('staff_sessions').where('staff_user_id', '=', id).execute();
    return toStaffUser(row);
  });
}
