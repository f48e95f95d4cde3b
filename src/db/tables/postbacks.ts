import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './foundation.ts';

type Int8 = ColumnType<bigint, bigint | number | string, bigint | number | string>;

export type PostbackScope = 'account' | 'campaign' | 'promo';
export type PostbackTrigger =
  | 'registration'
  | 'qualified_lead'
  | 'first_deposit'
  | 'qualified_first_deposit'
  | 'deposit'
  | 'sale'
  | 'refund'
  | 'chargeback'
  | 'commission_approved';
export type PostbackDelivery = 's2s_get' | 's2s_post' | 'image' | 'iframe' | 'javascript';
export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed' | 'client';
export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'served';

/** An affiliate's postback (migration 0030). */
export interface PostbackDefinitionsTable {
  id: Generated<number>;
  affiliate_id: number;
  name: Generated<string>;
  scope: PostbackScope;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: PostbackTrigger;
  plan_id: number | null;
  delivery: PostbackDelivery;
  status: Generated<'active' | 'inactive'>;
  url: string;
  consecutive_failures: Generated<number>;
  disabled_at: Date | null;
  disabled_reason: string | null;
  deleted_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PostbackDeliveriesTable {
  id: Generated<bigint>;
  definition_id: number;
  affiliate_id: number;
  brand_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: PostbackTrigger;
  event_ref: Int8 | null;
  commission_ref: Int8 | null;
  test: Generated<boolean>;
  delivery: PostbackDelivery;
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  state: Generated<DeliveryState>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  claimed_until: Date | null;
  last_status: number | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

/** Append-only: every attempt of a delivery. */
export interface PostbackAttemptsTable {
  id: Generated<bigint>;
  delivery_id: Int8;
  definition_id: number;
  affiliate_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: PostbackTrigger;
  test: Generated<boolean>;
  attempted_at: Date;
  method: string;
  url: string;
  attempt: number;
  outcome: AttemptOutcome;
  response_code: number | null;
  response_ms: number | null;
  response_body: string | null;
  error: string | null;
  next_retry_at: Date | null;
}

export interface PostbackTables {
  postback_definitions: PostbackDefinitionsTable;
  postback_deliveries: PostbackDeliveriesTable;
  postback_attempts: PostbackAttemptsTable;
}
