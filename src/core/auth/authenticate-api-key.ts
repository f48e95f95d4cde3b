import type { Db } from '../../db/index.ts';
import { API_KEY_PREFIX, type ApiKey, toApiKey } from './api-keys.ts';
import { sha256 } from './secrets.ts';

const lastTouched = new Map<number, number>();

/** The active key matching a presented secret, or null. */
export async function authenticateApiKey(db: Db, presented: string): Promise<ApiKey | null> {
  if (!presented.startsWith(API_KEY_PREFIX) || presented.length > 200) return null;
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', sha256(presented))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // last_used_at is informational; a write per request would cost more than it tells.
  const now = Date.now();
  if (now - (lastTouched.get(row.id) ?? 0) > 60_000) {
    lastTouched.set(row.id, now);
    await db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', row.id)
      .execute();
  }
  return toApiKey(row);
}
