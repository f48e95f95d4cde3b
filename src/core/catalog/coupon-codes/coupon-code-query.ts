// @internal: only core/catalog imports this file.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import type { Scope } from '../types.ts';
import type { CouponCode } from './coupon-code.ts';

/** Coupon codes the scope reaches, each with whether an event used it. */
export function couponCodes(db: Db, scope: Scope) {
  let query = db.selectFrom('coupon_codes').selectAll('coupon_codes').select(
    // An event attributed by a code bound its customer by it: that decision is the use.
    sql<boolean>`exists (select 1 from attribution_decisions d where d.coupon_code_id = coupon_codes.id)`.as(
      'used',
    ),
  );
  if (scope.affiliateId !== undefined) query = query.where('affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    query = query.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  return query;
}

/** One coupon code the scope reaches, locked for the rest of the transaction when asked. */
export async function findCouponCode(db: Db, id: number, scope: Scope, lock = false): Promise<CouponCode> {
  let query = couponCodes(db, scope).where('coupon_codes.id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`coupon code ${id}`);
  return row;
}
