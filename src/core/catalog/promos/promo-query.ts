// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';

/** Promos with their brand's tracking domain, which the tracking link is written on. */
export function selectPromos(db: Db) {
  return db
    .selectFrom('promos')
    .innerJoin('brands', 'brands.id', 'promos.brand_id')
    .selectAll('promos')
    .select('brands.tracking_domain');
}
