import type { Selectable } from 'kysely';
import type { CouponCodesTable } from '../../../db/tables/events.ts';

/**
 * A code a customer types at the operator's checkout or sign-up (Everflow's coupon codes): an
 * event naming it is attributed to its affiliate, and to its campaign or promo when it has one.
 * Not the promo's tracking code, which names a tracking link.
 */
export interface CouponCode extends Selectable<CouponCodesTable> {
  /** Whether an event was attributed by it: a used code can be disabled, never deleted. */
  used: boolean;
}

export interface CouponCodeFilter {
  brand_id?: number;
  affiliate_id?: number;
  campaign_id?: number;
  promo_id?: number;
  /** Part of the code, in any case. */
  q?: string;
  enabled?: boolean;
}
