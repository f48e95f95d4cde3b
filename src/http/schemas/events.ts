import { Type } from 'typebox';
import { ACTIVITY_FIELDS, EVENT_TYPES, PRODUCTS } from '../../core/events/event-input.ts';
import { Nullable, NullableTimestamp, StringEnum, Timestamp } from './common.ts';

const Minor = (description: string) => Type.Integer({ description });

const Figures = Type.Object(
  Object.fromEntries(
    ACTIVITY_FIELDS.map((f) => [
      f,
      Type.Optional(Minor(f === 'bet_count' ? 'Number of bets' : `${f.replace('_', ' ')} in minor units`)),
    ]),
  ),
  { additionalProperties: false },
);

/** One event as the operator's platform sends it (documentation: items are checked one by one). */
export const EventInput = Type.Object(
  {
    type: StringEnum(EVENT_TYPES),
    event_id: Type.String({
      maxLength: 200,
      description: "The caller's id: (brand, type, event_id) is unique",
    }),
    brand_id: Type.Integer({ minimum: 1 }),
    customer_id: Type.String({
      maxLength: 200,
      description: "The operator's own id for the customer (player)",
    }),
    occurred_at: Type.String({
      format: 'date-time',
      description: 'When it happened; late events are welcome',
    }),
    amount: Type.Optional(
      Type.Integer({
        description:
          'Minor units (1050 = 10.50). Required and above 0 for deposit, withdrawal, sale, refund, chargeback',
      }),
    ),
    currency: Type.Optional(
      Type.String({ description: 'Required with an amount and for activity, e.g. EUR' }),
    ),
    country: Type.Optional(Type.String({ description: 'Two-letter country code' })),
    click_id: Type.Optional(
      Type.String({ description: 'Attribution hint: the click id the landing received' }),
    ),
    coupon_code: Type.Optional(
      Type.String({ description: 'Attribution hint: a coupon code the customer typed' }),
    ),
    affiliate_id: Type.Optional(
      Type.Integer({ description: 'Attribution hint: the affiliate, named by the operator' }),
    ),
    campaign_id: Type.Optional(Type.Integer({ description: 'With affiliate_id: one of its campaigns' })),
    email: Type.Optional(
      Type.String({ description: 'Hashed (SHA-256 of the lower-cased email) and never stored' }),
    ),
    email_hash: Type.Optional(Type.String({ description: 'SHA-256 hex of the lower-cased email' })),
    ip: Type.Optional(Type.String()),
    device_id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String({ description: 'custom events: the event name' })),
    order_id: Type.Optional(Type.String({ description: 'sales' })),
    subscription_id: Type.Optional(Type.String({ description: 'sales: recurring revenue' })),
    original_event_id: Type.Optional(
      Type.String({ description: 'refunds and chargebacks: the event_id of the deposit or sale taken back' }),
    ),
    original_event_type: Type.Optional(StringEnum(['deposit', 'sale'] as const)),
    period_start: Type.Optional(Type.String({ format: 'date', description: 'activity: first day covered' })),
    period_end: Type.Optional(Type.String({ format: 'date', description: 'activity: last day covered' })),
    activity: Type.Optional(Figures),
    products: Type.Optional(
      Type.Object(Object.fromEntries(PRODUCTS.map((p) => [p, Type.Optional(Figures)])), {
        additionalProperties: false,
        description: 'activity: the same figures per product, instead of activity',
      }),
    ),
    metadata: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'At most 4 KB' })),
  },
  { additionalProperties: false },
);

export const EventsBody = Type.Union([
  EventInput,
  Type.Object({ events: Type.Array(EventInput, { minItems: 1, maxItems: 1000 }) }),
]);

const Rejected = Type.Object({
  kind: Type.String(),
  value: Type.Unknown(),
  reason: Type.String(),
  message: Type.String(),
});

export const Explanation = Type.Object(
  {
    policy: Type.Optional(Type.Object({ binding: Type.String(), click_lookback_days: Type.Integer() })),
    method: Type.Optional(Nullable(Type.String())),
    affiliate_id: Type.Optional(Nullable(Type.Integer())),
    campaign_id: Type.Optional(Nullable(Type.Integer())),
    promo_id: Type.Optional(Nullable(Type.Integer())),
    click_id: Type.Optional(Nullable(Type.String())),
    coupon_code_id: Type.Optional(Nullable(Type.Integer())),
    winner: Type.Optional(
      Nullable(Type.Object({ kind: Type.String(), value: Type.Unknown(), detail: Type.String() })),
    ),
    rejected: Type.Optional(Type.Array(Rejected)),
    previous: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'The explanation this decision replaced' }),
    ),
    summary: Type.String(),
  },
  {
    additionalProperties: true,
    description:
      'Why the event belongs where it does: the policy, the winning method and hint, every hint rejected and why, and one readable sentence',
  },
);

export const Event = Type.Object({
  id: Type.Integer(),
  type: StringEnum(EVENT_TYPES),
  event_id: Type.String(),
  brand_id: Type.Integer(),
  customer_id: Type.String({ description: "The operator's id" }),
  customer_ref: Type.Integer({ description: 'Our id of the customer (GET /customers/{id})' }),
  occurred_at: Timestamp,
  received_at: Timestamp,
  amount: Nullable(Type.Integer()),
  currency: Nullable(Type.String()),
  country: Nullable(Type.String()),
  name: Nullable(Type.String()),
  order_id: Nullable(Type.String()),
  subscription_id: Nullable(Type.String()),
  original_ref: Nullable(Type.Integer({ description: 'The event a refund or chargeback takes back' })),
  period_start: Nullable(Type.String()),
  period_end: Nullable(Type.String()),
  is_ftd: Type.Boolean({ description: "The customer's first deposit, decided by the platform" }),
  activity: Type.Array(
    Type.Object(
      { product: Type.String(), currency: Type.String() },
      { additionalProperties: Type.Integer() },
    ),
  ),
  attribution: Type.Object({
    status: StringEnum(['attributed', 'unattributed'] as const),
    method: Nullable(Type.String()),
    affiliate_id: Nullable(Type.Integer()),
    campaign_id: Nullable(Type.Integer()),
    promo_id: Nullable(Type.Integer()),
    click_id: Nullable(Type.String()),
    coupon_code_id: Nullable(Type.Integer()),
    summary: Type.String(),
    explanation: Explanation,
  }),
  flags: Type.Array(Type.String()),
  held: Type.Boolean(),
  hints: Type.Object({}, { additionalProperties: true }),
  metadata: Type.Object({}, { additionalProperties: true }),
});

const ItemError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  fields: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});

export const ItemResult = Type.Object({
  index: Type.Integer(),
  status: StringEnum(['created', 'duplicate', 'rejected'] as const),
  event: Type.Optional(Event),
  error: Type.Optional(ItemError),
});

export const BatchResult = Type.Object({
  created: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(ItemResult),
});

export const SingleResult = Type.Object({
  status: StringEnum(['created', 'duplicate'] as const),
  event: Event,
});

export const CustomerTotals = Type.Object(
  {
    currency: Type.String(),
    deposit_count: Type.Integer(),
    deposit_total: Type.Integer(),
    withdrawal_count: Type.Integer(),
    withdrawal_total: Type.Integer(),
    net_deposits: Type.Integer({ description: 'Deposits minus withdrawals' }),
    ggr: Type.Integer({ description: 'Bets minus wins' }),
    ...Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, Type.Integer()])),
    sale_count: Type.Integer(),
    sale_total: Type.Integer(),
    refund_total: Type.Integer(),
  },
  { description: 'Money to date in one currency, in minor units' },
);

export const Customer = Type.Object({
  id: Type.Integer(),
  brand_id: Type.Integer(),
  customer_id: Type.String({
    description: "The operator's id (masked in the partner API unless the brand shows it)",
  }),
  affiliate_id: Nullable(Type.Integer()),
  campaign_id: Nullable(Type.Integer()),
  promo_id: Nullable(Type.Integer()),
  click_id: Nullable(Type.String()),
  coupon_code_id: Nullable(Type.Integer()),
  attribution_method: Nullable(Type.String()),
  sub1: Nullable(Type.String()),
  sub2: Nullable(Type.String()),
  sub3: Nullable(Type.String()),
  sub4: Nullable(Type.String()),
  sub5: Nullable(Type.String()),
  params: Type.Object({}, { additionalProperties: true, description: 'Custom parameters of the click' }),
  country: Nullable(Type.String()),
  first_event_at: Timestamp,
  last_event_at: Timestamp,
  registered_at: NullableTimestamp,
  attributed_at: NullableTimestamp,
  ftd_at: NullableTimestamp,
  ftd_amount: Nullable(Type.Integer()),
  ftd_currency: Nullable(Type.String()),
  qualified_at: NullableTimestamp,
  flags: Type.Array(Type.String(), { description: 'Fraud rules the customer matched' }),
  held: Type.Boolean({ description: 'A fraud rule in hold mode matched: commissions wait for the operator' }),
  event_count: Type.Integer(),
  totals: Type.Array(CustomerTotals),
});

export const TimelineEntry = Type.Object({
  at: Timestamp,
  kind: StringEnum(['click', 'event', 'attribution', 'fraud_flag'] as const),
  click: Type.Optional(Type.Object({}, { additionalProperties: true })),
  event: Type.Optional(Event),
  decision: Type.Optional(Type.Object({}, { additionalProperties: true })),
  flag: Type.Optional(Type.Object({}, { additionalProperties: true })),
});

export const CustomerDetail = Type.Intersect([
  Customer,
  Type.Object({ timeline: Type.Array(TimelineEntry) }),
]);

export { ListPaging } from './common.ts';
