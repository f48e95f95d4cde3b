import type { Db } from '../../db/index.ts';

export interface StaffCard {
  id: number;
  name: string;
  email: string;
  role: string;
  status: 'active' | 'blocked';
}

/** Operator staff for the account manager and executive pickers. */
export async function listStaffDirectory(
  db: Db,
  options: { includeBlocked?: boolean } = {},
): Promise<StaffCard[]> {
  let query = db
    .selectFrom('staff_users')
    .select(['id', 'name', 'email', 'role', 'status'])
    .orderBy('name')
    .orderBy('id');
  if (!options.includeBlocked) query = query.where('status', '=', 'active');
  return query.execute();
}
