import { Type } from 'typebox';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

export const SITE_REVIEW_STATUSES = ['pending', 'approved', 'declined'] as const;

export const SITE_HELP =
  "A site is a website (or app) on which the affiliate promotes the program: `name` (at most 120 characters), `url`, optionally `notification_url`, the range of its prices (`price_from`, `price_till` in minor units of `price_currency`, default EUR), `support_email` (at most 64) and `support_phone` (at most 15), and its `category_code` from `GET /site-categories`. The operator reviews it: `pending` until `approved` or `declined` (with a comment the affiliate reads). Changing the address or the category of a reviewed site sends it back to `pending`. Each change is in the site's `changes` with who made it, and in the affiliate's events log (`site_created`, `site_updated`, `site_approved`, `site_declined`, `site_reopened`).";

const MinorUnits = (description: string) => Type.Integer({ description });

const SiteFields = {
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  notification_url: Nullable(Type.String()),
  category_code: Type.Integer(),
  category_description: Type.String(),
  price_from: Nullable(MinorUnits('The lowest price, in minor units of price_currency')),
  price_till: Nullable(MinorUnits('The highest price, in minor units of price_currency')),
  price_currency: Type.String(),
  support_email: Nullable(Type.String()),
  support_phone: Nullable(Type.String()),
  review_status: StringEnum(SITE_REVIEW_STATUSES),
  review_comment: Nullable(Type.String()),
  reviewed_by: Nullable(Type.String()),
  reviewed_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const SiteSummary = Type.Object(SiteFields);
export const SitePage = ListOf(SiteSummary);
export const Site = Type.Object({
  ...SiteFields,
  changes: Type.Array(
    Type.Object({
      action: Type.String(),
      detail: Type.Record(Type.String(), Type.Unknown()),
      actor_type: Type.String(),
      actor_name: Type.String(),
      created_at: Timestamp,
    }),
  ),
});

export const SiteQuery = Type.Object(
  { ...PageQuery, review_status: Type.Optional(StringEnum(SITE_REVIEW_STATUSES)) },
  { additionalProperties: false },
);

// A form's body: types and upper bounds only; what a person can get wrong is core's to word.
const Price = Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 999_999_999_999_999 })));
const siteBodyFields = {
  name: Type.String({ maxLength: 500 }),
  url: Type.String({ maxLength: 2048 }),
  notification_url: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
  category_code: Type.Integer({ minimum: 0, maximum: 9999 }),
  price_from: Price,
  price_till: Price,
  price_currency: Type.Optional(Type.String({ maxLength: 10 })),
  support_email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  support_phone: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
};
export const CreateSiteBody = Type.Object(siteBodyFields, { additionalProperties: false });
export const UpdateSiteBody = Type.Partial(Type.Object(siteBodyFields), { additionalProperties: false });

export const ReviewSiteBody = Type.Object(
  {
    review_status: StringEnum(SITE_REVIEW_STATUSES),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const SiteCategoryList = Type.Object({
  data: Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() })),
});

/**
 * Prices leave as JSON numbers: a nullable integer is serialized through anyOf, which cannot
 * check a bigint, and a price is far below 2^53.
 */
export function shapeSite<T extends { price_from: bigint | null; price_till: bigint | null }>(site: T) {
  const n = (v: bigint | null) => (v === null ? null : Number(v));
  return { ...site, price_from: n(site.price_from), price_till: n(site.price_till) };
}

export const shapeSites = <T extends { price_from: bigint | null; price_till: bigint | null }>(result: {
  data: T[];
  total: number;
}) => ({ ...result, data: result.data.map(shapeSite) });
