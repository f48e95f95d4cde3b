import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError } from '../../errors.ts';
import type { Click } from './list-clicks.ts';

/** One click with every stored field, and the names of what it points at (null once deleted). */
export interface ClickDetail extends Click {
  affiliate_name: string | null;
  campaign_name: string | null;
  promo_title: string | null;
  promo_code: string | null;
  brand_name: string | null;
  destination_link_name: string | null;
}

/** One click; another affiliate's (for a scope) answers not found, like a missing one. */
export async function getClick(db: Db, id: string, scope: Scope = {}): Promise<ClickDetail> {
  let query = db
    .selectFrom('clicks')
    .leftJoin('affiliates', 'affiliates.id', 'clicks.affiliate_id')
    .leftJoin('campaigns', 'campaigns.id', 'clicks.campaign_id')
    .leftJoin('promos', 'promos.id', 'clicks.promo_id')
    .leftJoin('brands', 'brands.id', 'clicks.brand_id')
    .leftJoin('destination_links', 'destination_links.id', 'clicks.destination_link_id')
    .selectAll('clicks')
    .select([
      'affiliates.name as affiliate_name',
      'campaigns.name as campaign_name',
      'promos.title as promo_title',
      'promos.code as promo_code',
      'brands.name as brand_name',
      'destination_links.name as destination_link_name',
    ])
    .where('clicks.id', '=', id);
  if (scope.affiliateId !== undefined) query = query.where('clicks.affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    query = query.where('clicks.affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`click ${id}`);
  return row;
}
