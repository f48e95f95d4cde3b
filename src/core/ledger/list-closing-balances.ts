import type { Db } from '../../db/index.ts';
import type { LedgerAccountKind } from '../../db/tables/ledger.ts';
import { AppError } from '../errors.ts';
import { assertAffiliate } from './idempotency.ts';

export interface ClosingBalance {
  day: string;
  currency: string;
  account: LedgerAccountKind;
  closing_balance: bigint;
  credits: bigint;
  debits: bigint;
  payout_amount: bigint;
}

/** An affiliate's closing balances per day, account and currency, newest day first. */
export async function listClosingBalances(options: {
  db: Db;
  affiliateId: number;
  filter: { from?: string; until?: string; currency?: string };
  limit: number;
  offset: number;
}): Promise<{ data: ClosingBalance[]; total: number }> {
  const { filter } = options;
  await assertAffiliate(options.db, options.affiliateId);
  if (filter.from && filter.until && filter.from > filter.until)
    throw AppError.field('until', 'must be on or after from');
  let q = options.db
    .selectFrom('ledger_closing_balances as c')
    .innerJoin('ledger_accounts as a', 'a.id', 'c.account_id')
    .where('a.affiliate_id', '=', options.affiliateId);
  if (filter.from) q = q.where('c.day', '>=', filter.from);
  if (filter.until) q = q.where('c.day', '<=', filter.until);
  if (filter.currency) q = q.where('c.currency', '=', filter.currency.toUpperCase());
  const [data, count] = await Promise.all([
    q
      .select([
        'c.day',
        'c.currency',
        'a.kind as account',
        'c.closing_balance',
        'c.credits',
        'c.debits',
        'c.payout_amount',
      ])
      .orderBy('c.day', 'desc')
      .orderBy('c.currency')
      .orderBy('a.kind')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data, total: Number(count.n) };
}
