// @internal: only core/identity imports this file.
import type { Selectable } from 'kysely';
import type { AffiliateApiKeysTable } from '../../../db/tables/identity.ts';

export const AFFILIATE_KEY_PREFIX = 'afk_';

export interface AffiliateApiKey {
  id: number;
  name: string;
  prefix: string;
  /** The user the key acts as. */
  user_id: number;
  created_by_user_id: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export function toAffiliateApiKey(row: Selectable<AffiliateApiKeysTable>): AffiliateApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    user_id: row.affiliate_user_id,
    created_by_user_id: row.created_by_user_id,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}
