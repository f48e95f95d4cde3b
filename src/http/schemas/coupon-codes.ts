import { Type } from 'typebox';
import { ListPaging, Nullable, NullableTimestamp, Timestamp } from './common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const COUPON_HELP =
  'A coupon code is what a customer types at the operator (checkout, sign-up): an event carrying it as `coupon_code` is attributed to the code’s affiliate (and campaign or promo) when no valid click id comes first. Codes are unique per brand whatever their case; the code’s validity dates and `enabled` are read at the event’s own time. Not the promo’s tracking code (`{{promo_code}}`).';

export const CouponCode = Type.Object(
  {
    id: Type.Integer(),
    brand_id: Type.Integer(),
    code: Type.String({ description: 'Matched without regard to case' }),
    affiliate_id: Type.Integer(),
    campaign_id: Nullable(Type.Integer()),
    promo_id: Nullable(Type.Integer()),
    description: Nullable(Type.String()),
    valid_from: NullableTimestamp,
    valid_until: NullableTimestamp,
    enabled: Type.Boolean({ description: 'A disabled code attributes nothing' }),
    used: Type.Boolean({
      description: 'An event was attributed by it: it can be disabled, not deleted',
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'CouponCode' },
);

export const CouponCodePage = Type.Object({
  data: Type.Array(CouponCode),
  paging: ListPaging,
});

export const couponFilters = {
  brand_id: Type.Optional(Id),
  campaign_id: Type.Optional(Id),
  promo_id: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'Part of the code, in any case' })),
  enabled: Type.Optional(Type.Boolean()),
};

/** An optional, clearable moment sent as ISO 8601 text. */
export const When = (description: string) =>
  Type.Optional(Nullable(Type.String({ format: 'date-time', description })));
