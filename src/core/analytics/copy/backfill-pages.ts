// @internal: the backfill's keyset pages of clicks and impressions, and what every page reader shares.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { AnalyticsRows } from './analytics-rows.ts';
import { CLICK_COLUMNS, type ClickRow, clickRow, type ImpressionRow, impressionRow } from './click-rows.ts';

// Backfilled events and commissions rows lose to every copy the outbox made or will make (its
// versions are outbox seqs, from 1): a row the streaming copy also carries is the streaming's.
export const BACKFILL_VERSION = 0n;

export interface PageContext {
  db: Db;
  store: AnalyticsStore;
  range: { from: Date | undefined; to: Date | undefined };
  pageRows: number;
  insert(rows: AnalyticsRows): Promise<void>;
  signal: AbortSignal | undefined;
}

export type Page = { read: number; copied: number };

export function within(column: string, range: PageContext['range']): RawBuilder<unknown> {
  const c = sql.ref(column);
  return sql`${range.from ? sql`and ${c} >= ${range.from}` : sql``} ${range.to ? sql`and ${c} < ${range.to}` : sql``}`;
}

/** ClickHouse's DateTime64 text of a time (bound as a String, read with toDateTime64). */
export const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

export function span(times: Date[]) {
  let lo = times[0] as Date;
  let hi = lo;
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return { lo: chTime(lo), hi: chTime(hi) };
}

export const CH_SPAN = (column: string) =>
  `${column} >= toDateTime64({lo:String}, 3, 'UTC') AND ${column} <= toDateTime64({hi:String}, 3, 'UTC')`;

export async function queued(db: Db, sources: string[], ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ source: string; row_id: string; row: unknown; seq: bigint }>`
    select source, row_id, row, seq from analytics_outbox
    where source = any(${sources}::text[]) and row_id = any(${ids}::text[]) order by seq`.execute(db);
  return rows;
}

export async function* clickPages(ctx: PageContext): AsyncGenerator<Page> {
  const { db, store, range, pageRows } = ctx;
  const read = (after: string) =>
    sql<ClickRow>`select ${CLICK_COLUMNS} from clicks
      where id > ${after} ${within('clicked_at', range)} order by id limit ${pageRows}`.execute(db);
  let next = read('');
  for (;;) {
    const { rows } = await next;
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    // The outbox first, ClickHouse then: a click that left the outbox meanwhile is in ClickHouse.
    const waiting = new Set((await queued(db, ['click'], ids)).map((r) => r.row_id));
    const held = new Set(
      (
        await store.query<{ id: string }>(
          `SELECT id FROM clicks WHERE ${CH_SPAN('clicked_at')} AND id IN {ids:Array(String)}`,
          { ...span(rows.map((r) => r.clicked_at)), ids },
          ctx.signal ? { signal: ctx.signal } : {},
        )
      ).map((r) => r.id),
    );
    const missing = rows.filter((r) => !waiting.has(r.id) && !held.has(r.id));
    // Clicks never change: the next page is read while this one is inserted.
    next = read((rows[rows.length - 1] as ClickRow).id);
    next.catch(() => {});
    await ctx.insert({ clicks: missing.map(clickRow) });
    yield { read: rows.length, copied: missing.length };
  }
}

export async function* impressionPages(ctx: PageContext): AsyncGenerator<Page> {
  const { db, store, range, pageRows } = ctx;
  let after: { promo: number; hour: Date } = { promo: 0, hour: new Date(0) };
  for (;;) {
    const { rows } = await sql<ImpressionRow>`select i.promo_id, i.hour, i.impressions, p.affiliate_id,
        p.brand_id, p.campaign_id
      from promo_impressions i join promos p on p.id = i.promo_id
      where (i.promo_id, i.hour) > (${after.promo}, ${after.hour}) ${within('i.hour', range)}
      order by i.promo_id, i.hour limit ${pageRows}`.execute(db);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1] as ImpressionRow;
    after = { promo: last.promo_id, hour: last.hour };
    // Each copy carries the hour's count as its version: only a count ClickHouse lacks is sent
    // (a queued copy will carry the same count or a higher one).
    const held = new Map(
      (
        await store.query<{ promo_id: number; t: number; v: string }>(
          `SELECT promo_id, toUnixTimestamp(hour) AS t, max(version) AS v FROM impression_hours
           WHERE hour >= toDateTime({lo:String}, 'UTC') AND hour <= toDateTime({hi:String}, 'UTC')
             AND promo_id IN {promos:Array(UInt32)} GROUP BY promo_id, hour`,
          {
            ...spanSeconds(rows),
            promos: [...new Set(rows.map((r) => r.promo_id))],
          },
          ctx.signal ? { signal: ctx.signal } : {},
        )
      ).map((r) => [`${r.promo_id}|${r.t}`, BigInt(r.v)]),
    );
    const missing = rows.filter(
      (r) => (held.get(`${r.promo_id}|${r.hour.getTime() / 1000}`) ?? -1n) < BigInt(r.impressions),
    );
    await ctx.insert({ impression_hours: missing.map(impressionRow) });
    yield { read: rows.length, copied: missing.length };
  }
}

function spanSeconds(rows: ImpressionRow[]) {
  const s = span(rows.map((r) => r.hour));
  return { lo: s.lo.slice(0, 19), hi: s.hi.slice(0, 19) };
}
