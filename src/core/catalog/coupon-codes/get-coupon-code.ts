import type { Db } from '../../../db/index.ts';
import type { Scope } from '../types.ts';
import type { CouponCode } from './coupon-code.ts';
import { findCouponCode } from './coupon-code-query.ts';

/** Another affiliate's code (partner) or an unmanaged affiliate's (limited manager) is not found. */
export function getCouponCode(options: { db: Db; id: number; scope?: Scope }): Promise<CouponCode> {
  return findCouponCode(options.db, options.id, options.scope ?? {});
}
