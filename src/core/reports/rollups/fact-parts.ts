// @internal: the SQL of one fact source (clicks, impressions, events, commissions) at one grain.
import { type RawBuilder, sql } from 'kysely';
import type { Dimension } from '../engine/report-query.ts';
import type { ReportPlan } from '../engine/report-source.ts';

/** The sums the rollups keep; metrics are these or worked out of them (metric-sql.ts). */
export const COUNT_BASES = [
  'impressions',
  'clicks',
  'unique_clicks',
  'registrations',
  'qualified_leads',
  'ftd_count',
  'deposit_count',
  'qualified_cpa_count',
] as const;
export const MONEY_BASES = [
  'ftd_amount',
  'deposit_amount',
  'withdrawal_amount',
  'chargebacks',
  'bets',
  'wins',
  'bonuses',
  'cpl',
  'cpa',
  'revshare',
  'sub_affiliate',
  'total',
] as const;
export type Base = (typeof COUNT_BASES)[number] | (typeof MONEY_BASES)[number];

/**
 * hour: the hourly rollups (country, device, any time zone); day: the UTC daily rollups; raw: the
 * raw tables, for sub-ids and coupon codes.
 */
export type Grain = 'hour' | 'day' | 'raw';

/**
 * The columns every part projects besides its sums: a fact's time (at the day grain the UTC day
 * as a timestamp without zone, so periods need no time zone arithmetic per row and the day is
 * the time as it is) and its dimensions.
 */
export const FACT_COLUMNS = [
  'brand_id',
  'affiliate_id',
  'campaign_id',
  'promo_id',
  'plan_id',
  'landing_id',
  'traffic_source_id',
  'country',
  'device',
  'sub1',
  'sub2',
  'sub3',
  'sub4',
  'sub5',
] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

export const DIMENSION_COLUMN: Partial<Record<Dimension, FactColumn>> = {
  brand: 'brand_id',
  affiliate: 'affiliate_id',
  campaign: 'campaign_id',
  promo: 'promo_id',
  plan: 'plan_id',
  landing: 'landing_id',
  traffic_source: 'traffic_source_id',
  country: 'country',
  device: 'device',
  sub1: 'sub1',
  sub2: 'sub2',
  sub3: 'sub3',
  sub4: 'sub4',
  sub5: 'sub5',
};

const TEXT_COLUMNS = new Set<FactColumn>(['country', 'device', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5']);

interface Source {
  bases: readonly Base[];
  /**
   * Per grain: the FROM clause (alias f), the time expression and the expression of each column
   * and sum. Expressions naming `pr.` need PROMO_JOIN, which factPart adds only then.
   */
  from(grain: Grain): string;
  at(grain: Grain): string;
  /** How the time range applies (the daily tables compare dates). */
  range(grain: Grain, plan: ReportPlan): RawBuilder<unknown>;
  column(grain: Grain, column: FactColumn | 'currency'): string | null;
  base(grain: Grain, base: Base): string;
  /** Excluded under a coupon filter (clicks and impressions have no customer). */
  hasCustomer: boolean;
}

const hourRange = (col: string) => (_g: Grain, p: ReportPlan) =>
  sql`${sql.raw(col)} >= ${p.from} and ${sql.raw(col)} < ${p.to}`;
const dayRange = (p: ReportPlan) => sql`f.day >= ${isoDay(p.from)}::date and f.day < ${isoDay(p.to)}::date`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
// Dimensions a promo decides: its landing now (events and commissions keep no landing of their
// own) and its traffic source (set once). A left join on the key never adds or drops a fact row,
// so parts leave it out when no expression reads the promo.
const PROMO_JOIN = ' left join promos pr on pr.id = f.promo_id';
const readsPromo = (expr: string) => /\bpr\./.test(expr);

const clicks: Source = {
  bases: ['clicks', 'unique_clicks'],
  hasCustomer: false,
  from: (g) => (g === 'raw' ? 'clicks f' : g === 'hour' ? 'report_click_hours f' : 'report_click_days f'),
  at: (g) => (g === 'raw' ? 'f.clicked_at' : g === 'hour' ? 'f.hour' : 'f.day::timestamp'),
  range: (g, p) => (g === 'day' ? dayRange(p) : hourRange(g === 'raw' ? 'f.clicked_at' : 'f.hour')(g, p)),
  column(g, c) {
    if (c === 'plan_id' || c === 'currency') return null;
    if (c === 'traffic_source_id') return 'pr.traffic_source_id';
    if (c === 'landing_id') return g === 'raw' ? 'f.destination_link_id' : 'f.landing_id';
    if (c === 'device') return g === 'raw' ? 'f.device_type' : g === 'hour' ? 'f.device' : null;
    if (c === 'country') return g === 'day' ? null : 'f.country';
    if (c.startsWith('sub')) return g === 'raw' ? `f.${c}` : null;
    return `f.${c}`;
  },
  base: (g, b) => (g === 'raw' ? (b === 'clicks' ? '1' : 'f.is_unique::int') : `f.${b}`),
};

const impressions: Source = {
  bases: ['impressions'],
  hasCustomer: false,
  from: () => 'promo_impressions f join promos pr on pr.id = f.promo_id',
  at: (g) => (g === 'day' ? "date_trunc('day', f.hour at time zone 'UTC')" : 'f.hour'),
  range: hourRange('f.hour'),
  column(_g, c) {
    if (c === 'promo_id') return 'f.promo_id';
    if (c === 'landing_id') return 'pr.destination_link_id';
    if (c === 'brand_id' || c === 'affiliate_id' || c === 'campaign_id' || c === 'traffic_source_id')
      return `pr.${c}`;
    return null;
  },
  base: () => 'f.impressions',
};

// Raw events: each event once, and once more per activity line (its bets, wins and bonuses).
const RAW_EVENTS = `events e join customers c on c.id = e.customer_id
  left join activity_lines l on l.event_id = e.id left join clicks k on k.id = c.click_id`;
const RAW_EVENT_BASE: Partial<Record<Base, string>> = {
  registrations: "(l.id is null and e.type = 'registration')::int",
  qualified_leads: "(l.id is null and e.type = 'qualification')::int",
  ftd_count: '(l.id is null and e.is_ftd)::int',
  ftd_amount: 'case when l.id is null and e.is_ftd then coalesce(e.amount, 0) else 0 end',
  deposit_count: "(l.id is null and e.type = 'deposit')::int",
  deposit_amount: "case when l.id is null and e.type = 'deposit' then coalesce(e.amount, 0) else 0 end",
  withdrawal_amount: "case when l.id is null and e.type = 'withdrawal' then coalesce(e.amount, 0) else 0 end",
  chargebacks:
    "case when l.id is not null then l.chargebacks when e.type = 'chargeback' then coalesce(e.amount, 0) else 0 end",
  bets: 'coalesce(l.bets, 0)',
  wins: 'coalesce(l.wins, 0)',
  bonuses: 'coalesce(l.bonuses, 0)',
};

const events: Source = {
  bases: Object.keys(RAW_EVENT_BASE) as Base[],
  hasCustomer: true,
  from: (g) =>
    g === 'raw'
      ? `(select e.occurred_at, e.brand_id, e.affiliate_id, e.campaign_id, e.promo_id,
          coalesce(e.country, c.country) as country, coalesce(l.currency, e.currency) as currency,
          c.coupon_code_id, k.sub1, k.sub2, k.sub3, k.sub4, k.sub5,
          ${Object.entries(RAW_EVENT_BASE)
            .map(([b, expr]) => `${expr} as ${b}`)
            .join(', ')}
        from ${RAW_EVENTS}) f`
      : g === 'hour'
        ? 'report_event_hours f'
        : 'report_event_days f',
  at: (g) => (g === 'raw' ? 'f.occurred_at' : g === 'hour' ? 'f.hour' : 'f.day::timestamp'),
  range: (g, p) => (g === 'day' ? dayRange(p) : hourRange(g === 'raw' ? 'f.occurred_at' : 'f.hour')(g, p)),
  column(g, c) {
    if (c === 'plan_id' || c === 'device') return null;
    if (c === 'traffic_source_id') return 'pr.traffic_source_id';
    if (c === 'landing_id') return 'pr.destination_link_id';
    if (c === 'country') return g === 'day' ? null : 'f.country';
    if (c.startsWith('sub')) return g === 'raw' ? `f.${c}` : null;
    return `f.${c}`;
  },
  base: (_g, b) => `f.${b}`,
};

const RAW_COMMISSION_BASE: Partial<Record<Base, string>> = {
  cpl: "case when m.kind = 'cpl' then m.amount else 0 end",
  cpa: "case when m.kind = 'cpa' then m.amount else 0 end",
  revshare: "case when m.kind = 'revshare' then m.amount else 0 end",
  sub_affiliate: "case when m.kind in ('sub_cpa', 'sub_revshare', 'sub_net_pl') then m.amount else 0 end",
  total: 'm.amount',
  qualified_cpa_count: "(m.kind = 'cpa' and m.source_key like 'cpa:%' and m.reverses_id is null)::int",
};

const commissions: Source = {
  bases: Object.keys(RAW_COMMISSION_BASE) as Base[],
  hasCustomer: true,
  from: (g) =>
    g === 'raw'
      ? `(select m.earned_at, m.brand_id, m.affiliate_id, m.campaign_id, m.promo_id, m.plan_id, m.currency,
          cu.country, cu.coupon_code_id, k.sub1, k.sub2, k.sub3, k.sub4, k.sub5,
          ${Object.entries(RAW_COMMISSION_BASE)
            .map(([b, expr]) => `${expr} as ${b}`)
            .join(', ')}
        from commissions m left join customers cu on cu.id = m.customer_id
          left join clicks k on k.id = cu.click_id
        where m.status <> 'rejected') f`
      : g === 'hour'
        ? 'report_commission_hours f'
        : 'report_commission_days f',
  at: (g) => (g === 'raw' ? 'f.earned_at' : g === 'hour' ? 'f.hour' : 'f.day::timestamp'),
  range: (g, p) => (g === 'day' ? dayRange(p) : hourRange(g === 'raw' ? 'f.earned_at' : 'f.hour')(g, p)),
  column(g, c) {
    if (c === 'device') return null;
    if (c === 'traffic_source_id') return 'pr.traffic_source_id';
    if (c === 'landing_id') return 'pr.destination_link_id';
    if (c === 'country') return g === 'day' ? null : 'f.country';
    if (c.startsWith('sub')) return g === 'raw' ? `f.${c}` : null;
    return `f.${c}`;
  },
  base: (_g, b) => `f.${b}`,
};

export const SOURCES = { clicks, impressions, events, commissions };

/**
 * One source's facts for the plan: `at`, the columns asked for, `currency` and the sums needed,
 * filtered and scoped inside, so each part reads only its own rows. Null when the source has no
 * sum needed, or a filter names a dimension it does not have (no row of it could match).
 */
export function factPart(
  source: Source,
  grain: Grain,
  plan: ReportPlan,
  columns: readonly FactColumn[],
  bases: readonly Base[],
): RawBuilder<unknown> | null {
  if (!source.bases.some((b) => bases.includes(b))) return null;
  const where: RawBuilder<unknown>[] = [source.range(grain, plan)];
  const used: string[] = [];
  for (const [dimension, values] of Object.entries(plan.filters)) {
    if (!values) continue;
    if (dimension === 'coupon') {
      if (!source.hasCustomer || grain !== 'raw') return null;
      where.push(sql`f.coupon_code_id = any(${values}::int[])`);
      continue;
    }
    const column = DIMENSION_COLUMN[dimension as Dimension];
    if (!column) continue;
    const expr = source.column(grain, column);
    if (!expr) return null;
    used.push(expr);
    where.push(
      sql`${sql.raw(expr)} = any(${values}::${sql.raw(TEXT_COLUMNS.has(column) ? 'text' : 'int')}[])`,
    );
  }
  const affiliate = source.column(grain, 'affiliate_id') ?? 'null';
  used.push(affiliate);
  if (plan.affiliateIds) where.push(sql`${sql.raw(affiliate)} = any(${plan.affiliateIds}::int[])`);
  if (plan.managerId !== null)
    where.push(
      sql`${sql.raw(affiliate)} in (select id from affiliates where account_manager_id = ${plan.managerId})`,
    );
  const select = [
    `${source.at(grain)} as at`,
    ...columns.map((c) => `${source.column(grain, c) ?? cast(c)} as ${c}`),
    `${source.column(grain, 'currency') ?? 'null::text'} as currency`,
    ...bases.map((b) => `${source.bases.includes(b) ? source.base(grain, b) : '0'} as ${b}`),
  ];
  const from = source.from(grain);
  const join = !readsPromo(from) && [...select, ...used].some(readsPromo) ? PROMO_JOIN : '';
  return sql`select ${sql.raw(select.join(', '))} from ${sql.raw(from + join)} where ${sql.join(where, sql` and `)}`;
}

const cast = (c: FactColumn) => (TEXT_COLUMNS.has(c) ? 'null::text' : 'null::int');
