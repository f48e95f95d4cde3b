import type { Db } from '../../db/index.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export async function listStaff(db: Db): Promise<StaffUser[]> {
  return (await db.selectFrom('staff_users').selectAll().orderBy('id').execute()).map(toStaffUser);
}

export async function getStaff(db: Db, id: number): Promise<StaffUser | undefined> {
  const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaffUser(row);
}
