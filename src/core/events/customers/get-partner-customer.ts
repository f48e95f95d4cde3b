import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { getCustomer } from './get-customer.ts';
import {
  type PartnerCustomerView,
  type PartnerTimelineEntry,
  partnerCustomerView,
  partnerTimeline,
} from './partner-customer-view.ts';

/** One of the affiliate's own customers with its part of the timeline; anyone else's is not found. */
export async function getPartnerCustomer(options: {
  db: Db;
  affiliateId: number;
  id: number;
}): Promise<PartnerCustomerView & { timeline: PartnerTimelineEntry[] }> {
  const { db, affiliateId } = options;
  const owner = await db
    .selectFrom('customers as c')
    .innerJoin('brands as b', 'b.id', 'c.brand_id')
    .select('b.show_customer_ids')
    .where('c.id', '=', BigInt(options.id))
    .where('c.affiliate_id', '=', affiliateId)
    .executeTakeFirst();
  if (!owner) throw AppError.notFound('customer');
  const { timeline, ...customer } = await getCustomer({ db, id: options.id });
  const view = partnerCustomerView(customer, owner.show_customer_ids);
  return { ...view, timeline: partnerTimeline(timeline, affiliateId, view.customer_id) };
}
