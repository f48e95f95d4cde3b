import type { Db } from '../../db/index.ts';
import type { BillStatus } from '../../db/tables/billing.ts';
import { AppError } from '../errors.ts';
import { type BillScope, type BillView, billQuery, selectBill, toBillView } from './bill-view.ts';

export interface BillFilter {
  status?: BillStatus[];
  affiliate_id?: number;
  brand_id?: number;
  currency?: string;
  /** Bills of periods ending on or after / on or before these days. */
  period_from?: string;
  period_to?: string;
  hidden?: boolean;
}

/** Bills newest first, filtered; the partner API's scope leaves out hidden ones and others'. */
export async function listBills(options: {
  db: Db;
  filter: BillFilter;
  scope?: BillScope;
  limit: number;
  offset: number;
}): Promise<{ data: BillView[]; total: number }> {
  const { filter } = options;
  if (filter.period_from && filter.period_to && filter.period_from > filter.period_to)
    throw AppError.field('period_to', 'must be on or after period_from');
  let q = billQuery(options.db, options.scope);
  if (filter.status?.length) q = q.where('b.status', 'in', filter.status);
  if (filter.affiliate_id !== undefined) q = q.where('b.affiliate_id', '=', filter.affiliate_id);
  if (filter.brand_id !== undefined) q = q.where('b.brand_id', '=', filter.brand_id);
  if (filter.currency) q = q.where('b.currency', '=', filter.currency.toUpperCase());
  if (filter.period_from) q = q.where('b.period_end', '>=', filter.period_from);
  if (filter.period_to) q = q.where('b.period_end', '<=', filter.period_to);
  if (filter.hidden !== undefined) q = q.where('b.hidden', '=', filter.hidden);
  const [rows, count] = await Promise.all([
    selectBill(q).orderBy('b.id', 'desc').limit(options.limit).offset(options.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toBillView), total: Number(count.n) };
}
