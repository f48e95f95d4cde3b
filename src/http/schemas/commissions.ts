import { Type } from 'typebox';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

export const COMMISSION_KINDS = [
  'cpl',
  'cpa',
  'revshare',
  'sale_share',
  'sub_cpa',
  'sub_revshare',
  'sub_net_pl',
] as const;
export const COMMISSION_STATUSES = [
  'pending',
  'on_hold',
  'approved',
  'rejected',
  'reversed',
  'billed',
  'paid',
] as const;

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Ref = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

const partnerFields = {
  id: Type.Integer(),
  brand_id: Type.Integer(),
  affiliate_id: Type.Integer(),
  currency: Type.String(),
  amount: Type.Integer({ description: 'Minor units of `currency`; negative for a claw-back' }),
  kind: StringEnum(COMMISSION_KINDS),
  status: StringEnum(COMMISSION_STATUSES),
  plan_id: Nullable(Type.Integer()),
  plan_version_id: Nullable(Type.Integer()),
  customer_ref: Nullable(Type.Integer({ description: 'The customer (its id in /customers)' })),
  event_ref: Nullable(Type.Integer({ description: 'The event that caused it' })),
  campaign_id: Nullable(Type.Integer()),
  promo_id: Nullable(Type.Integer()),
  level: Nullable(
    Type.Integer({ description: 'Sub-affiliate cuts: 1 the direct referral, 2 the one below' }),
  ),
  source_commission_id: Nullable(
    Type.Integer({ description: 'What this derives from (a cut, a tier top-up)' }),
  ),
  reverses_id: Nullable(Type.Integer({ description: 'A claw-back: the commission it takes back' })),
  period_start: Nullable(Type.String()),
  period_end: Nullable(Type.String()),
  earned_at: Timestamp,
  hold_until: NullableTimestamp,
  explanation: Type.String({ description: 'The trace as one readable sentence' }),
  created_at: Timestamp,
};

export const PartnerCommission = Type.Object({
  ...partnerFields,
  explanation: Nullable(
    Type.String({ description: 'The trace as one readable sentence; null when the operator shows none' }),
  ),
  inputs: Nullable(
    Type.Record(Type.String(), Type.Unknown(), {
      description:
        "The trace's inputs (your customers' events and amounts, the rule, tier and formula), when the operator shows them; else null",
    }),
  ),
});

export const Commission = Type.Object({
  ...partnerFields,
  source_affiliate_id: Nullable(
    Type.Integer({ description: 'Sub-affiliate cuts: whose earning it is cut from' }),
  ),
  trace: Type.Record(Type.String(), Type.Unknown(), {
    description:
      'The inputs (events and amounts), the rule and tier that applied, the formula with its numbers',
  }),
});

export const CommissionDetail = Type.Object({
  ...Commission.properties,
  status_changes: Type.Array(
    Type.Object({
      from_status: Type.String(),
      to_status: Type.String(),
      reason: Nullable(Type.String()),
      actor: Type.Object({ type: Type.String(), id: Nullable(Type.Integer()), name: Type.String() }),
      at: Timestamp,
    }),
  ),
});

export const CommissionPage = ListOf(Commission);
export const PartnerCommissionPage = ListOf(PartnerCommission);

const filters = {
  brand_id: Type.Optional(Id),
  plan_id: Type.Optional(Id),
  kind: Type.Optional(StringEnum(COMMISSION_KINDS)),
  status: Type.Optional(StringEnum(COMMISSION_STATUSES)),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Earned at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Earned before' })),
  ...PageQuery,
};

export const CommissionQuery = Type.Object(
  { ...filters, affiliate_id: Type.Optional(Id), customer_ref: Type.Optional(Ref) },
  { additionalProperties: false },
);
export const PartnerCommissionQuery = Type.Object(filters, { additionalProperties: false });

export const StatusBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const RejectBody = Type.Object(
  { reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);

export const COMMISSION_HELP =
  'One row per thing earned, never edited: a refund claws back with a negative row naming what it reverses (`reverses_id`), a whole-period CPA tier tops up earlier CPAs with new rows (`source_commission_id`). Statuses: pending (inside its hold period), on_hold (its customer is held by a fraud rule), approved, rejected, reversed, billed, paid; every change is kept with who made it and why.';
