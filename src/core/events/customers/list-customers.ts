import type { Db } from '../../../db/index.ts';
import { type CustomerView, customerView } from './customer-view.ts';

export interface CustomerFilter {
  brand_id?: number;
  affiliate_id?: number;
  campaign_id?: number;
  promo_id?: number;
  attributed?: boolean;
  held?: boolean;
  flagged?: boolean;
  has_ftd?: boolean;
  country?: string;
  /** The operator's id, whole or its beginning. */
  q?: string;
  registered_from?: Date;
  registered_to?: Date;
}

/** Customers newest first. `managerId`: a limited account manager's affiliates only. */
export async function listCustomers(options: {
  db: Db;
  filter: CustomerFilter;
  limit: number;
  offset: number;
  managerId?: number;
}): Promise<{ data: CustomerView[]; total: number }> {
  const { db, filter: f } = options;
  let query = db.selectFrom('customers');
  if (f.brand_id !== undefined) query = query.where('brand_id', '=', f.brand_id);
  if (f.affiliate_id !== undefined) query = query.where('affiliate_id', '=', f.affiliate_id);
  if (f.campaign_id !== undefined) query = query.where('campaign_id', '=', f.campaign_id);
  if (f.promo_id !== undefined) query = query.where('promo_id', '=', f.promo_id);
  if (f.attributed !== undefined) query = query.where('affiliate_id', f.attributed ? 'is not' : 'is', null);
  if (f.held !== undefined) query = query.where('held', '=', f.held);
  if (f.flagged !== undefined)
    query = query.where((eb) => eb(eb.fn('cardinality', ['flags']), f.flagged ? '>' : '=', 0));
  if (f.has_ftd !== undefined) query = query.where('ftd_at', f.has_ftd ? 'is not' : 'is', null);
  if (f.country !== undefined) query = query.where('country', '=', f.country.toUpperCase());
  if (f.q) query = query.where('external_id', 'like', `${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.registered_from) query = query.where('registered_at', '>=', f.registered_from);
  if (f.registered_to) query = query.where('registered_at', '<=', f.registered_to);
  if (options.managerId !== undefined) {
    const managerId = options.managerId;
    query = query.where((eb) =>
      eb(
        'customers.affiliate_id',
        'in',
        eb
          .selectFrom('affiliates')
          .select('affiliates.id')
          .where('affiliates.account_manager_id', '=', managerId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll('customers').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const totals = ids.length
    ? await db
        .selectFrom('customer_totals')
        .selectAll()
        .where('customer_id', 'in', ids)
        .orderBy('currency')
        .execute()
    : [];
  return {
    data: rows.map((r) =>
      customerView(
        r,
        totals.filter((t) => t.customer_id === r.id),
      ),
    ),
    total: Number(count.n),
  };
}
