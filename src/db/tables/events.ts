import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type EventType =
  | 'registration'
  | 'deposit'
  | 'withdrawal'
  | 'activity'
  | 'sale'
  | 'refund'
  | 'chargeback'
  | 'qualification'
  | 'custom';
export type AttributionBinding = 'lifetime' | 'last_click';
export type AttributionMethod =
  | 'customer'
  | 'click_id'
  | 'coupon_code'
  | 'affiliate_id'
  | 'operator'
  | 'original_event';
export type DecisionKind = 'initial' | 'takeover' | 'operator_attribution' | 'reattribution';
export type FraudRuleName =
  | 'bot_click'
  | 'fast_registration'
  | 'self_referral'
  | 'duplicate_customer'
  | 'country_not_allowed';
export type FraudMode = 'off' | 'flag' | 'hold';
export type Product = 'all' | 'casino' | 'sports' | 'poker' | 'other';

/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint columns: read as bigint, written as bigint or a decimal string. */
type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>;
/** bigint identity: generated, or taken up front with nextval and written explicitly. */
type Id8 = ColumnType<bigint, bigint | string | undefined, never>;
type Int8Null = ColumnType<bigint | null, bigint | string | number | null, bigint | string | number | null>;

export interface CouponCodesTable {
  id: Generated<number>;
  brand_id: number;
  code: string;
  affiliate_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  description: string | null;
  valid_from: Date | null;
  valid_until: Date | null;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface FraudRulesTable {
  brand_id: number;
  rule: FraudRuleName;
  mode: FraudMode;
  params: Json<Record<string, unknown>>;
  updated_at: CreatedAt;
}

export interface CustomersTable {
  id: Id8;
  brand_id: number;
  external_id: string;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
  attribution_method: Exclude<AttributionMethod, 'customer' | 'original_event'> | null;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  params: Json<Record<string, unknown>>;
  country: string | null;
  email_hash: string | null;
  ip: string | null;
  device_id: string | null;
  first_event_at: Date;
  registered_at: Date | null;
  attributed_at: Date | null;
  ftd_at: Date | null;
  ftd_amount: Int8Null;
  ftd_currency: string | null;
  ftd_event_id: Int8Null;
  qualified_at: Date | null;
  flags: Generated<string[]>;
  held: Generated<boolean>;
  last_event_at: Date;
  event_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CustomerTotalsTable {
  customer_id: Int8;
  currency: string;
  deposit_count: Generated<number>;
  deposit_total: Int8;
  withdrawal_count: Generated<number>;
  withdrawal_total: Int8;
  bets: Int8;
  bet_count: Generated<number>;
  wins: Int8;
  bonuses: Int8;
  jackpot_contributions: Int8;
  taxes: Int8;
  fees: Int8;
  chargebacks: Int8;
  adjustments: Int8;
  sale_count: Generated<number>;
  sale_total: Int8;
  refund_total: Int8;
}

export interface EventsTable {
  id: Id8;
  brand_id: number;
  type: EventType;
  event_id: string;
  customer_id: Int8;
  occurred_at: Date;
  received_at: CreatedAt;
  amount: Int8Null;
  currency: string | null;
  country: string | null;
  name: string | null;
  order_id: string | null;
  subscription_id: string | null;
  original_id: Int8Null;
  period_start: string | null;
  period_end: string | null;
  is_ftd: Generated<boolean>;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
  attribution_method: AttributionMethod | null;
  attribution: Json<Record<string, unknown>>;
  flags: Generated<string[]>;
  held: Generated<boolean>;
  hints: Json<Record<string, unknown>>;
  metadata: Json<Record<string, unknown>>;
  body_hash: string;
  actor_type: ActorType;
  actor_id: number | null;
}

export interface ActivityLinesTable {
  id: Id8;
  event_id: Int8;
  product: Product;
  currency: string;
  bets: Int8;
  bet_count: Generated<number>;
  wins: Int8;
  bonuses: Int8;
  jackpot_contributions: Int8;
  taxes: Int8;
  fees: Int8;
  chargebacks: Int8;
  adjustments: Int8;
}

export interface AttributionDecisionsTable {
  id: Id8;
  customer_id: Int8;
  event_id: Int8Null;
  kind: DecisionKind;
  previous_affiliate_id: number | null;
  affiliate_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
  method: Exclude<AttributionMethod, 'customer' | 'original_event'>;
  explanation: Json<Record<string, unknown>>;
  reason: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
}

export interface FraudFlagsTable {
  id: Id8;
  customer_id: Int8;
  event_id: Int8Null;
  rule: FraudRuleName;
  mode: 'flag' | 'hold';
  detail: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface EventTables {
  coupon_codes: CouponCodesTable;
  fraud_rules: FraudRulesTable;
  customers: CustomersTable;
  customer_totals: CustomerTotalsTable;
  events: EventsTable;
  activity_lines: ActivityLinesTable;
  attribution_decisions: AttributionDecisionsTable;
  fraud_flags: FraudFlagsTable;
}
