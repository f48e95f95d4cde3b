import type { Db } from '../../../db/index.ts';
import type { Scope } from '../types.ts';
import type { CouponCode, CouponCodeFilter } from './coupon-code.ts';
import { couponCodes } from './coupon-code-query.ts';

/** Newest first. The scope wins over the filter: a partner lists its own codes whatever it asks. */
export async function listCouponCodes(options: {
  db: Db;
  filter: CouponCodeFilter;
  limit: number;
  offset: number;
  scope?: Scope;
}): Promise<{ data: CouponCode[]; total: number }> {
  const { db, filter: f } = options;
  let query = couponCodes(db, options.scope ?? {});
  if (f.brand_id !== undefined) query = query.where('brand_id', '=', f.brand_id);
  if (f.affiliate_id !== undefined) query = query.where('affiliate_id', '=', f.affiliate_id);
  if (f.campaign_id !== undefined) query = query.where('campaign_id', '=', f.campaign_id);
  if (f.promo_id !== undefined) query = query.where('promo_id', '=', f.promo_id);
  if (f.enabled !== undefined) query = query.where('enabled', '=', f.enabled);
  if (f.q) query = query.where('code', 'ilike', `%${f.q.trim().replace(/[\\%_]/g, '\\$&')}%`);
  const [data, count] = await Promise.all([
    query.orderBy('coupon_codes.id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { data, total: Number(count.n) };
}
