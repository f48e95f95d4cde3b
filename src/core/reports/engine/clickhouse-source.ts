// @internal: a report plan answered from the ClickHouse store's rollups (issue #21).
import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { Dec } from '../../reference/decimal.ts';
import { type Base, DIMENSION_COLUMN, type FactColumn, MONEY_BASES } from '../rollups/fact-parts.ts';
import { basesOf } from '../rollups/metric-sql.ts';
import type { Dimension, Metric, PeriodDimension, ReportRow } from './report-query.ts';
import { isPeriod, type ReportPlan, type ReportSource, type SourcePage } from './report-source.ts';

const DAY = 86_400_000;

/**
 * Every plan PostgreSQL answers: its periods in any time zone, every dimension and filter (codes
 * resolved by the plan), every metric and a limited manager's scope; except one that reads raw
 * clicks (sub-ids) from before the raw clicks' TTL (ANALYTICS_CLICK_TTL_DAYS), which ClickHouse
 * no longer holds.
 */
export function clickhouseAnswers(plan: ReportPlan, config?: { clickTtlDays: number }): boolean {
  if (!config?.clickTtlDays || grainOf(plan) !== 'raw') return true;
  if (!basesOf(plan.metrics).some((b) => b === 'clicks' || b === 'unique_clicks')) return true;
  // A day's margin: the TTL drops whole parts as they merge, by the click's time.
  return plan.from.getTime() > Date.now() - (config.clickTtlDays - 1) * DAY;
}

/** A fact column of the reports (fact-parts.ts's names) or the customer's coupon. */
type Column = FactColumn | 'coupon_code_id';
/** Dimensions a promo decides for this table (its landing now, its traffic source): mapped after grouping. */
const VIA_PROMO = Symbol('via promo');
type Expr = string | null | typeof VIA_PROMO;
type Grain = 'day' | 'hour' | 'raw';

interface Table {
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

const SUB = new Set<Column>(['sub1', 'sub2', 'sub3', 'sub4', 'sub5']);
const TEXT = new Set<Column>(['country', 'device', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5']);
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

const TABLES = [clicks, impressions, events, commissions];

/**
 * As PostgreSQL's grainOf: the raw facts for sub-ids and coupons, the hourly rollups for hours,
 * countries, devices, other time zones and bounds inside a day, the daily ones otherwise. A table
 * whose daily rollup lacks a base asked for reads its hourly one.
 */
function grainOf(plan: ReportPlan): Grain {
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

function tableGrain(table: Table, grain: Grain, bases: Base[]): Grain {
  if (grain !== 'day') return grain;
  const daily = table.bases('day');
  const all = table.bases('hour');
  return bases.some((b) => all[b] && !daily[b]) ? 'hour' : 'day';
}

const PERIOD_SQL: Record<PeriodDimension, (t: string) => string> = {
  hour: (t) => `toStartOfHour(toTimeZone(${t}, {tz:String}))`,
  day: (t) => `toStartOfDay(toTimeZone(${t}, {tz:String}))`,
  week: (t) => `toDateTime(toStartOfWeek(toTimeZone(${t}, {tz:String}), 1), {tz:String})`,
  month: (t) => `toDateTime(toStartOfMonth(toTimeZone(${t}, {tz:String})), {tz:String})`,
  quarter: (t) => `toDateTime(toStartOfQuarter(toTimeZone(${t}, {tz:String})), {tz:String})`,
  year: (t) => `toDateTime(toStartOfYear(toTimeZone(${t}, {tz:String})), {tz:String})`,
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const chTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
type Sums = Map<Base, bigint>;
interface Group {
  dims: (string | number | null)[];
  currency: string | null;
  sums: Sums;
}

/** What the plan needs from PostgreSQL's catalog: a manager's affiliates, promos by landing or traffic source. */
interface Lookups {
  /** The affiliates the plan may read; null: all. */
  affiliates: number[] | null;
  /** Per filter on a dimension a promo decides: the promos it keeps. */
  promosFor: Partial<Record<'landing_id' | 'traffic_source_id', number[]>>;
}

async function lookups(db: Db, plan: ReportPlan): Promise<Lookups> {
  let affiliates = plan.affiliateIds;
  if (plan.managerId !== null) {
    const rows = await db
      .selectFrom('affiliates')
      .select('id')
      .where('account_manager_id', '=', plan.managerId)
      .execute();
    const mine = rows.map((r) => r.id);
    affiliates = affiliates ? affiliates.filter((id) => mine.includes(id)) : mine;
  }
  const promosFor: Lookups['promosFor'] = {};
  for (const [dimension, column] of [
    ['landing', 'destination_link_id'],
    ['traffic_source', 'traffic_source_id'],
  ] as const) {
    const values = plan.filters[dimension];
    if (!values) continue;
    const rows = values.length
      ? await db
          .selectFrom('promos')
          .select('id')
          .where(column, 'in', values as number[])
          .execute()
      : [];
    promosFor[dimension === 'landing' ? 'landing_id' : 'traffic_source_id'] = rows.map((r) => r.id);
  }
  return { affiliates, promosFor };
}

/** Each promo's landing (its destination link now) and traffic source, for the promos named. */
async function promoDimensions(db: Db, ids: number[]) {
  const rows = ids.length
    ? await db
        .selectFrom('promos')
        .select(['id', 'destination_link_id', 'traffic_source_id'])
        .where('id', 'in', ids)
        .execute()
    : [];
  return new Map(
    rows.map((r) => [
      r.id,
      { landing_id: r.destination_link_id ?? null, traffic_source_id: r.traffic_source_id ?? null },
    ]),
  );
}

interface TableQuery {
  sql: string;
  wanted: Base[];
  /** Per dimension: read from k<i>, from the promo (p), or null (the table has none). */
  reads: ('key' | 'promo' | 'none')[];
}

/** One table's bound statement for the plan, or null when no row of it can count. */
function tableQuery(
  table: Table,
  plan: ReportPlan,
  bases: Base[],
  look: Lookups,
  params: Record<string, unknown>,
): TableQuery | null {
  const grain = tableGrain(table, grainOf(plan), bases);
  const sums = table.bases(grain);
  const wanted = bases.filter((b) => sums[b]);
  if (!wanted.length) return null;
  const where = table.days(grain)
    ? [`day >= {fromDay:Date}`, `day < {toDay:Date}`]
    : [`${table.time(grain)} >= {from:DateTime('UTC')}`, `${table.time(grain)} < {to:DateTime('UTC')}`];
  if (table.where) where.push(table.where);
  for (const [dimension, values] of Object.entries(plan.filters)) {
    if (!values) continue;
    const column: Column =
      dimension === 'coupon' ? 'coupon_code_id' : (DIMENSION_COLUMN[dimension as Dimension] as FactColumn);
    const expr = table.column(grain, column);
    if (expr === null) return null;
    if (expr === VIA_PROMO) {
      const promos = look.promosFor[column as 'landing_id' | 'traffic_source_id'] ?? [];
      if (!promos.length) return null;
      params[`p_${dimension}`] = promos;
      where.push(`promo_id IN {p_${dimension}:Array(UInt32)}`);
      continue;
    }
    params[`f_${dimension}`] = values;
    where.push(`${expr} IN {f_${dimension}:Array(${TEXT.has(column) ? 'String' : 'UInt32'})}`);
  }
  if (look.affiliates) {
    if (!look.affiliates.length) return null;
    params.affiliates = look.affiliates;
    where.push('affiliate_id IN {affiliates:Array(UInt32)}');
  }
  const select: string[] = [];
  const keys: string[] = [];
  const reads: TableQuery['reads'] = [];
  plan.groupBy.forEach((d, i) => {
    if (isPeriod(d)) {
      select.push(`toUnixTimestamp(${PERIOD_SQL[d](table.time(grain))}) AS k${i}`);
      keys.push(`k${i}`);
      reads.push('key');
      return;
    }
    const expr = table.column(grain, DIMENSION_COLUMN[d] as FactColumn);
    if (expr === VIA_PROMO) reads.push('promo');
    else if (expr === null) reads.push('none');
    else {
      select.push(`${expr} AS k${i}`);
      keys.push(`k${i}`);
      reads.push('key');
    }
  });
  if (reads.includes('promo')) {
    select.push('promo_id AS p');
    keys.push('p');
  }
  select.push(table.currency ? 'currency' : "'' AS currency");
  keys.push('currency');
  select.push(...wanted.map((b) => `toInt64(${sums[b]}) AS ${b}`));
  return {
    sql: `SELECT ${select.join(', ')} FROM ${table.from(grain)}
      WHERE ${where.join(' AND ')} GROUP BY ${keys.join(', ')}`,
    wanted,
    reads,
  };
}

/** ClickHouse keeps a missing id as 0 and a missing text as ''; PostgreSQL as null. */
function dimensionValue(d: Dimension, v: unknown): string | number | null {
  if (isPeriod(d)) return new Date(Number(v) * 1000).toISOString();
  if (DIMENSION_TEXT.has(d)) return v === '' || v === null || v === undefined ? null : String(v);
  return Number(v) === 0 ? null : Number(v);
}
const DIMENSION_TEXT = new Set<Dimension>(['country', 'device', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5']);

/** The plan's sums per group and currency, one bound statement per fact table. */
async function grouped(
  db: Db,
  store: AnalyticsStore,
  plan: ReportPlan,
  bases: Base[],
  signal?: AbortSignal,
): Promise<Group[]> {
  const groups = new Map<string, Group>();
  const look = await lookups(db, plan);
  const params: Record<string, unknown> = {
    from: chTime(plan.from),
    to: chTime(plan.to),
    fromDay: isoDay(plan.from),
    toDay: isoDay(plan.to),
    tz: plan.timezone,
  };
  for (const table of TABLES) {
    const q = tableQuery(table, plan, bases, look, params);
    if (!q) continue;
    const rows = await store.query<Record<string, string | number>>(q.sql, params, {
      ...(signal ? { signal } : {}),
      settings: { output_format_json_quote_64bit_integers: 1 },
    });
    const promos = q.reads.includes('promo')
      ? await promoDimensions(
          db,
          [...new Set(rows.map((r) => Number(r.p)))].filter((id) => id !== 0),
        )
      : null;
    for (const row of rows) {
      const dimValues = plan.groupBy.map((d, i) => {
        const how = q.reads[i];
        if (how === 'none') return null;
        if (how === 'promo') {
          const column = DIMENSION_COLUMN[d] as 'landing_id' | 'traffic_source_id';
          return promos?.get(Number(row.p))?.[column] ?? null;
        }
        return dimensionValue(d, row[`k${i}`]);
      });
      const currency = row.currency ? String(row.currency) : null;
      const key = JSON.stringify([dimValues, currency]);
      let group = groups.get(key);
      if (!group) {
        group = { dims: dimValues, currency, sums: new Map(bases.map((b) => [b, 0n])) };
        groups.set(key, group);
      }
      for (const b of q.wanted) group.sums.set(b, (group.sums.get(b) ?? 0n) + BigInt(row[b] as string));
    }
  }
  return [...groups.values()];
}

const isMoney = (b: Base) => (MONEY_BASES as readonly string[]).includes(b);

function add(into: Sums, from: Sums) {
  for (const [b, v] of from) into.set(b, (into.get(b) ?? 0n) + v);
}

/**
 * As PostgreSQL's report-sql: without conversion a group's currency-less counts join its one
 * currency's row; converting, money of each currency is rounded half to even once per group and
 * currency and everything lands in one row in the target currency.
 */
function rowsOf(plan: ReportPlan, groups: Group[], bases: Base[]): Group[] {
  const byDims = new Map<string, Group[]>();
  for (const g of groups) {
    const k = JSON.stringify(g.dims);
    byDims.set(k, [...(byDims.get(k) ?? []), g]);
  }
  const out: Group[] = [];
  for (const list of byDims.values()) {
    const dims = list[0]!.dims;
    if (plan.conversion) {
      const sums: Sums = new Map(bases.map((b) => [b, 0n]));
      for (const g of list) {
        const factor = g.currency ? plan.conversion.factors.get(g.currency) : undefined;
        for (const b of bases) {
          const v = g.sums.get(b) ?? 0n;
          if (!isMoney(b)) sums.set(b, sums.get(b)! + v);
          else if (factor !== undefined)
            sums.set(
              b,
              sums.get(b)! +
                (new Dec(factor).eq(1)
                  ? v
                  : BigInt(new Dec(v.toString()).times(factor).toDecimalPlaces(0).toFixed())),
            );
        }
      }
      out.push({ dims, currency: plan.conversion.currency, sums });
      continue;
    }
    out.push(...mergeCurrencyless(list, bases, dims));
  }
  return out;
}

function mergeCurrencyless(list: Group[], bases: Base[], dims: Group['dims']): Group[] {
  const currencies = [...new Set(list.map((g) => g.currency).filter((c) => c !== null))];
  const merged = new Map<string | null, Sums>();
  for (const g of list) {
    const currency = g.currency ?? (currencies.length === 1 ? currencies[0]! : null);
    const sums = merged.get(currency) ?? new Map(bases.map((b) => [b, 0n]));
    add(sums, g.sums);
    merged.set(currency, sums);
  }
  return [...merged].map(([currency, sums]) => ({ dims, currency, sums }));
}

function metricValue(m: Metric, s: Sums): bigint | string | null {
  const v = (b: Base) => s.get(b) ?? 0n;
  const ratio = (num: Base, den: Base) =>
    v(den) > 0n
      ? new Dec(v(num).toString()).div(v(den).toString()).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed(4)
      : null;
  switch (m) {
    case 'net_deposits':
      return v('deposit_amount') - v('withdrawal_amount') - v('chargebacks');
    case 'ggr':
      return v('bets') - v('wins');
    case 'ngr':
      return v('bets') - v('wins') - v('bonuses');
    case 'cpl_commission':
      return v('cpl');
    case 'cpa_commission':
      return v('cpa');
    case 'revshare_commission':
      return v('revshare');
    case 'sub_affiliate_commission':
      return v('sub_affiliate');
    case 'total_commission':
      return v('total');
    case 'registration_rate':
      return ratio('registrations', 'clicks');
    case 'ftd_rate':
      return ratio('ftd_count', 'registrations');
    case 'epc':
      return v('clicks') > 0n
        ? BigInt(new Dec(v('total').toString()).div(v('clicks').toString()).toDecimalPlaces(0).toFixed())
        : null;
    default:
      return v(m as Base);
  }
}

function toRow(plan: ReportPlan, g: Group): ReportRow {
  const row: ReportRow = {};
  plan.groupBy.forEach((d, i) => {
    row[d] = g.dims[i] ?? null;
  });
  row.currency = g.currency;
  for (const m of plan.metrics) row[m] = metricValue(m, g.sums);
  return row;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'bigint' || typeof a === 'number')
    return Number(BigInt(a as bigint) - BigInt(b as bigint)) < 0 ? -1 : 1;
  return String(a) < String(b) ? -1 : 1;
}

/** PostgreSQL's order: the sort keys (nulls last), then the other dimensions and currency (nulls first). */
function sortRows(plan: ReportPlan, rows: ReportRow[]) {
  const keys = plan.sort.map((s) => ({ by: s.by, desc: s.direction === 'desc', nullsFirst: false }));
  for (const d of [...plan.groupBy, 'currency'])
    if (!plan.sort.some((s) => s.by === d)) keys.push({ by: d, desc: false, nullsFirst: true });
  return rows.sort((x, y) => {
    for (const k of keys) {
      const a = x[k.by] ?? null;
      const b = y[k.by] ?? null;
      if (a === b) continue;
      if (a === null) return k.nullsFirst ? -1 : 1;
      if (b === null) return k.nullsFirst ? 1 : -1;
      const c = compare(a, b);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

function totalsOf(plan: ReportPlan, rows: Group[], bases: Base[]): ReportRow[] {
  const byCurrency = new Map<string | null, Group>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { dims: [], currency: r.currency, sums: new Map() };
    add(t.sums, r.sums);
    byCurrency.set(r.currency, t);
  }
  const merged = mergeCurrencyless([...byCurrency.values()], bases, []);
  const totals = merged.map((g) => {
    const row: ReportRow = { currency: g.currency };
    for (const m of plan.metrics) row[m] = metricValue(m, g.sums);
    return row;
  });
  return totals.sort((a, b) =>
    a.currency === null ? -1 : b.currency === null ? 1 : compare(a.currency, b.currency),
  );
}

const NAME_SOURCE = {
  brand: ['brands', 'name'],
  campaign: ['campaigns', 'name'],
  promo: ['promos', 'title'],
  affiliate: ['affiliates', 'name'],
  plan: ['commission_plans', 'name'],
  traffic_source: ['traffic_sources', 'name'],
  landing: ['destination_links', 'name'],
} as const;

/** Names are catalog rows, which live in PostgreSQL only: looked up by id after the grouping. */
async function withNames(db: Db, plan: ReportPlan, rows: ReportRow[]) {
  for (const d of plan.groupBy) {
    if (!(d in NAME_SOURCE)) continue;
    const [table, column] = NAME_SOURCE[d as keyof typeof NAME_SOURCE];
    const ids = [...new Set(rows.map((r) => r[d]).filter((v) => v !== null))] as number[];
    const found = ids.length
      ? await db
          .selectFrom(table)
          .select(['id', `${column} as name`] as never)
          .where('id', 'in', ids as never)
          .execute()
      : [];
    const names = new Map((found as { id: number; name: string }[]).map((r) => [r.id, r.name]));
    for (const r of rows) r[`${d}_name`] = r[d] === null ? null : (names.get(r[d] as number) ?? null);
  }
  return rows;
}

async function answer(db: Db, store: AnalyticsStore, plan: ReportPlan, signal?: AbortSignal) {
  const bases = basesOf(plan.metrics);
  const rows = rowsOf(plan, await grouped(db, store, plan, bases, signal), bases);
  return {
    rows,
    bases,
    sorted: sortRows(
      plan,
      rows.map((g) => toRow(plan, g)),
    ),
  };
}

/**
 * Reads the ClickHouse rollups: the grouped sums come from ClickHouse, the last steps (merging
 * currency-less counts, conversion with decimal.js, ratios, order) are the same arithmetic as
 * PostgreSQL's, done here on the grouped integer sums, so both answer to the minor unit. A plan
 * it does not answer (clickhouseAnswers) must go to PostgreSQL.
 */
export function clickhouseSource(store: AnalyticsStore, signal?: AbortSignal): ReportSource {
  return {
    async page(db, plan, page, pageSize): Promise<SourcePage> {
      const { rows, bases, sorted } = await answer(db, store, plan, signal);
      const shown = sorted.slice((page - 1) * pageSize, page * pageSize);
      return {
        rows: await withNames(db, plan, shown),
        total: sorted.length,
        totals: totalsOf(plan, rows, bases),
      };
    },
    async totals(db, plan) {
      const { rows, bases } = await answer(db, store, plan, signal);
      return totalsOf(plan, rows, bases);
    },
    async *stream(db, plan) {
      // The grouped rows are held once (a report's groups, not its facts); names per batch.
      const { sorted } = await answer(db, store, plan, signal);
      for (let i = 0; i < sorted.length; i += 2000)
        yield* await withNames(db, plan, sorted.slice(i, i + 2000));
    },
    async currencies(db, plan) {
      const bases = basesOf(plan.metrics).filter(isMoney);
      if (!bases.length) return [];
      const groups = await grouped(db, store, { ...plan, groupBy: [] }, bases, signal);
      return [...new Set(groups.map((g) => g.currency).filter((c) => c !== null))];
    },
  };
}
