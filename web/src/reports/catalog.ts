import type { paths } from '../api/schema.d.ts';

/**
 * The report contract's names as the screens show them (src/core/reports/engine/report-query.ts
 * is the source; the generated types keep these lists in step with it).
 */
export type ReportQuery =
  paths['/api/v1/reports/performance']['post']['requestBody']['content']['application/json'];
export type ReportResult =
  paths['/api/v1/reports/performance']['post']['responses'][200]['content']['application/json'];
export type ReportRow = ReportResult['rows'][number];
export type Dimension = ReportQuery['group_by'][number];
export type Metric = NonNullable<ReportQuery['columns']>[number];
export type MetricKind = 'count' | 'money' | 'ratio';

export const DIMENSION_LABELS: Record<Dimension, string> = {
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  brand: 'Brand',
  campaign: 'Campaign',
  promo: 'Promo',
  affiliate: 'Affiliate',
  plan: 'Commission plan',
  traffic_source: 'Traffic source',
  landing: 'Landing',
  country: 'Country',
  device: 'Device',
  sub1: 'sub1',
  sub2: 'sub2',
  sub3: 'sub3',
  sub4: 'sub4',
  sub5: 'sub5',
};
export const DIMENSIONS = Object.keys(DIMENSION_LABELS) as Dimension[];
export const PERIOD_DIMENSIONS: readonly string[] = ['hour', 'day', 'week', 'month', 'quarter', 'year'];

export const METRICS: Record<Metric, { label: string; kind: MetricKind }> = {
  impressions: { label: 'Impressions', kind: 'count' },
  clicks: { label: 'Clicks', kind: 'count' },
  unique_clicks: { label: 'Unique clicks', kind: 'count' },
  registrations: { label: 'Registrations', kind: 'count' },
  qualified_leads: { label: 'Qualified leads', kind: 'count' },
  ftd_count: { label: 'FTDs', kind: 'count' },
  ftd_amount: { label: 'FTD amount', kind: 'money' },
  deposit_count: { label: 'Deposits', kind: 'count' },
  deposit_amount: { label: 'Deposit amount', kind: 'money' },
  withdrawal_amount: { label: 'Withdrawals', kind: 'money' },
  net_deposits: { label: 'Net deposits', kind: 'money' },
  bets: { label: 'Bets', kind: 'money' },
  wins: { label: 'Wins', kind: 'money' },
  ggr: { label: 'GGR', kind: 'money' },
  bonuses: { label: 'Bonuses', kind: 'money' },
  ngr: { label: 'NGR', kind: 'money' },
  cpl_commission: { label: 'CPL', kind: 'money' },
  cpa_commission: { label: 'CPA', kind: 'money' },
  revshare_commission: { label: 'RevShare', kind: 'money' },
  sub_affiliate_commission: { label: 'Sub-affiliate commission', kind: 'money' },
  total_commission: { label: 'Total commission', kind: 'money' },
  qualified_cpa_count: { label: 'Qualified CPAs', kind: 'count' },
  registration_rate: { label: 'Registration rate', kind: 'ratio' },
  ftd_rate: { label: 'FTD rate', kind: 'ratio' },
  epc: { label: 'EPC', kind: 'money' },
};
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
