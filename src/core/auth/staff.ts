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
  /** Set by LOCKOUT_ATTEMPTS failed sign-ins in a row; an administrator or the emailed link lifts it. */
  locked_at: Date | null;
  created_at: Date;
  last_login_at: Date | null;
  /** Invited by email and no password set yet: they cannot sign in until they follow the link. */
  invited: boolean;
}

export function toStaffUser(row: Selectable<StaffUsersTable>): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    managed_affiliates_only: row.managed_affiliates_only,
    status: row.status,
    locked_at: row.locked_at,
    created_at: row.created_at,
    last_login_at: row.last_login_at,
    invited: row.password_hash === null,
  };
}
