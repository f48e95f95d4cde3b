import type { Db } from '../../db/index.ts';
import type { SiteReviewStatus } from '../../db/tables/sites.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { type SiteView, siteView } from './site-view.ts';

export interface SiteFilter {
  affiliateId?: number;
  reviewStatus?: SiteReviewStatus;
  managerId?: number;
}

/** Sites newest first, with the total for paging. */
export async function listSites(options: {
  db: Db;
  filter: SiteFilter;
  limit: number;
  offset: number;
}): Promise<{ data: SiteView[]; total: number }> {
  const f = options.filter;
  let q = options.db.selectFrom('affiliate_sites');
  if (f.affiliateId !== undefined) q = q.where('affiliate_id', '=', f.affiliateId);
  if (f.reviewStatus) q = q.where('review_status', '=', f.reviewStatus);
  if (f.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, f.managerId));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(siteView), total: Number(count.n) };
}
