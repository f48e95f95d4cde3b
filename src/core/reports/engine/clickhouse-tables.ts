// @internal: the ClickHouse tables a report reads, at each grain (raw facts, hourly and daily rollups).
import type { Base, FactColumn } from '../rollups/fact-parts.ts';
import type { PeriodDimension } from './report-query.ts';
import type { ReportPlan } from './report-source.ts';

export const DAY = 86_400_000;

/** A fact column of the reports (fact-parts.ts's names) or the customer's coupon. */
export type Column = FactColumn | 'coupon_code_id';
/** Dimensions a promo decides for this table (its landing now, its traffic source): mapped after grouping. */
export const VIA_PROMO = Symbol('via promo');
export type Expr = string | null | typeof VIA_PROMO;
export type Grain = 'day' | 'hour' | 'raw';

export interface Table {
  /** Whether its rows carry a currency (counts of clicks and impressions do not). */
  currency: boolean;
  /** The FROM clause and the time of a row (a UTC DateTime) at each grain. */
  from(grain: Grain): string;
  time(grain: Grain): string;
  /** Whether the table at this grain holds days (Date), compared with the plan's whole days. */
  days(grain: Grain): boolean;
  column(grain: Grain, column: Column): Expr;
  bases(grain: Grain): Partial<Record<Base, string>>;
  where?: string;
}

export const SUB = new Set<Column>(['sub1', 'sub2', 'sub3', 'sub4', 'sub5']);
export const TEXT = new Set<Column>(['country', 'device', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5']);
const OWNER = new Set<Column>(['brand_id', 'affiliate_id', 'campaign_id', 'promo_id']);

const clicks: Table = {
  currency: false,
  from: (g) => (g === 'raw' ? 'clicks FINAL' : 'click_hours'),
  time: (g) => (g === 'raw' ? 'clicked_at' : 'hour'),
  days: () => false,
  column(g, c) {
    if (OWNER.has(c) || c === 'landing_id' || c === 'country' || c === 'device') return c;
    if (c === 'traffic_source_id') return VIA_PROMO;
    if (SUB.has(c)) return g === 'raw' ? c : null;
    return null;
  },
  bases: (g) =>
    g === 'raw'
      ? { clicks: 'count()', unique_clicks: 'countIf(is_unique)' }
      : { clicks: 'sum(clicks)', unique_clicks: 'sum(unique_clicks)' },
};

const impressions: Table = {
  currency: false,
  from: () => 'impression_hours FINAL',
  time: () => 'hour',
  days: () => false,
  column(_g, c) {
    if (OWNER.has(c)) return c;
    if (c === 'landing_id' || c === 'traffic_source_id') return VIA_PROMO;
    return null;
  },
  bases: () => ({ impressions: 'sum(impressions)' }),
};

const ROLLUP_EVENT_BASES = [
  'registrations',
  'qualified_leads',
  'ftd_count',
  'ftd_amount',
  'deposit_count',
  'deposit_amount',
  'withdrawal_amount',
  'chargebacks',
  'bets',
  'wins',
  'bonuses',
] as const;

const events: Table = {
  currency: true,
  from: (g) => (g === 'raw' ? 'event_facts' : g === 'hour' ? 'event_hours' : 'event_days'),
  time: (g) => (g === 'raw' ? 'occurred_at' : g === 'hour' ? 'hour' : "toDateTime(day, 'UTC')"),
  days: (g) => g === 'day',
  column(g, c) {
    if (OWNER.has(c)) return c;
    if (c === 'landing_id' || c === 'traffic_source_id') return VIA_PROMO;
    if (c === 'country') return g === 'day' ? null : c;
    if (SUB.has(c) || c === 'coupon_code_id') return g === 'raw' ? c : null;
    return null;
  },
  bases(g) {
    if (g !== 'raw') {
      // The daily rollup's chargebacks leave the activity lines' out: they are read hourly.
      const list = ROLLUP_EVENT_BASES.filter((b) => g === 'hour' || b !== 'chargebacks');
      return Object.fromEntries(list.map((b) => [b, `sum(${b})`]));
    }
    return {
      registrations: "sumIf(sign, type = 'registration')",
      qualified_leads: "sumIf(sign, type = 'qualification')",
      ftd_count: 'sumIf(sign, is_ftd)',
      ftd_amount: 'sumIf(sign * amount, is_ftd)',
      deposit_count: "sumIf(sign, type = 'deposit')",
      deposit_amount: "sumIf(sign * amount, type = 'deposit')",
      withdrawal_amount: "sumIf(sign * amount, type = 'withdrawal')",
      chargebacks: "sumIf(sign * amount, type = 'chargeback') + sum(sign * line_chargebacks)",
      bets: 'sum(sign * bets)',
      wins: 'sum(sign * wins)',
      bonuses: 'sum(sign * bonuses)',
    };
  },
};

const COMMISSION_KINDS: [Base, string][] = [
  ['cpl', "kind = 'cpl'"],
  ['cpa', "kind = 'cpa'"],
  ['revshare', "kind = 'revshare'"],
  ['sub_affiliate', "kind IN ('sub_cpa', 'sub_revshare', 'sub_net_pl')"],
];

const commissions: Table = {
  currency: true,
  from: (g) => (g === 'raw' ? 'commission_facts' : g === 'hour' ? 'commission_hours' : 'commission_days'),
  time: (g) => (g === 'raw' ? 'earned_at' : g === 'hour' ? 'hour' : "toDateTime(day, 'UTC')"),
  days: (g) => g === 'day',
  where: "status != 'rejected'",
  column(g, c) {
    if (OWNER.has(c) || c === 'plan_id') return c;
    if (c === 'landing_id' || c === 'traffic_source_id') return VIA_PROMO;
    if (c === 'country') return g === 'day' ? null : c;
    if (SUB.has(c) || c === 'coupon_code_id') return g === 'raw' ? c : null;
    return null;
  },
  bases(g) {
    const amount = g === 'raw' ? 'sign * amount' : 'amount';
    const out: Partial<Record<Base, string>> = Object.fromEntries(
      COMMISSION_KINDS.map(([b, cond]) => [b, `sumIf(${amount}, ${cond})`]),
    );
    out.total = `sum(${amount})`;
    // The daily rollup does not know qualified CPAs: they are read hourly.
    if (g === 'raw') out.qualified_cpa_count = 'sum(sign * qualified_cpa)';
    else if (g === 'hour') out.qualified_cpa_count = 'sum(qualified_cpa)';
    return out;
  },
};

export const TABLES = [clicks, impressions, events, commissions];

/**
 * As PostgreSQL's grainOf: the raw facts for sub-ids and coupons, the hourly rollups for hours,
 * countries, devices, other time zones and bounds inside a day, the daily ones otherwise. A table
 * whose daily rollup lacks a base asked for reads its hourly one.
 */
export function grainOf(plan: ReportPlan): Grain {
  const named = [...plan.groupBy, ...Object.keys(plan.filters)] as string[];
  if (named.some((d) => SUB.has(d as Column) || d === 'coupon')) return 'raw';
  const wholeDays = plan.from.getTime() % DAY === 0 && plan.to.getTime() % DAY === 0;
  if (
    named.some((d) => d === 'hour' || d === 'country' || d === 'device') ||
    plan.timezone !== 'UTC' ||
    !wholeDays
  )
    return 'hour';
  return 'day';
}

export function tableGrain(table: Table, grain: Grain, bases: Base[]): Grain {
  if (grain !== 'day') return grain;
  const daily = table.bases('day');
  const all = table.bases('hour');
  return bases.some((b) => all[b] && !daily[b]) ? 'hour' : 'day';
}

export const PERIOD_SQL: Record<PeriodDimension, (t: string) => string> = {
  hour: (t) => `toStartOfHour(toTimeZone(${t}, {tz:String}))`,
  day: (t) => `toStartOfDay(toTimeZone(${t}, {tz:String}))`,
  week: (t) => `toDateTime(toStartOfWeek(toTimeZone(${t}, {tz:String}), 1), {tz:String})`,
  month: (t) => `toDateTime(toStartOfMonth(toTimeZone(${t}, {tz:String})), {tz:String})`,
  quarter: (t) => `toDateTime(toStartOfQuarter(toTimeZone(${t}, {tz:String})), {tz:String})`,
  year: (t) => `toDateTime(toStartOfYear(toTimeZone(${t}, {tz:String})), {tz:String})`,
};
