import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';

export interface AffiliateMoneySummary {
  currency: string;
  /** Minor units: commissions earned since `since` (rejected and reversed ones left out, claw-backs netted). */
  earned: bigint;
  /** Minor units: the available balance. */
  available: bigint;
}

/**
 * One currency's figures per affiliate, for lists that show a single amount (Everflow's
 * today_revenue and balance): the affiliate's default currency, else the one its largest
 * available balance is in, else the first brand's base currency. Amounts in other currencies are
 * not in these figures; the balances read shows them all.
 */
export async function summarizeAffiliateMoney(options: {
  db: Db;
  affiliateIds: readonly number[];
  since: Date;
}): Promise<Map<number, AffiliateMoneySummary>> {
  const { db, affiliateIds, since } = options;
  const out = new Map<number, AffiliateMoneySummary>();
  if (affiliateIds.length === 0) return out;
  const ids = [...new Set(affiliateIds)];
  const [affiliates, balances, earned, brand] = await Promise.all([
    db.selectFrom('affiliates').select(['id', 'default_currency']).where('id', 'in', ids).execute(),
    db
      .selectFrom('ledger_accounts')
      .select(['affiliate_id', 'currency', 'balance'])
      .where('kind', '=', 'available')
      .where('affiliate_id', 'in', ids)
      .orderBy('balance', 'desc')
      .orderBy('currency')
      .execute(),
    db
      .selectFrom('commissions')
      .select(['affiliate_id', 'currency', sql<string>`sum(amount)`.as('amount')])
      .where('affiliate_id', 'in', ids)
      .where('earned_at', '>=', since)
      .where('status', 'not in', ['rejected', 'reversed'])
      .groupBy(['affiliate_id', 'currency'])
      .execute(),
    db.selectFrom('brands').select('base_currency').orderBy('id').limit(1).executeTakeFirst(),
  ]);
  for (const a of affiliates) {
    const own = balances.filter((b) => b.affiliate_id === a.id);
    const currency = a.default_currency ?? own[0]?.currency ?? brand?.base_currency ?? 'USD';
    const balance = own.find((b) => b.currency === currency)?.balance ?? 0n;
    const today = earned.find((e) => e.affiliate_id === a.id && e.currency === currency)?.amount ?? '0';
    out.set(a.id, { currency, earned: BigInt(today), available: BigInt(balance) });
  }
  return out;
}
