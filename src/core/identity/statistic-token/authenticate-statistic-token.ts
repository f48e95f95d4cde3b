import type { Db } from '../../../db/index.ts';
import { mayAct, type PartnerPrincipal, PRINCIPAL_COLUMNS, toPrincipal } from '../partner-principal.ts';
import { STATISTIC_TOKEN_PREFIX } from './regenerate-statistic-token.ts';

/**
 * The user a statistic token belongs to, for report feeds and the report API (read-only uses:
 * callers must not let it reach anything but reports). Null when unknown or the user may not act.
 */
export async function authenticateStatisticToken(db: Db, token: string): Promise<PartnerPrincipal | null> {
  if (!token.startsWith(STATISTIC_TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db
    .selectFrom('affiliate_users as u')
    .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
    .select(PRINCIPAL_COLUMNS)
    .where('u.statistic_token', '=', token)
    .executeTakeFirst();
  if (!row || !mayAct(row)) return null;
  return toPrincipal(row, {
    via: 'statistic_token',
    sessionId: null,
    apiKeyId: null,
    twoFactorVerifiedAt: null,
  });
}
