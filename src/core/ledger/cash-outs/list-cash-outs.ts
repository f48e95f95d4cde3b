import type { Db } from '../../../db/index.ts';
import type { CashOutStatus } from '../../../db/tables/ledger.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { type CashOutView, toView } from './cash-out-view.ts';

export interface CashOutFilter {
  status?: CashOutStatus[];
  affiliate_id?: number;
  currency?: string;
  from?: Date;
  to?: Date;
}

/**
 * Cash-outs, newest first (the operator's queue: `status=pending`); `affiliateId` keeps one
 * affiliate's (the partner API), `managerId` a limited manager's affiliates'.
 */
export async function listCashOuts(options: {
  db: Db;
  filter: CashOutFilter;
  affiliateId?: number;
  managerId?: number;
  limit: number;
  offset: number;
}): Promise<{ data: CashOutView[]; total: number }> {
  const { db, filter } = options;
  if (filter.from && filter.to && filter.from > filter.to) throw AppError.field('to', 'must be after from');
  let q = db.selectFrom('cash_outs');
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(db, options.managerId));
  if (filter.affiliate_id !== undefined) q = q.where('affiliate_id', '=', filter.affiliate_id);
  if (filter.status?.length) q = q.where('status', 'in', filter.status);
  if (filter.currency) q = q.where('currency', '=', filter.currency.toUpperCase());
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<=', filter.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map((r) => toView(r)), total: Number(count.n) };
}
