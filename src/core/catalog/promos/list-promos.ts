import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { type Promo, type Scope, toPromo } from '../types.ts';
import { selectPromos } from './promo-query.ts';

export interface PromoFilter {
  campaign_id?: number;
  affiliate_id?: number;
  brand_id?: number;
  destination_link_id?: number;
  code?: string;
  id?: number;
  /** Part of the title or of the code, any case (a picker's search). */
  q?: string;
}

/** Newest first, one page of them and the count of every match. */
export async function listPromos(options: {
  db: Db;
  filter: PromoFilter;
  limit: number;
  offset: number;
  publicUrl: string;
  scope?: Scope;
}): Promise<{ data: Promo[]; total: number }> {
  const { db, filter } = options;
  let query = selectPromos(db);
  if (filter.campaign_id !== undefined) query = query.where('promos.campaign_id', '=', filter.campaign_id);
  if (filter.brand_id !== undefined) query = query.where('promos.brand_id', '=', filter.brand_id);
  if (filter.destination_link_id !== undefined) {
    query = query.where('promos.destination_link_id', '=', filter.destination_link_id);
  }
  if (filter.code) query = query.where('promos.code', '=', filter.code.trim().toLowerCase());
  if (filter.id !== undefined) query = query.where('promos.id', '=', filter.id);
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('promos.title', 'ilike', like), eb('promos.code', 'ilike', like)]));
  }
  const affiliateId = options.scope?.affiliateId ?? filter.affiliate_id;
  if (affiliateId !== undefined) query = query.where('promos.affiliate_id', '=', affiliateId);
  const managerId = options.scope?.managerId;
  if (managerId !== undefined) {
    query = query.where('promos.affiliate_id', 'in', managedAffiliateIds(db, managerId));
  }
  const [rows, count] = await Promise.all([
    query.orderBy('promos.id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map((row) => toPromo(row, options.publicUrl)), total: Number(count.n) };
}
