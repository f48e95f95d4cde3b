import { Type } from 'typebox';
import { Nullable, StringEnum, Timestamp } from './common.ts';
import { Customer, Event, ListPaging } from './events.ts';

const MASK_HELP =
  "The operator's id for the customer: its first and last two characters with the rest starred, unless the brand shows affiliates the whole id.";

/** The operator's Customer without its affiliate (always the caller). */
export const PartnerCustomer = Type.Omit(Customer, ['affiliate_id']);

export const PartnerCustomerPage = Type.Object({ data: Type.Array(PartnerCustomer), paging: ListPaging });

/** An event without the operator's parts: its own ids, the hints it came with, the explanation. */
const PartnerEvent = Type.Intersect([
  Type.Omit(Event, [
    'event_id',
    'brand_id',
    'customer_id',
    'customer_ref',
    'attribution',
    'hints',
    'metadata',
  ]),
  Type.Object({
    customer_id: Type.String({ description: MASK_HELP }),
    attribution: Type.Object({
      method: Nullable(Type.String()),
      campaign_id: Nullable(Type.Integer()),
      promo_id: Nullable(Type.Integer()),
      click_id: Nullable(Type.String()),
      coupon_code_id: Nullable(Type.Integer()),
    }),
  }),
]);

export const PartnerCustomerDetail = Type.Intersect([
  PartnerCustomer,
  Type.Object({
    timeline: Type.Array(
      Type.Object({
        at: Timestamp,
        kind: StringEnum(['click', 'event', 'attribution', 'fraud_flag'] as const),
        click: Type.Optional(
          Type.Object(
            {
              id: Type.String(),
              clicked_at: Timestamp,
              promo_id: Type.Integer(),
              campaign_id: Type.Integer(),
              sub1: Nullable(Type.String()),
              sub2: Nullable(Type.String()),
              sub3: Nullable(Type.String()),
              sub4: Nullable(Type.String()),
              sub5: Nullable(Type.String()),
              params: Type.Object({}, { additionalProperties: true }),
              country: Nullable(Type.String()),
              device_type: Nullable(Type.String()),
              referrer: Nullable(Type.String()),
            },
            { description: 'Your click that brought the customer' },
          ),
        ),
        event: Type.Optional(PartnerEvent),
        decision: Type.Optional(
          Type.Object(
            {
              kind: Type.String({
                description: 'initial, takeover (a newer click), operator_attribution or reattribution',
              }),
              method: Type.String(),
              campaign_id: Nullable(Type.Integer()),
              promo_id: Nullable(Type.Integer()),
              click_id: Nullable(Type.String()),
              coupon_code_id: Nullable(Type.Integer()),
            },
            { description: 'How the customer came to you' },
          ),
        ),
        flag: Type.Optional(
          Type.Object({
            rule: Type.String(),
            mode: Type.String(),
            event_ref: Nullable(Type.Integer({ description: 'The event that matched, when it is yours' })),
          }),
        ),
      }),
      { description: 'Your clicks, the events attributed to you and the fraud rules matched, by time' },
    ),
  }),
]);
