import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';

export interface SecuritySettings {
  /** Every affiliate user must turn on 2FA before using the portal. */
  require_two_factor: boolean;
}

const DEFAULTS: SecuritySettings = { require_two_factor: false };
const KEY = 'security';
// Read on every partner request; a short cache per database, cleared by the update below.
const cache = new WeakMap<Db, { value: SecuritySettings; at: number }>();
const CACHE_MS = 5000;

export async function getSecuritySettings(db: Db): Promise<SecuritySettings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const row = await db
    .selectFrom('platform_settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  const value = { ...DEFAULTS, ...((row?.value as Partial<SecuritySettings>) ?? {}) };
  cache.set(db, { value, at: Date.now() });
  return value;
}

/** Changes the platform's security settings, recording the staff user who did (none for an API key). */
export async function updateSecuritySettings({
  db,
  actor,
  patch,
}: {
  db: Db;
  actor: Actor;
  patch: Partial<SecuritySettings>;
}): Promise<SecuritySettings> {
  const staffId = actor.type === 'staff' ? actor.id : null;
  const value = { ...(await getSecuritySettings(db)), ...patch };
  await db
    .insertInto('platform_settings')
    .values({ key: KEY, value: JSON.stringify(value), updated_by_staff_id: staffId })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: JSON.stringify(value), updated_at: new Date(), updated_by_staff_id: staffId }),
    )
    .execute();
  cache.delete(db);
  return value;
}
