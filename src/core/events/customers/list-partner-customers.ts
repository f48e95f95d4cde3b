import type { Db } from '../../../db/index.ts';
import { listCustomers } from './list-customers.ts';
import { type PartnerCustomerView, partnerCustomerView } from './partner-customer-view.ts';

export interface PartnerCustomerFilter {
  brand_id?: number;
  campaign_id?: number;
  promo_id?: number;
  has_ftd?: boolean;
  registered_from?: Date;
  registered_to?: Date;
}

/** An affiliate's own customers, newest first, the operator's ids masked unless the brand shows them. */
export async function listPartnerCustomers(options: {
  db: Db;
  affiliateId: number;
  filter: PartnerCustomerFilter;
  limit: number;
  offset: number;
}): Promise<{ data: PartnerCustomerView[]; total: number }> {
  const { db, affiliateId } = options;
  const page = await listCustomers({
    db,
    filter: { ...options.filter, affiliate_id: affiliateId },
    limit: options.limit,
    offset: options.offset,
  });
  const brandIds = [...new Set(page.data.map((c) => c.brand_id))];
  const shown = new Set(
    brandIds.length
      ? (
          await db
            .selectFrom('brands')
            .select('id')
            .where('id', 'in', brandIds)
            .where('show_customer_ids', '=', true)
            .execute()
        ).map((b) => b.id)
      : [],
  );
  return { data: page.data.map((c) => partnerCustomerView(c, shown.has(c.brand_id))), total: page.total };
}
