import { defined, int, oneOf } from '../admin/list-params.ts';
import { DIMENSIONS, type Dimension, METRIC_NAMES, type Metric, type ReportQuery } from './catalog.ts';
import { addDays, QUICK_PERIOD_VALUES, type QuickPeriod, resolveQuick, todayIn } from './periods.ts';

/**
 * A report as the address keeps it, so a report is a link: lists are comma separated, `to` is
 * the last day shown (included), and a quick period wins over fixed dates.
 */
export interface ReportSearch {
  period?: QuickPeriod;
  from?: string;
  to?: string;
  group?: string;
  cols?: string;
  brand?: string;
  campaign?: string;
  promo?: string;
  affiliate?: string;
  plan?: string;
  traffic_source?: string;
  landing?: string;
  country?: string;
  device?: string;
  promo_code?: string;
  coupon_code?: string;
  sub1?: string;
  sub2?: string;
  sub3?: string;
  sub4?: string;
  sub5?: string;
  /** A currency to convert into, or `native` for each in its own over a default currency. */
  currency?: string;
  rate_date?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
  page?: number;
  /** The back office's choice of store (with ClickHouse configured); none: the server decides. */
  source?: ReportSource;
}

export const REPORT_SOURCES = ['postgres', 'clickhouse'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** The address's word for "each amount in its own currency" when a default currency would apply. */
export const NATIVE = 'native';

/**
 * The currency a report converts into: the one chosen, none when native was chosen, else the
 * reader's default report currency (an affiliate user's, from the profile).
 */
export function currencyOf(s: ReportSearch, defaultCurrency?: string | null): string | undefined {
  if (s.currency === NATIVE) return undefined;
  return s.currency ?? defaultCurrency ?? undefined;
}

export const ID_FILTERS = [
  'brand',
  'campaign',
  'promo',
  'affiliate',
  'plan',
  'traffic_source',
  'landing',
] as const;
export const TEXT_FILTERS = [
  'country',
  'device',
  'promo_code',
  'coupon_code',
  'sub1',
  'sub2',
  'sub3',
  'sub4',
  'sub5',
] as const;
/** The filters of words (not ids, not countries), kept as typed. */
export const WORD_FILTERS = TEXT_FILTERS.filter((f) => f !== 'country');

const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const list = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number'
    ? String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const joined = (values: string[]) => (values.length ? [...new Set(values)].join(',') : undefined);
const ids = (v: unknown) => joined(list(v).filter((s) => int(s) !== undefined));
const words = (v: unknown) => joined(list(v).map((s) => s.slice(0, 200)));
const known = <T extends string>(names: readonly T[], v: unknown) =>
  joined(list(v).filter((s) => names.includes(s as T)));

/** Reads a hand-edited address: anything odd is dropped, so a bad link shows a plain report. */
export function validateReportSearch(raw: Record<string, unknown>): ReportSearch {
  return defined({
    period: oneOf(QUICK_PERIOD_VALUES, raw.period),
    from: day(raw.from),
    to: day(raw.to),
    group: known(DIMENSIONS, raw.group),
    cols: known(METRIC_NAMES, raw.cols),
    ...Object.fromEntries(ID_FILTERS.map((f) => [f, ids(raw[f])])),
    ...Object.fromEntries(WORD_FILTERS.map((f) => [f, words(raw[f])])),
    country: joined(
      list(raw.country)
        .map((c) => c.toUpperCase())
        .filter((c) => /^[A-Z]{2}$/.test(c)),
    ),
    currency:
      raw.currency === NATIVE
        ? NATIVE
        : typeof raw.currency === 'string' && /^[A-Za-z0-9]{3}$/.test(raw.currency)
          ? raw.currency.toUpperCase()
          : undefined,
    rate_date: day(raw.rate_date),
    sort: typeof raw.sort === 'string' && /^[a-z0-9_]{1,64}$/.test(raw.sort) ? raw.sort : undefined,
    dir: oneOf(['asc', 'desc'] as const, raw.dir),
    page: int(raw.page),
    source: oneOf(REPORT_SOURCES, raw.source),
  });
}

export const splitList = (value: string | undefined) => (value ? value.split(',') : []);

/** The days of a search: its quick period, else its dates, else the last 7 days. */
export function daysOf(s: ReportSearch, timeZone: string): { from: string; to: string } {
  const today = todayIn(timeZone);
  if (s.period) return resolveQuick(s.period, today);
  if (s.from && s.to && s.to >= s.from) return { from: s.from, to: addDays(s.to, 1) };
  return resolveQuick('last_7_days', today);
}

export const PAGE_SIZE = 50;

/** The report query a search stands for; `allowed` narrows the columns to what the reader may see. */
export function toReportQuery(
  s: ReportSearch,
  timeZone: string,
  allowed?: readonly Metric[],
  defaultCurrency?: string | null,
): ReportQuery {
  const currency = currencyOf(s, defaultCurrency);
  const filters: NonNullable<ReportQuery['filters']> = {};
  for (const key of ID_FILTERS) if (s[key]) filters[key] = splitList(s[key]).map(Number);
  for (const key of TEXT_FILTERS) if (s[key]) filters[key] = splitList(s[key]);
  const cols = splitList(s.cols).filter((c) => !allowed || allowed.includes(c as Metric)) as Metric[];
  return defined({
    ...daysOf(s, timeZone),
    timezone: timeZone,
    group_by: splitList(s.group) as Dimension[],
    filters: Object.keys(filters).length ? filters : undefined,
    columns: cols.length ? cols : undefined,
    currency,
    rate_date: currency ? s.rate_date : undefined,
    sort: s.sort ? [{ by: s.sort, direction: s.dir ?? 'asc' }] : undefined,
    page: s.page ?? 1,
    page_size: PAGE_SIZE,
  });
}
