import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { LedgerAccountKind } from '../../db/tables/ledger.ts';
import { AppError } from '../errors.ts';
import { assertAffiliate } from './idempotency.ts';

/** Affilka's types: `refund` is a cash-out refunded; `payment` is every cash-out step and payout. */
export const TRANSACTION_TYPES = [
  'bill',
  'correction',
  'fund',
  'charge',
  'cash_out',
  'refund',
  'payout',
  'fx',
  'payment',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export interface TransactionFilter {
  type?: TransactionType[];
  /** added: the balance went up; subtracted: down. */
  action?: 'added' | 'subtracted';
  currency?: string;
  /** Bounds on the size of the change (minor units, without its sign). */
  amount_min?: number;
  amount_max?: number;
  from?: Date;
  to?: Date;
  /** Which of the affiliate's balances; available by default. */
  account?: 'available' | 'reserved' | 'on_hold';
}

export interface BalanceTransaction {
  id: number;
  entry_id: number;
  type: Exclude<TransactionType, 'payment'>;
  step: string | null;
  account: LedgerAccountKind;
  currency: string;
  amount: bigint;
  action: 'added' | 'subtracted';
  balance_after: bigint;
  memo: string;
  cause_reference: string | null;
  created_at: Date;
}

/** Changes to one of an affiliate's balances, newest first. */
export async function listBalanceTransactions(options: {
  db: Db;
  affiliateId: number;
  filter: TransactionFilter;
  limit: number;
  offset: number;
}): Promise<{ data: BalanceTransaction[]; total: number }> {
  const { db, affiliateId, filter } = options;
  await assertAffiliate(options.db, options.affiliateId);
  if (
    filter.amount_min !== undefined &&
    filter.amount_max !== undefined &&
    filter.amount_min > filter.amount_max
  )
    throw AppError.field('amount_max', 'must be at least amount_min');
  if (filter.from && filter.to && filter.from > filter.to) throw AppError.field('to', 'must be after from');
  let q = db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .innerJoin('ledger_entries as e', 'e.id', 'p.entry_id')
    .where('a.affiliate_id', '=', affiliateId)
    .where('a.kind', '=', filter.account ?? 'available');
  if (filter.currency) q = q.where('p.currency', '=', filter.currency.toUpperCase());
  if (filter.action) q = q.where('p.amount', filter.action === 'added' ? '>' : '<', 0n);
  if (filter.amount_min !== undefined) q = q.where(sql<boolean>`abs(p.amount) >= ${filter.amount_min}`);
  if (filter.amount_max !== undefined) q = q.where(sql<boolean>`abs(p.amount) <= ${filter.amount_max}`);
  if (filter.from) q = q.where('p.created_at', '>=', filter.from);
  if (filter.to) q = q.where('p.created_at', '<=', filter.to);
  if (filter.type?.length) {
    const types = new Set(filter.type);
    q = q.where((eb) =>
      eb.or([
        ...(['bill', 'correction', 'fund', 'charge', 'payout', 'fx'] as const)
          .filter((t) => types.has(t) || (t === 'payout' && types.has('payment')))
          .map((t) => eb('e.cause', '=', t)),
        ...(types.has('cash_out') || types.has('payment')
          ? [eb.and([eb('e.cause', '=', 'cash_out'), eb('e.step', '<>', 'refunded')])]
          : []),
        ...(types.has('refund') || types.has('payment')
          ? [eb.and([eb('e.cause', '=', 'cash_out'), eb('e.step', '=', 'refunded')])]
          : []),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'p.id',
        'p.entry_id',
        'e.cause',
        'e.step',
        'a.kind',
        'p.currency',
        'p.amount',
        'p.balance_after',
        'e.memo',
        'e.cause_reference',
        'p.created_at',
      ])
      .orderBy('p.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    data: rows.map((r) => ({
      id: Number(r.id),
      entry_id: Number(r.entry_id),
      type: r.cause === 'cash_out' && r.step === 'refunded' ? 'refund' : r.cause,
      step: r.step,
      account: r.kind,
      currency: r.currency,
      amount: r.amount,
      action: r.amount > 0n ? 'added' : 'subtracted',
      balance_after: r.balance_after,
      memo: r.memo,
      cause_reference: r.cause_reference,
      created_at: r.created_at,
    })),
  };
}
