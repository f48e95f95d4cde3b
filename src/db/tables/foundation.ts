import type { ColumnType, Generated } from 'kysely';

export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StaffUsersTable {
  id: Generated<number>;
  email: string;
  name: Generated<string>;
  password_hash: string | null;
  role: Generated<string>;
  status: Generated<'active' | 'blocked'>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  last_login_at: Date | null;
}

export interface StaffSessionsTable {
  id_hash: string;
  staff_user_id: number;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string[];
  created_by: number | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface FoundationTables {
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  api_keys: ApiKeysTable;
  setup_tokens: SetupTokensTable;
}
