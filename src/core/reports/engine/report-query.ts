import { type Static, Type } from 'typebox';
import type { ExtraPermission } from '../../affiliates/extra-permissions.ts';

/**
 * The contract of the report engine: what a report may be asked (ReportQuery), what it answers
 * (ReportResult) and the metrics and dimensions it knows. Favorites, exports, feeds, requested
 * reports and the compatibility APIs build on these names; they are stable.
 */

export const PERIOD_DIMENSIONS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export const SUB_ID_DIMENSIONS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;
/** Dimensions whose values are ids of a catalog row; the answer adds `<dimension>_name`. */
export const ID_DIMENSIONS = [
  'brand',
  'campaign',
  'promo',
  'affiliate',
  'plan',
  'traffic_source',
  'landing',
] as const;
export const DIMENSIONS = [
  ...PERIOD_DIMENSIONS,
  ...ID_DIMENSIONS,
  'country',
  'device',
  ...SUB_ID_DIMENSIONS,
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type PeriodDimension = (typeof PERIOD_DIMENSIONS)[number];

export type MetricKind = 'count' | 'money' | 'ratio';

export interface MetricDefinition {
  kind: MetricKind;
  label: string;
  /** The extra permission an affiliate needs to see it; null: always visible. */
  permission: ExtraPermission | null;
  description: string;
}

export const METRICS = {
  impressions: { kind: 'count', label: 'Impressions', permission: null, description: 'Banner views' },
  clicks: {
    kind: 'count',
    label: 'Clicks',
    permission: null,
    description: 'Clicks on tracking links, bots included',
  },
  unique_clicks: {
    kind: 'count',
    label: 'Unique clicks',
    permission: null,
    description: 'First clicks of a visitor',
  },
  registrations: {
    kind: 'count',
    label: 'Registrations',
    permission: 'registrations_report',
    description: 'Registration events',
  },
  qualified_leads: {
    kind: 'count',
    label: 'Qualified leads',
    permission: 'qleads_count',
    description: 'Qualification events',
  },
  ftd_count: { kind: 'count', label: 'FTDs', permission: 'ftd_count', description: 'First deposits' },
  ftd_amount: {
    kind: 'money',
    label: 'FTD amount',
    permission: 'ftd_amount',
    description: 'Sum of first deposits',
  },
  deposit_count: {
    kind: 'count',
    label: 'Deposits',
    permission: 'deposits_count',
    description: 'Deposit events',
  },
  deposit_amount: {
    kind: 'money',
    label: 'Deposit amount',
    permission: 'deposit_amount',
    description: 'Sum of deposits',
  },
  withdrawal_amount: {
    kind: 'money',
    label: 'Withdrawals',
    permission: 'withdrawals',
    description: 'Sum of withdrawals',
  },
  net_deposits: {
    kind: 'money',
    label: 'Net deposits',
    permission: 'net_deposits',
    description: 'Deposits less withdrawals and chargebacks',
  },
  bets: { kind: 'money', label: 'Bets', permission: 'pnl', description: 'Stakes of activity lines' },
  wins: { kind: 'money', label: 'Wins', permission: 'pnl', description: 'Wins of activity lines' },
  ggr: { kind: 'money', label: 'GGR', permission: 'pnl', description: 'Bets less wins' },
  bonuses: {
    kind: 'money',
    label: 'Bonuses',
    permission: 'bonus_amount',
    description: 'Bonuses of activity lines',
  },
  ngr: { kind: 'money', label: 'NGR', permission: 'net_pnl', description: 'GGR less bonuses' },
  cpl_commission: {
    kind: 'money',
    label: 'CPL',
    permission: null,
    description: 'CPL commissions (not rejected) by the time earned',
  },
  cpa_commission: {
    kind: 'money',
    label: 'CPA',
    permission: null,
    description: 'CPA commissions and their tier top-ups (not rejected)',
  },
  revshare_commission: {
    kind: 'money',
    label: 'RevShare',
    permission: null,
    description: 'RevShare period results (not rejected), on the period end',
  },
  sub_affiliate_commission: {
    kind: 'money',
    label: 'Sub-affiliate commission',
    permission: 'sub_affiliate_commissions',
    description: "Cuts of the affiliate's sub-affiliates' earnings",
  },
  total_commission: {
    kind: 'money',
    label: 'Total commission',
    permission: null,
    description: 'Every commission (not rejected), sale share included',
  },
  qualified_cpa_count: {
    kind: 'count',
    label: 'Qualified CPAs',
    permission: 'qftd_count',
    description: 'Customers who earned a CPA',
  },
  registration_rate: {
    kind: 'ratio',
    label: 'Registration rate',
    permission: 'registrations_report',
    description: 'registrations / clicks, as a decimal string; null without clicks',
  },
  ftd_rate: {
    kind: 'ratio',
    label: 'FTD rate',
    permission: 'ftd_count',
    description: 'ftd_count / registrations, as a decimal string; null without registrations',
  },
  epc: {
    kind: 'money',
    label: 'EPC',
    permission: null,
    description: 'total_commission / clicks in minor units, rounded half to even; null without clicks',
  },
} as const satisfies Record<string, MetricDefinition>;

export type Metric = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as Metric[];

export const DEFAULT_COLUMNS: readonly Metric[] = [
  'clicks',
  'unique_clicks',
  'registrations',
  'ftd_count',
  'ftd_amount',
  'deposit_amount',
  'ngr',
  'total_commission',
];

const DateOrTime = (description: string) =>
  Type.String({
    description: `${description}: a date (YYYY-MM-DD, midnight in \`timezone\`) or a timestamp on a whole hour`,
    maxLength: 40,
    examples: ['2026-11-01'],
  });
const Values = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000, description }));
const Ids = (what: string) =>
  Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), {
      maxItems: 1000,
      description: `Only these ${what} ids`,
    }),
  );

export const ReportFiltersSchema = Type.Object(
  {
    brand: Ids('brand'),
    campaign: Ids('campaign'),
    promo: Ids('promo'),
    affiliate: Ids('affiliate'),
    plan: Ids('commission plan'),
    traffic_source: Ids('traffic source'),
    landing: Ids('destination link'),
    country: Values('Only these countries (ISO 3166-1 alpha-2)'),
    device: Values('Only these device types (desktop, mobile, tablet, ...)'),
    sub1: Values('Only clicks (and the customers they brought) with these sub1 values'),
    sub2: Values('Only these sub2 values'),
    sub3: Values('Only these sub3 values'),
    sub4: Values('Only these sub4 values'),
    sub5: Values('Only these sub5 values'),
    promo_code: Values("Only the promos with these codes (the tracking link's code)"),
    coupon_code: Values(
      'Only customers who came with these coupon codes (clicks and impressions have none and drop out)',
    ),
  },
  {
    additionalProperties: false,
    description: 'Each filter keeps the rows whose value is one of those given',
  },
);

export const ReportQuerySchema = Type.Object(
  {
    from: DateOrTime('Start, included'),
    to: DateOrTime('End, excluded'),
    timezone: Type.Optional(
      Type.String({ maxLength: 64, description: 'IANA time zone of dates and periods; UTC by default' }),
    ),
    group_by: Type.Array(Type.Unsafe<Dimension>({ type: 'string', enum: [...DIMENSIONS] }), {
      maxItems: 6,
      uniqueItems: true,
      description: 'Dimensions in the order wanted; none: one row (per currency)',
      examples: [['day', 'affiliate']],
    }),
    filters: Type.Optional(ReportFiltersSchema),
    columns: Type.Optional(
      Type.Array(Type.Unsafe<Metric>({ type: 'string', enum: METRIC_NAMES }), {
        minItems: 1,
        maxItems: METRIC_NAMES.length,
        uniqueItems: true,
        description: `Metrics in the order wanted; default ${DEFAULT_COLUMNS.join(', ')}`,
      }),
    ),
    currency: Type.Optional(
      Type.String({
        maxLength: 3,
        description: 'Convert every money figure into this currency; without it each stays in its own',
        examples: ['EUR'],
      }),
    ),
    rate_date: Type.Optional(
      Type.String({
        maxLength: 10,
        description: 'Date of the exchange rates (YYYY-MM-DD); today by default',
      }),
    ),
    sort: Type.Optional(
      Type.Array(
        Type.Object(
          {
            by: Type.String({ maxLength: 64, description: 'A dimension or a chosen metric' }),
            direction: Type.Optional(Type.Unsafe<'asc' | 'desc'>({ type: 'string', enum: ['asc', 'desc'] })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 8, description: 'Default: the dimensions in order, ascending' },
      ),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);

export type ReportQuery = Static<typeof ReportQuerySchema>;
export type ReportFilters = Static<typeof ReportFiltersSchema>;

/** Who reads: the partner API passes its affiliate, a limited account manager their staff id. */
export interface ReportScope {
  affiliateId?: number;
  managerId?: number;
}

export interface ReportColumn {
  key: string;
  /** `dimension` for group keys and their `_name`, `currency` for the currency column. */
  kind: MetricKind | 'dimension' | 'currency';
  label: string;
}

/**
 * One row, flat: each column's key to its value. Counts and money are bigint (money in minor
 * units of the row's `currency`), ratios decimal strings, periods ISO timestamps of their start,
 * ids integers with `<dimension>_name` beside them. A missing value (no clicks for a rate) is null.
 */
export type ReportRow = Record<string, bigint | number | string | null>;

export interface ReportConversion {
  currency: string;
  rate_date: string;
  /** 1 `from` = `rate` `to`, each rate used. */
  rates: { from: string; to: string; rate: string }[];
}

export interface ReportResult {
  columns: ReportColumn[];
  rows: ReportRow[];
  /** One row per currency in native mode (null currency: the currency-less counts), one converted. */
  totals: ReportRow[];
  page: number;
  page_size: number;
  total_rows: number;
  currency_mode: 'native' | 'converted';
  conversion?: ReportConversion;
  /** Which store answered (PostgreSQL's rollups or ClickHouse's). */
  source?: 'postgres' | 'clickhouse';
}

export interface ReportStream {
  columns: ReportColumn[];
  rows: AsyncIterable<ReportRow>;
  totals(): Promise<ReportRow[]>;
  currency_mode: 'native' | 'converted';
  conversion?: ReportConversion;
  /** Which store answers the rows. */
  source?: 'postgres' | 'clickhouse';
}
