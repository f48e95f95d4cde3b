import type { Selectable } from 'kysely';
import type { ActivityLinesTable, EventsTable } from '../../db/tables/events.ts';
import { ACTIVITY_FIELDS } from './event-input.ts';

export type EventRow = Selectable<EventsTable>;

export interface EventView {
  id: number;
  type: EventsTable['type'];
  event_id: string;
  brand_id: number;
  customer_id: string;
  customer_ref: number;
  occurred_at: Date;
  received_at: Date;
  amount: number | null;
  currency: string | null;
  country: string | null;
  name: string | null;
  order_id: string | null;
  subscription_id: string | null;
  original_ref: number | null;
  period_start: string | null;
  period_end: string | null;
  is_ftd: boolean;
  activity: Record<string, unknown>[];
  attribution: {
    status: 'attributed' | 'unattributed';
    method: string | null;
    affiliate_id: number | null;
    campaign_id: number | null;
    promo_id: number | null;
    click_id: string | null;
    coupon_code_id: number | null;
    summary: string;
    explanation: Record<string, unknown>;
  };
  flags: string[];
  held: boolean;
  hints: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const num = (v: bigint | null) => (v === null ? null : Number(v));

/** Minor units are integers in the API; bigint columns fit in a JSON number below 2^53. */
export function eventView(
  row: EventRow,
  customerExternalId: string,
  lines: Selectable<ActivityLinesTable>[] = [],
): EventView {
  return {
    id: Number(row.id),
    type: row.type,
    event_id: row.event_id,
    brand_id: row.brand_id,
    customer_id: customerExternalId,
    customer_ref: Number(row.customer_id),
    occurred_at: row.occurred_at,
    received_at: row.received_at,
    amount: num(row.amount),
    currency: row.currency,
    country: row.country,
    name: row.name,
    order_id: row.order_id,
    subscription_id: row.subscription_id,
    original_ref: num(row.original_id),
    period_start: row.period_start,
    period_end: row.period_end,
    is_ftd: row.is_ftd,
    activity: lines.map((line) => ({
      product: line.product,
      currency: line.currency,
      ...Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, Number(line[f])])),
    })),
    attribution: {
      status: row.affiliate_id === null ? 'unattributed' : 'attributed',
      method: row.attribution_method,
      affiliate_id: row.affiliate_id,
      campaign_id: row.campaign_id,
      promo_id: row.promo_id,
      click_id: row.click_id,
      coupon_code_id: row.coupon_code_id,
      summary: String(row.attribution.summary ?? ''),
      explanation: row.attribution,
    },
    flags: row.flags,
    held: row.held,
    hints: row.hints,
    metadata: row.metadata,
  };
}
