import type { Selectable } from 'kysely';
import type { StaffUsersTable } from '../../db/tables/foundation.ts';

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: string;
  /** A limited manager reaches only the affiliates they manage. */
  managed_affiliates_only: boolean;
  status: 'active' | 'blocked';
  created_at: Date;
  last_login_at: Date | null;
}

export function toStaffUser(row: Selectable<StaffUsersTable>): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    managed_affiliates_only: row.managed_affiliates_only,
    status: row.status,
    created_at: row.created_at,
    last_login_at: row.last_login_at,
  };
}
