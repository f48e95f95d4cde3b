import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { assertAffiliate } from './idempotency.ts';

export interface BalanceView {
  currency: string;
  /** What the affiliate may withdraw. */
  available: bigint;
  /** Held for requested cash-outs. */
  reserved: bigint;
  on_hold: bigint;
  total: bigint;
  /** To date: approved bills credited. */
  commissions: bigint;
  /** To date: corrections, funds, charges and conversions, signed. */
  adjustments: bigint;
  /** To date: cash-outs paid, net of refunds. */
  payments: bigint;
  updated_at: Date | null;
}

/** An affiliate's balances, one per currency it has ever had money in, by currency code (404 for no such affiliate). */
export async function getBalances(options: { db: Db; affiliateId: number }): Promise<BalanceView[]> {
  const { db, affiliateId } = options;
  await assertAffiliate(options.db, options.affiliateId);
  const accounts = await db
    .selectFrom('ledger_accounts')
    .select(['kind', 'currency', 'balance', 'updated_at'])
    .where('affiliate_id', '=', affiliateId)
    .execute();
  const totals = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_postings as p', 'p.entry_id', 'e.id')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .select([
      'a.currency',
      sql<string>`coalesce(sum(p.amount) filter (where a.kind = 'available' and e.cause = 'bill'), 0)`.as(
        'commissions',
      ),
      sql<string>`coalesce(sum(p.amount) filter (where a.kind = 'available' and e.cause in ('correction', 'fund', 'charge', 'fx')), 0)`.as(
        'adjustments',
      ),
      sql<string>`coalesce(sum(p.amount) filter (where a.kind = 'payouts_clearing'), 0)`.as('payments'),
    ])
    .where('e.affiliate_id', '=', affiliateId)
    .groupBy('a.currency')
    .execute();
  const byCurrency = new Map<string, BalanceView>();
  const view = (currency: string) => {
    let v = byCurrency.get(currency);
    if (!v) {
      v = {
        currency,
        available: 0n,
        reserved: 0n,
        on_hold: 0n,
        total: 0n,
        commissions: 0n,
        adjustments: 0n,
        payments: 0n,
        updated_at: null,
      };
      byCurrency.set(currency, v);
    }
    return v;
  };
  for (const a of accounts) {
    const v = view(a.currency);
    if (a.kind === 'available' || a.kind === 'reserved' || a.kind === 'on_hold') v[a.kind] = a.balance;
    v.total += a.balance;
    if (!v.updated_at || a.updated_at > v.updated_at) v.updated_at = a.updated_at;
  }
  for (const t of totals) {
    const v = view(t.currency);
    v.commissions = BigInt(t.commissions);
    v.adjustments = BigInt(t.adjustments);
    v.payments = BigInt(t.payments);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
