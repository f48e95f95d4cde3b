import { AppError, type FieldError } from '../../../core/errors.ts';
import { type Dimension, METRIC_NAMES, type ReportQuery } from '../../../core/reports/engine/report-query.ts';

/** Affilka's report groupings: `period` at the granularity of `period`, then the catalog ones. */
export const AFFILKA_GROUPS = ['period', 'brand', 'campaign', 'promo'] as const;
export const AFFILKA_PERIODS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;

export interface AffilkaReportParams {
  from: string;
  to: string;
  group_by?: string[];
  period?: (typeof AFFILKA_PERIODS)[number];
  columns?: string[];
  brand_id?: number[];
  strategy_id?: number[];
  campaign_id?: number[];
  promo_id?: number[];
  promo_code?: string[];
  currency?: string;
  exchange_rates_date?: string;
  timezone?: string;
  page?: number;
  per_page?: number;
}

const isDay = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const nextDay = (v: string) =>
  new Date(new Date(`${v}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

/**
 * Affilka's parameters in the native report's words: `to` is the last day included (Affilka's
 * date range), group_by `period` becomes the period dimension, `strategy_id` (Affilka's commission
 * strategy) the commission plan, `per_page` the page size.
 */
export function nativeQuery(params: AffilkaReportParams): ReportQuery {
  const problems: FieldError[] = [];
  for (const key of ['from', 'to'] as const)
    if (!isDay(params[key])) problems.push({ path: key, message: 'must be a date like 2026-03-01' });
  if (!problems.length && params.from > params.to)
    problems.push({ path: 'to', message: 'must not be before from' });
  const groups = params.group_by ?? [];
  groups.forEach((g, i) => {
    if (!(AFFILKA_GROUPS as readonly string[]).includes(g))
      problems.push({ path: `group_by[${i}]`, message: `must be one of ${AFFILKA_GROUPS.join(', ')}` });
  });
  (params.columns ?? []).forEach((c, i) => {
    if (!(METRIC_NAMES as string[]).includes(c))
      problems.push({ path: `columns[${i}]`, message: 'is not a report attribute (see /report/attributes)' });
  });
  if (problems.length) throw AppError.validation(problems);
  const groupBy = groups.map((g) => (g === 'period' ? (params.period ?? 'day') : g)) as Dimension[];
  const filters = {
    ...(params.brand_id ? { brand: params.brand_id } : {}),
    ...(params.strategy_id ? { plan: params.strategy_id } : {}),
    ...(params.campaign_id ? { campaign: params.campaign_id } : {}),
    ...(params.promo_id ? { promo: params.promo_id } : {}),
    ...(params.promo_code ? { promo_code: params.promo_code } : {}),
  };
  return {
    from: params.from,
    to: nextDay(params.to),
    group_by: [...new Set(groupBy)],
    ...(Object.keys(filters).length ? { filters } : {}),
    ...(params.columns ? { columns: params.columns as ReportQuery['columns'] } : {}),
    ...(params.currency ? { currency: params.currency } : {}),
    ...(params.exchange_rates_date ? { rate_date: params.exchange_rates_date } : {}),
    ...(params.timezone ? { timezone: params.timezone } : {}),
    ...(params.page ? { page: params.page } : {}),
    ...(params.per_page ? { page_size: params.per_page } : {}),
  };
}
