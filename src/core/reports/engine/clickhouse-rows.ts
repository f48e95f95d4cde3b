// @internal: ClickHouse's grouped sums made into report rows with PostgreSQL's arithmetic and order.
import type { Db } from '../../../db/index.ts';
import { Dec } from '../../reference/decimal.ts';
import { type Base, MONEY_BASES } from '../rollups/fact-parts.ts';
import { NAME_SOURCE } from '../rollups/report-sql.ts';
import type { Group, Sums } from './clickhouse-grouped.ts';
import type { Metric, ReportRow } from './report-query.ts';
import type { ReportPlan } from './report-source.ts';

export const isMoney = (b: Base) => (MONEY_BASES as readonly string[]).includes(b);

function add(into: Sums, from: Sums) {
  for (const [b, v] of from) into.set(b, (into.get(b) ?? 0n) + v);
}

/**
 * As PostgreSQL's report-sql: without conversion a group's currency-less counts join its one
 * currency's row; converting, money of each currency is rounded half to even once per group and
 * currency and everything lands in one row in the target currency.
 */
export function rowsOf(plan: ReportPlan, groups: Group[], bases: Base[]): Group[] {
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

export function toRow(plan: ReportPlan, g: Group): ReportRow {
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
export function sortRows(plan: ReportPlan, rows: ReportRow[]) {
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

export function totalsOf(plan: ReportPlan, rows: Group[], bases: Base[]): ReportRow[] {
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

/** Names are catalog rows, which live in PostgreSQL only: looked up by id after the grouping. */
export async function withNames(db: Db, plan: ReportPlan, rows: ReportRow[]) {
  for (const d of plan.groupBy) {
    if (!(d in NAME_SOURCE)) continue;
    const [table, column] = NAME_SOURCE[d as keyof typeof NAME_SOURCE];
    const ids = [...new Set(rows.map((r) => r[d]).filter((v) => v !== null))] as number[];
    const found = ids.length
      ? await db
          .selectFrom(table as 'brands')
          .select(['id', `${column} as name`] as never)
          .where('id', 'in', ids as never)
          .execute()
      : [];
    const names = new Map((found as { id: number; name: string }[]).map((r) => [r.id, r.name]));
    for (const r of rows) r[`${d}_name`] = r[d] === null ? null : (names.get(r[d] as number) ?? null);
  }
  return rows;
}
