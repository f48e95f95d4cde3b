import type { Selectable } from 'kysely';
import type { ApiKeysTable } from '../../db/tables/foundation.ts';

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  created_by: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const API_KEY_PREFIX = 'afl_';

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    created_by: row.created_by,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}
