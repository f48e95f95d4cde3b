// @internal: the commission engine's own types.
import type { CommissionKind } from '../../../db/tables/earned-commissions.ts';
import type { EventType } from '../../../db/tables/events.ts';

/** An event as the engine reads it: what it is, whose it is, what it is worth. */
export interface EngineEvent {
  id: bigint;
  customer_id: bigint;
  type: EventType;
  occurred_at: Date;
  amount: bigint | null;
  currency: string | null;
  original_id: bigint | null;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
}

/** The columns of `events` an EngineEvent is read from. */
export const ENGINE_EVENT_COLUMNS = [
  'id',
  'customer_id',
  'type',
  'occurred_at',
  'amount',
  'currency',
  'original_id',
  'affiliate_id',
  'campaign_id',
  'promo_id',
] as const;

/** The columns of `customers` an EngineCustomer is read from. */
export const ENGINE_CUSTOMER_COLUMNS = [
  'id',
  'brand_id',
  'external_id',
  'affiliate_id',
  'campaign_id',
  'promo_id',
  'country',
  'registered_at',
  'attributed_at',
  'first_event_at',
  'qualified_at',
  'held',
] as const;

/** A customer as the engine reads it, as its events left it. */
export interface EngineCustomer {
  id: bigint;
  brand_id: number;
  external_id: string;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  country: string | null;
  registered_at: Date | null;
  attributed_at: Date | null;
  first_event_at: Date;
  qualified_at: Date | null;
  held: boolean;
}

/** A commission the engine means to write; `ref` links rows of one run before they have ids. */
export interface NewCommission {
  id?: bigint;
  brand_id: number;
  affiliate_id: number;
  currency: string;
  amount: bigint;
  kind: CommissionKind;
  plan_id: number | null;
  plan_version_id: number | null;
  customer_id: bigint | null;
  event_id: bigint | null;
  campaign_id: number | null;
  promo_id: number | null;
  source_affiliate_id: number | null;
  level: number | null;
  /** The commission this one derives from: written already (an id) or in this run (a row). */
  source: bigint | NewCommission | null;
  reverses: bigint | NewCommission | null;
  earned_at: Date;
  hold_until: Date | null;
  held: boolean;
  source_key: string;
  trace: Record<string, unknown>;
  explanation: string;
}
