import type { Db } from '../../../db/index.ts';
import { sha256 } from '../../auth/secrets.ts';
import { mayAct, type PartnerPrincipal, PRINCIPAL_COLUMNS, toPrincipal } from '../partner-principal.ts';

// Writing last_seen_at on every request would turn each read into a write; once a minute is plenty.
const TOUCH_AFTER_MS = 60_000;

/** The principal of a portal session cookie, or null when unknown, expired, blocked or locked. */
export async function resolvePartnerSession(db: Db, token: string): Promise<PartnerPrincipal | null> {
  const row = await db
    .selectFrom('affiliate_sessions as s')
    .innerJoin('affiliate_users as u', 'u.id', 's.affiliate_user_id')
    .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
    .select(PRINCIPAL_COLUMNS)
    .select(['s.id as session_id', 's.expires_at', 's.last_seen_at', 's.two_factor_verified_at'])
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= Date.now() || !mayAct(row)) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db
      .updateTable('affiliate_sessions')
      .set({ last_seen_at: new Date() })
      .where('id', '=', row.session_id)
      .execute();
  }
  return toPrincipal(row, {
    via: 'session',
    sessionId: row.session_id,
    apiKeyId: null,
    twoFactorVerifiedAt: row.two_factor_verified_at,
  });
}
