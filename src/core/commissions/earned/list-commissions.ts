import type { Db } from '../../../db/index.ts';
import type { CommissionKind, CommissionStatus } from '../../../db/tables/earned-commissions.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { type CommissionView, commissionView } from './commission-view.ts';

export interface CommissionFilter {
  affiliate_id?: number;
  brand_id?: number;
  plan_id?: number;
  kind?: CommissionKind;
  status?: CommissionStatus;
  customer_ref?: number;
  /** earned_at from (inclusive) and to (exclusive). */
  from?: Date;
  to?: Date;
}

/** Commissions newest first, filtered; a limited manager sees only their affiliates'. */
export async function listCommissions(options: {
  db: Db;
  filter: CommissionFilter;
  limit: number;
  offset: number;
  managerId?: number;
}): Promise<{ data: CommissionView[]; total: number }> {
  const { db, filter } = options;
  let query = db.selectFrom('commissions');
  if (filter.affiliate_id !== undefined) query = query.where('affiliate_id', '=', filter.affiliate_id);
  if (filter.brand_id !== undefined) query = query.where('brand_id', '=', filter.brand_id);
  if (filter.plan_id !== undefined) query = query.where('plan_id', '=', filter.plan_id);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.customer_ref !== undefined) query = query.where('customer_id', '=', BigInt(filter.customer_ref));
  if (filter.from !== undefined) query = query.where('earned_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('earned_at', '<', filter.to);
  if (options.managerId !== undefined)
    query = query.where('affiliate_id', 'in', managedAffiliateIds(db, options.managerId));
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(commissionView), total: Number(count.n) };
}
