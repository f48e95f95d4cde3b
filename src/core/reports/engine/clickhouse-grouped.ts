// @internal: a report plan's sums per group and currency, read from ClickHouse with bound statements.
import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { type Base, DIMENSION_COLUMN, type FactColumn } from '../rollups/fact-parts.ts';
import {
  type Column,
  grainOf,
  PERIOD_SQL,
  TABLES,
  type Table,
  TEXT,
  tableGrain,
  VIA_PROMO,
} from './clickhouse-tables.ts';
import type { Dimension } from './report-query.ts';
import { isPeriod, type ReportPlan } from './report-source.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const chTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
export type Sums = Map<Base, bigint>;
export interface Group {
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
export async function grouped(
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
