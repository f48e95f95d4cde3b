import type { AttributionBinding, AttributionMethod } from '../../../db/tables/events.ts';

export interface ClickFacts {
  id: string;
  clicked_at: Date;
  brand_id: number;
  promo_id: number;
  campaign_id: number;
  affiliate_id: number;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  params: Record<string, unknown>;
  is_bot: boolean;
  country: string | null;
  ip: string | null;
}

export interface CouponFacts {
  id: number;
  brand_id: number;
  code: string;
  affiliate_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  valid_from: Date | null;
  valid_until: Date | null;
  enabled: boolean;
}

export interface AffiliateFacts {
  id: number;
  name: string;
  status: string;
}

export interface CampaignFacts {
  id: number;
  affiliate_id: number;
  brand_id: number;
  status: string;
}

export interface PromoFacts {
  id: number;
  code: string;
  enabled: boolean;
  campaign_id: number;
}

/** What the batch loaded, keyed for the decisions of its events. */
export interface AttributionLookups {
  clicks: Map<string, ClickFacts>;
  coupons: Map<string, CouponFacts>; // key: `${brand_id}:${lower(code)}`
  affiliates: Map<number, AffiliateFacts>;
  campaigns: Map<number, CampaignFacts>;
  promos: Map<number, PromoFacts>;
}

export interface Policy {
  binding: AttributionBinding;
  lookbackDays: number;
}

/** Who a customer belongs to now. */
export interface Binding {
  affiliateId: number;
  campaignId: number | null;
  promoId: number | null;
  clickId: string | null;
  clickedAt: Date | null;
  couponCodeId: number | null;
  method: Exclude<AttributionMethod, 'customer' | 'original_event'>;
  boundAt: Date;
}

export type CandidateKind = 'click_id' | 'coupon_code' | 'affiliate_id';

export type RejectReason =
  | 'unknown'
  | 'expired'
  | 'not_yet_valid'
  | 'click_after_event'
  | 'other_brand'
  | 'disabled_promo'
  | 'disabled_coupon'
  | 'archived_campaign'
  | 'inactive_affiliate'
  | 'customer_bound'
  | 'not_newer'
  | 'lower_priority';

export interface Candidate {
  kind: CandidateKind;
  value: string | number;
  /** Filled when the candidate is usable. */
  binding?: Omit<Binding, 'boundAt'>;
  reason?: RejectReason;
  message: string;
}

/** The stored explanation of one decision. */
export interface Explanation {
  [key: string]: unknown;
  policy: { binding: AttributionBinding; click_lookback_days: number };
  method: AttributionMethod | null;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
  winner: { kind: string; value: string | number | null; detail: string } | null;
  rejected: { kind: CandidateKind; value: string | number; reason: RejectReason; message: string }[];
  summary: string;
}
