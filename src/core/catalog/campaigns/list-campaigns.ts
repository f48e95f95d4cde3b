import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Campaign, Scope } from '../types.ts';

/** The seed's three tabs and filters (campaign id, partial name, brand, commission plan). */
export interface CampaignFilter {
  tab?: 'active' | 'archived' | 'all';
  id?: number;
  name?: string;
  brand_id?: number;
  commission_plan_id?: number;
  affiliate_id?: number;
}

export type CampaignListItem = Campaign & { promo_count: number };

/** Newest first, one page of them and the count of every match. */
export async function listCampaigns(options: {
  db: Db;
  filter: CampaignFilter;
  limit: number;
  offset: number;
  scope?: Scope;
}): Promise<{ data: CampaignListItem[]; total: number }> {
  const { db, filter } = options;
  const scope = options.scope ?? {};
  let query = db.selectFrom('campaigns');
  const tab = filter.tab ?? 'active';
  if (tab !== 'all') query = query.where('status', '=', tab);
  if (filter.id !== undefined) query = query.where('campaigns.id', '=', filter.id);
  if (filter.name) query = query.where('name', 'ilike', `%${filter.name.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.brand_id !== undefined) query = query.where('brand_id', '=', filter.brand_id);
  if (filter.commission_plan_id !== undefined) {
    query = query.where('commission_plan_id', '=', filter.commission_plan_id);
  }
  // The scope wins over any affiliate filter: a partner cannot list another affiliate's campaigns.
  const affiliateId = scope.affiliateId ?? filter.affiliate_id;
  if (affiliateId !== undefined) query = query.where('affiliate_id', '=', affiliateId);
  if (scope.managerId !== undefined) {
    query = query.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('campaigns')
      .select((eb) =>
        eb
          .selectFrom('promos')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('promos.campaign_id', '=', 'campaigns.id')
          .as('promo_count'),
      )
      .orderBy('campaigns.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({ ...r, promo_count: Number(r.promo_count ?? 0) })),
    total: Number(count.n),
  };
}
