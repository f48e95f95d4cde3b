import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { isIsoDate } from './dates.ts';
import { assertCurrency } from './get-currency.ts';
import { type ExchangeRate, toExchangeRate } from './model.ts';

export interface ListRatesFilter {
  base?: string;
  quote?: string;
  /** Inclusive YYYY-MM-DD bounds on the rate date. */
  from?: string;
  until?: string;
  page?: number;
  pageSize?: number;
}

export interface RatesPage {
  data: ExchangeRate[];
  page: number;
  page_size: number;
  total: number;
}

/** Stored rows only (no resolution), newest date first. */
export async function listExchangeRates(db: Db, filter: ListRatesFilter = {}): Promise<RatesPage> {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 50;
  for (const key of ['from', 'until'] as const) {
    const value = filter[key];
    if (value !== undefined && !isIsoDate(value)) throw AppError.field(key, 'must be a date as YYYY-MM-DD');
  }
  if (filter.from && filter.until && filter.until < filter.from) {
    throw AppError.field('until', 'must not be before from');
  }
  let query = db.selectFrom('exchange_rates');
  if (filter.base !== undefined) {
    const base = await assertCurrency(db, filter.base, 'base', { allowDisabled: true });
    query = query.where('base', '=', base.code);
  }
  if (filter.quote !== undefined) {
    const quote = await assertCurrency(db, filter.quote, 'quote', { allowDisabled: true });
    query = query.where('quote', '=', quote.code);
  }
  if (filter.from) query = query.where('rate_date', '>=', filter.from);
  if (filter.until) query = query.where('rate_date', '<=', filter.until);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('rate_date', 'desc')
      .orderBy('base')
      .orderBy('quote')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<bigint>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toExchangeRate), page, page_size: pageSize, total: Number(count.total) };
}
