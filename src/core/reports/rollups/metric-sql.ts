// @internal: each metric as SQL over the summed bases of a row (or of the totals).
import type { Metric } from '../engine/report-query.ts';
import type { Base } from './fact-parts.ts';

interface MetricSql {
  bases: Base[];
  /** Over columns named after the bases; counts and money cast to bigint, ratios to text. */
  expr: string;
}

const plain = (base: Base): MetricSql => ({ bases: [base], expr: `${base}::bigint` });
const ratio = (num: Base, den: Base): MetricSql => ({
  bases: [num, den],
  expr: `case when ${den} > 0 then round(${num}::numeric / ${den}, 4)::text end`,
});

export const METRIC_SQL: Record<Metric, MetricSql> = {
  impressions: plain('impressions'),
  clicks: plain('clicks'),
  unique_clicks: plain('unique_clicks'),
  registrations: plain('registrations'),
  qualified_leads: plain('qualified_leads'),
  ftd_count: plain('ftd_count'),
  ftd_amount: plain('ftd_amount'),
  deposit_count: plain('deposit_count'),
  deposit_amount: plain('deposit_amount'),
  withdrawal_amount: plain('withdrawal_amount'),
  net_deposits: {
    bases: ['deposit_amount', 'withdrawal_amount', 'chargebacks'],
    expr: '(deposit_amount - withdrawal_amount - chargebacks)::bigint',
  },
  bets: plain('bets'),
  wins: plain('wins'),
  ggr: { bases: ['bets', 'wins'], expr: '(bets - wins)::bigint' },
  bonuses: plain('bonuses'),
  ngr: { bases: ['bets', 'wins', 'bonuses'], expr: '(bets - wins - bonuses)::bigint' },
  cpl_commission: plain('cpl'),
  cpa_commission: plain('cpa'),
  revshare_commission: plain('revshare'),
  sub_affiliate_commission: plain('sub_affiliate'),
  total_commission: plain('total'),
  qualified_cpa_count: plain('qualified_cpa_count'),
  registration_rate: ratio('registrations', 'clicks'),
  ftd_rate: ratio('ftd_count', 'registrations'),
  epc: {
    bases: ['total', 'clicks'],
    expr: 'case when clicks > 0 then report_round_half_even(total::numeric / clicks)::bigint end',
  },
};

export function basesOf(metrics: readonly Metric[]): Base[] {
  return [...new Set(metrics.flatMap((m) => METRIC_SQL[m].bases))];
}
