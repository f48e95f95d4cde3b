import type { Generated } from 'kysely';
import type { CreatedAt } from './foundation.ts';

export type AffiliateStatus = 'pending' | 'active' | 'inactive' | 'suspended' | 'declined' | 'view_only';

export interface AffiliatesTable {
  id: Generated<number>;
  name: string;
  status: Generated<AffiliateStatus>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AffiliateUsersTable {
  id: Generated<number>;
  affiliate_id: number;
  email: string;
  first_name: Generated<string>;
  last_name: Generated<string>;
  status: Generated<'active' | 'inactive' | 'blocked'>;
  is_owner: Generated<boolean>;
  password_hash: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AffiliateTables {
  affiliates: AffiliatesTable;
  affiliate_users: AffiliateUsersTable;
}
