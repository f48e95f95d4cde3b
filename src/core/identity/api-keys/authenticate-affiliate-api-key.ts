import type { Db } from '../../../db/index.ts';
import { sha256 } from '../../auth/secrets.ts';
import { mayAct, type PartnerPrincipal, PRINCIPAL_COLUMNS, toPrincipal } from '../partner-principal.ts';
import { AFFILIATE_KEY_PREFIX } from './affiliate-api-key.ts';

const lastTouched = new Map<number, number>();

/** The principal of a partner API key: only unrevoked, while the affiliate's API access is on. */
export async function authenticateAffiliateApiKey(
  db: Db,
  presented: string,
): Promise<PartnerPrincipal | null> {
  if (!presented.startsWith(AFFILIATE_KEY_PREFIX) || presented.length > 200) return null;
  const row = await db
    .selectFrom('affiliate_api_keys as k')
    .innerJoin('affiliate_users as u', 'u.id', 'k.affiliate_user_id')
    .innerJoin('affiliates as a', 'a.id', 'k.affiliate_id')
    .select(PRINCIPAL_COLUMNS)
    .select('k.id as key_id')
    .where('k.key_hash', '=', sha256(presented))
    .where('k.revoked_at', 'is', null)
    // The key's affiliate and its user's affiliate are the same by construction; checked anyway.
    .whereRef('u.affiliate_id', '=', 'k.affiliate_id')
    .executeTakeFirst();
  if (!row?.api_access_enabled || !mayAct(row)) return null;
  const now = Date.now();
  if (now - (lastTouched.get(row.key_id) ?? 0) > 60_000) {
    lastTouched.set(row.key_id, now);
    await db
      .updateTable('affiliate_api_keys')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', row.key_id)
      .execute();
  }
  return toPrincipal(row, {
    via: 'api_key',
    sessionId: null,
    apiKeyId: row.key_id,
    twoFactorVerifiedAt: null,
  });
}
