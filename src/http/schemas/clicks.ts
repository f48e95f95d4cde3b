import { Type } from 'typebox';
import type { CountedSubject } from '../../core/clicks/counts/count-clicks-of.ts';
import { CLICK_ID_PATTERN } from '../../core/clicks/log/click-ids.ts';
import { IdParams, StringEnum, Timestamp, withErrors } from './common.ts';

const count = (description: string) => Type.Integer({ minimum: 0, description });

const ClickTally = Type.Object({
  clicks: count('Every recorded click, bots included'),
  unique_clicks: count(
    "Clicks from visitors who had not clicked this promo before (by the visitor's cookie)",
  ),
});

const countFields = { today: ClickTally, last_7_days: ClickTally, last_30_days: ClickTally };

export const ClickPeriods = Type.Object(
  {
    time_zone: Type.String({ description: 'The time zone the days were counted in' }),
    today: Timestamp,
    last_7_days: Timestamp,
    last_30_days: Timestamp,
  },
  {
    $id: 'ClickPeriods',
    description:
      'Where each period starts: midnight of today, of 6 and of 29 days ago in `time_zone`. Counts are kept per UTC hour, so in a zone whose offset is not a whole number of hours a day starts at the whole hour before its midnight.',
  },
);

export const TimeZoneQuery = Type.Object({
  time_zone: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'IANA time zone whose midnight starts "today" (default UTC), e.g. Europe/Paris',
    }),
  ),
});

export const COUNTS_HELP =
  'Clicks and unique clicks today, in the last 7 days and in the last 30 days (today included), read from hourly counts the click writer keeps as it records clicks (a click shows within about a second).';

export const ClickCountsAnswer = Type.Object({
  periods: ClickPeriods,
  counts: Type.Object(countFields),
});

export const ClickCountsOfAnswer = Type.Object({
  periods: ClickPeriods,
  data: Type.Array(Type.Object({ id: Type.Integer(), ...countFields })),
});

/** `?id=1&id=2`: the subjects whose counts are wanted. */
export const CountIdsQuery = Type.Object({
  ...TimeZoneQuery.properties,
  id: Type.Array(IdParams.properties.id, {
    minItems: 1,
    maxItems: 100,
    description:
      'The ids (repeat the parameter: `?id=1&id=2`); ids that name nothing you may see are left out',
  }),
});

export const ClickId = Type.String({ pattern: CLICK_ID_PATTERN, description: 'A click id (26 characters)' });

export const DEVICE_TYPES = [
  'desktop',
  'mobile',
  'tablet',
  'console',
  'smarttv',
  'wearable',
  'embedded',
  'xr',
] as const;

const sub = (n: number) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: `Exactly this sub${n}` }));

export const ClickLogQuery = Type.Object({
  from: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'Clicks at or after this time (default: 7 days before `to`)',
    }),
  ),
  to: Type.Optional(
    Type.String({ format: 'date-time', description: 'Clicks before this time (default: now)' }),
  ),
  affiliate_id: Type.Optional(IdParams.properties.id),
  campaign_id: Type.Optional(IdParams.properties.id),
  promo_id: Type.Optional(IdParams.properties.id),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'Two-letter country code' })),
  device_type: Type.Optional(StringEnum(DEVICE_TYPES)),
  is_bot: Type.Optional(Type.Boolean()),
  is_unique: Type.Optional(Type.Boolean()),
  sub1: sub(1),
  sub2: sub(2),
  sub3: sub(3),
  sub4: sub(4),
  sub5: sub(5),
  before: Type.Optional({ ...ClickId, description: 'The `next_before` of the previous page' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const text = () => nullable(Type.String());

const clickFields = {
  id: Type.String(),
  clicked_at: Timestamp,
  affiliate_id: Type.Integer(),
  campaign_id: Type.Integer(),
  promo_id: Type.Integer(),
  brand_id: Type.Integer(),
  destination_link_id: Type.Integer(),
  variant: Type.String({ description: 'Which URL of the link the visitor was sent to: a, or b for url_ab' }),
  sub1: text(),
  sub2: text(),
  sub3: text(),
  sub4: text(),
  sub5: text(),
  params: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Every other query parameter of the click; a repeated one holds a list',
  }),
  ip: nullable(Type.String({ description: 'As stored under TRACKING_IP_MODE: whole, anonymised or none' })),
  user_agent: text(),
  referrer: text(),
  device_type: text(),
  is_bot: Type.Boolean(),
  is_unique: Type.Boolean(),
  country: text(),
  affiliate_name: text(),
  promo_title: text(),
  promo_code: text(),
};

export const ClickLogEntry = Type.Object(clickFields, { $id: 'ClickLogEntry' });

export const ClickDetail = Type.Object(
  {
    ...clickFields,
    campaign_name: text(),
    brand_name: text(),
    destination_link_name: text(),
  },
  { $id: 'ClickDetail' },
);

/**
 * The schema of a `GET .../click-counts/:subject` route (operator and partner alike), with the
 * subjects it offers by their path names.
 */
export function countsOfSchema(
  subjects: Record<string, CountedSubject>,
  doc: { tags: string[]; security: Record<string, string[]>[]; summary: string; description: string },
) {
  return {
    ...doc,
    description: `${COUNTS_HELP} ${doc.description}`,
    params: Type.Object({ subject: StringEnum(Object.keys(subjects)) }),
    querystring: CountIdsQuery,
    response: withErrors({ 200: ClickCountsOfAnswer }, 401, 403, 422),
  };
}

/** What countClicksOf needs from such a route's request, besides the database and the scope. */
export function countsOfRequest(
  subjects: Record<string, CountedSubject>,
  request: { params: { subject: string }; query: { id: number[]; time_zone?: string } },
) {
  return {
    subject: subjects[request.params.subject]!,
    ids: request.query.id,
    timeZone: request.query.time_zone,
  };
}
