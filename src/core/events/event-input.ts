import type { EventType, Product } from '../../db/tables/events.ts';

export const EVENT_TYPES: readonly EventType[] = [
  'registration',
  'deposit',
  'withdrawal',
  'activity',
  'sale',
  'refund',
  'chargeback',
  'qualification',
  'custom',
];

/** Types whose amount is required and positive. */
export const MONEY_TYPES: readonly EventType[] = ['deposit', 'withdrawal', 'sale', 'refund', 'chargeback'];

export const PRODUCTS: readonly Exclude<Product, 'all'>[] = ['casino', 'sports', 'poker', 'other'];

/** An activity line's figures, in minor units (bet_count is a count). */
export const ACTIVITY_FIELDS = [
  'bets',
  'bet_count',
  'wins',
  'bonuses',
  'jackpot_contributions',
  'taxes',
  'fees',
  'chargebacks',
  'adjustments',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];
export type ActivityFigures = Record<ActivityField, bigint>;

export const MAX_BATCH = 1000;

/** What attributes an event, as the caller sent it. */
export interface EventHints {
  click_id?: string;
  coupon_code?: string;
  affiliate_id?: number;
  campaign_id?: number;
  email_hash?: string;
  ip?: string;
  device_id?: string;
}

/** One event item after its checks: every field in its native type. */
export interface EventInput {
  type: EventType;
  eventId: string;
  brandId: number;
  customerId: string;
  occurredAt: Date;
  amount: bigint | null;
  currency: string | null;
  country: string | null;
  name: string | null;
  orderId: string | null;
  subscriptionId: string | null;
  originalEventId: string | null;
  originalEventType: 'deposit' | 'sale' | null;
  periodStart: string | null;
  periodEnd: string | null;
  activity: { product: Product; figures: ActivityFigures }[];
  hints: EventHints;
  metadata: Record<string, unknown>;
  bodyHash: string;
}
