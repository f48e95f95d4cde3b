// @internal: a report plan answered from the ClickHouse store's rollups (issue #21).
import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { Dec } from '../../reference/decimal.ts';
import { type Base, MONEY_BASES } from '../rollups/fact-parts.ts';
import { basesOf } from '../rollups/metric-sql.ts';
import type { Dimension, Metric, ReportRow } from './report-query.ts';
import { isPeriod, type ReportPlan, type ReportSource, type SourcePage } from './report-source.ts';

/**
 * What the ClickHouse rollups answer exactly today: UTC whole-day plans grouped and filtered by
 * periods of a day or longer, brand, campaign, promo and affiliate, over the metrics the daily
 * rollups keep. Anything else (sub-ids, coupons, countries, devices, landings, traffic sources,
 * other time zones, a limited manager's scope, chargebacks of activity lines, qualified CPAs) is
 * not in ClickHouse's schema yet and is answered by PostgreSQL (chooseReportSource).
 */
const DIMS = new Set<string>([
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'brand',
  'campaign',
  'promo',
  'affiliate',
]);
const UNSUPPORTED_METRICS = new Set<Metric>(['net_deposits', 'qualified_cpa_count']);
const COLUMN: Partial<Record<Dimension, string>> = {
  brand: 'brand_id',
  campaign: 'campaign_id',
  promo: 'promo_id',
  affiliate: 'affiliate_id',
};
const PERIOD_SQL: Partial<Record<Dimension, string>> = {
  day: 'd',
  week: 'toStartOfWeek(d, 1)',
  month: 'toStartOfMonth(d)',
  quarter: 'toStartOfQuarter(d)',
  year: 'toStartOfYear(d)',
};
const DAY = 86_400_000;

export function clickhouseAnswers(plan: ReportPlan): boolean {
  return (
    plan.timezone === 'UTC' &&
    plan.from.getTime() % DAY === 0 &&
    plan.to.getTime() % DAY === 0 &&
    plan.managerId === null &&
    plan.groupBy.every((d) => DIMS.has(d)) &&
    Object.keys(plan.filters).every((d) => d in COLUMN) &&
    plan.metrics.every((m) => !UNSUPPORTED_METRICS.has(m))
  );
}

/** Per fact table: the FROM clause (with `d`, its day) and each base it sums. */
/** `currency`: whether the table's rows carry one (counts of clicks and impressions do not). */
const TABLES: {
  from: string;
  day: string;
  currency: boolean;
  where?: string;
  bases: Partial<Record<Base, string>>;
}[] = [
  {
    from: 'click_hours',
    day: 'toDate(hour)',
    currency: false,
    bases: { clicks: 'sum(clicks)', unique_clicks: 'sum(unique_clicks)' },
  },
  {
    from: 'impression_hours FINAL',
    day: 'toDate(hour)',
    currency: false,
    bases: { impressions: 'sum(impressions)' },
  },
  {
    from: 'event_days',
    day: 'day',
    currency: true,
    bases: {
      registrations: 'sum(registrations)',
      qualified_leads: 'sum(qualified_leads)',
      ftd_count: 'sum(ftd_count)',
      ftd_amount: 'sum(ftd_amount)',
      deposit_count: 'sum(deposit_count)',
      deposit_amount: 'sum(deposit_amount)',
      withdrawal_amount: 'sum(withdrawal_amount)',
      bets: 'sum(bets)',
      wins: 'sum(wins)',
      bonuses: 'sum(bonuses)',
    },
  },
  {
    from: 'commission_days',
    day: 'day',
    currency: true,
    where: "status != 'rejected'",
    bases: {
      cpl: "sumIf(amount, kind = 'cpl')",
      cpa: "sumIf(amount, kind = 'cpa')",
      revshare: "sumIf(amount, kind = 'revshare')",
      sub_affiliate: "sumIf(amount, kind IN ('sub_cpa', 'sub_revshare', 'sub_net_pl'))",
      total: 'sum(amount)',
    },
  },
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
type Sums = Map<Base, bigint>;
interface Group {
  dims: (string | number | null)[];
  currency: string | null;
  sums: Sums;
}

/** The plan's sums per group and currency, one bound statement per fact table. */
async function grouped(store: AnalyticsStore, plan: ReportPlan, bases: Base[], signal?: AbortSignal) {
  const groups = new Map<string, Group>();
  const params: Record<string, unknown> = { from: isoDay(plan.from), to: isoDay(plan.to) };
  const filters: string[] = [];
  for (const [d, values] of Object.entries(plan.filters)) {
    params[`f_${d}`] = values;
    filters.push(`${COLUMN[d as Dimension]} IN {f_${d}:Array(UInt32)}`);
  }
  if (plan.affiliateIds) {
    params.affiliates = plan.affiliateIds;
    filters.push('affiliate_id IN {affiliates:Array(UInt32)}');
  }
  const dims = plan.groupBy.map((d, i) => `${isPeriod(d) ? PERIOD_SQL[d] : COLUMN[d]} AS k${i}`);
  for (const table of TABLES) {
    const wanted = bases.filter((b) => table.bases[b]);
    if (!wanted.length) continue;
    const select = [
      ...dims,
      table.currency ? 'currency' : "'' AS currency",
      ...wanted.map((b) => `toInt64(${table.bases[b]}) AS ${b}`),
    ];
    const where = [`d >= {from:Date}`, `d < {to:Date}`, ...filters, ...(table.where ? [table.where] : [])];
    const keys = [...plan.groupBy.map((_, i) => `k${i}`), 'currency'];
    const rows = await store.query<Record<string, string | number>>(
      `SELECT ${select.join(', ')} FROM (SELECT *, ${table.day} AS d FROM ${table.from})
        WHERE ${where.join(' AND ')} GROUP BY ${keys.join(', ')}`,
      params,
      { ...(signal ? { signal } : {}), settings: { output_format_json_quote_64bit_integers: 1 } },
    );
    for (const row of rows) {
      const dimValues = plan.groupBy.map((d, i) => {
        const v = row[`k${i}`];
        if (isPeriod(d)) return `${v}T00:00:00.000Z`;
        // ClickHouse keeps a missing campaign, promo or affiliate as 0; PostgreSQL as null.
        return Number(v) === 0 ? null : Number(v);
      });
      const currency = row.currency ? String(row.currency) : null;
      const key = JSON.stringify([dimValues, currency]);
      let group = groups.get(key);
      if (!group) {
        group = { dims: dimValues, currency, sums: new Map(bases.map((b) => [b, 0n])) };
        groups.set(key, group);
      }
      for (const b of wanted) group.sums.set(b, (group.sums.get(b) ?? 0n) + BigInt(row[b] as string));
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

async function answer(store: AnalyticsStore, plan: ReportPlan, signal?: AbortSignal) {
  const bases = basesOf(plan.metrics);
  const rows = rowsOf(plan, await grouped(store, plan, bases, signal), bases);
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
      const { rows, bases, sorted } = await answer(store, plan, signal);
      const shown = sorted.slice((page - 1) * pageSize, page * pageSize);
      return {
        rows: await withNames(db, plan, shown),
        total: sorted.length,
        totals: totalsOf(plan, rows, bases),
      };
    },
    async totals(_db, plan) {
      const { rows, bases } = await answer(store, plan, signal);
      return totalsOf(plan, rows, bases);
    },
    async *stream(db, plan) {
      // The grouped rows are held once (a report's groups, not its facts); names per batch.
      const { sorted } = await answer(store, plan, signal);
      for (let i = 0; i < sorted.length; i += 2000)
        yield* await withNames(db, plan, sorted.slice(i, i + 2000));
    },
    async currencies(_db, plan) {
      const bases = basesOf(plan.metrics).filter(isMoney);
      if (!bases.length) return [];
      const groups = await grouped(store, { ...plan, groupBy: [] }, bases, signal);
      return [...new Set(groups.map((g) => g.currency).filter((c) => c !== null))];
    },
  };
}
