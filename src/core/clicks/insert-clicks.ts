import { CompiledQuery } from 'kysely';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Database, Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { clickCopyText } from './click-copy.ts';
import { addClickCounts, clickCountParameters } from './click-counts.ts';
import { type ClickEnricher, type RawClick, toRows, type Value } from './click-rows.ts';

export type { ClickEnricher, RawClick } from './click-rows.ts';

const COLUMNS = `id, clicked_at, promo_id, campaign_id, affiliate_id, brand_id, destination_link_id,
  variant, sub1, sub2, sub3, sub4, sub5, params, ip, user_agent, referrer, device_type, is_bot,
  is_unique, country`;
const TYPES: readonly string[] = [
  ...['text', 'timestamptz', 'int', 'int', 'int', 'int', 'int', 'text'],
  ...['text', 'text', 'text', 'text', 'text', 'jsonb', 'text', 'text', 'text', 'text'],
  ...['boolean', 'boolean', 'text'],
];
/**
 * The rows as PostgreSQL array literals, one per column, for `unnest()`: one text parameter per
 * column and no per-element driver work. Inside double quotes only `"` and `\` need a backslash.
 */
function toArrayLiterals(rows: Value[][]): string[] {
  return TYPES.map((_, c) => {
    let out = '{';
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![c];
      if (i > 0) out += ',';
      if (v === null || v === undefined) out += 'NULL';
      else if (typeof v !== 'string') out += v === true ? 't' : v === false ? 'f' : v;
      else out += `"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
    }
    return `${out}}`;
  });
}

const COPY = `copy clicks (${COLUMNS}) from stdin`;
const unnestInsert = (onConflict: boolean) =>
  `insert into clicks (${COLUMNS}) select * from unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})${
    onConflict ? ' on conflict (id) do nothing returning id' : ''
  }`;
const INSERT = unnestInsert(false);
const INSERT_SKIPPING_DUPLICATES = unnestInsert(true);

/** How a batch is written: COPY on PostgreSQL, one INSERT from unnest() on the embedded database. */
export interface ClickSink {
  db: Db;
  copyIn?: Database['copyIn'];
}

/**
 * Writes one batch, with each affiliate's last-click time and the hourly click counts, in one
 * transaction. A batch retried after its first attempt did commit (the answer was lost) clashes
 * with its own rows: only then is it written again skipping duplicates, counting only the rows
 * that attempt wrote. A row the database refuses as data is isolated by
 * halving the batch and dropped (counted), so it cannot hold the queue forever.
 */
export async function insertClicks(
  sink: ClickSink,
  clicks: RawClick[],
  enrich: ClickEnricher,
): Promise<void> {
  const traffic = trafficParameters(clicks);
  try {
    await writeBatch(sink, clicks, enrich, traffic, false);
  } catch (error) {
    if (isUniqueViolation(error)) {
      await writeBatch(sink, clicks, enrich, traffic, true);
    } else if (isDataError(error) && clicks.length > 1) {
      const half = clicks.length >> 1;
      await insertClicks(sink, clicks.slice(0, half), enrich);
      await insertClicks(sink, clicks.slice(half), enrich);
    } else if (isDataError(error)) {
      enrich.rejected++;
    } else throw error;
  }
}

function writeBatch(
  sink: ClickSink,
  clicks: RawClick[],
  enrich: ClickEnricher,
  traffic: unknown[],
  skipDuplicates: boolean,
) {
  if (sink.copyIn && !skipDuplicates) {
    const after = {
      sql: RECORD_TRAFFIC_AND_COUNTS,
      parameters: [...traffic, ...clickCountParameters(clicks)],
    };
    return sink.copyIn(COPY, clickCopyText(clicks, enrich), { after });
  }
  const columns = toArrayLiterals(toRows(clicks, enrich));
  return inTransaction(sink.db, async (trx) => {
    let written = clicks;
    if (skipDuplicates) {
      const inserted = await trx.executeQuery<{ id: string }>(
        CompiledQuery.raw(INSERT_SKIPPING_DUPLICATES, columns),
      );
      const ids = new Set(inserted.rows.map((r) => r.id));
      written = clicks.filter((click) => ids.has(click[0]));
    } else await trx.executeQuery(CompiledQuery.raw(INSERT, columns));
    const counts = clickCountParameters(written);
    await trx.executeQuery(CompiledQuery.raw(RECORD_TRAFFIC_AND_COUNTS, [...traffic, ...counts]));
  });
}

// Each affiliate's last-click time moves forward to the newest click of the batch. An affiliate
// deleted since its click is skipped: its key would fail the batch, and every retry with it.
const RECORD_TRAFFIC = `insert into affiliate_traffic (affiliate_id, last_click_at)
  select t.affiliate_id, t.at from unnest($1::int[], $2::timestamptz[]) as t (affiliate_id, at)
  where exists (select from affiliates a where a.id = t.affiliate_id)
  on conflict (affiliate_id) do update
  set last_click_at = greatest(affiliate_traffic.last_click_at, excluded.last_click_at)`;

// One statement, so COPY's single follow-up statement carries both (parameters $1-$2, then $3-$8).
const RECORD_TRAFFIC_AND_COUNTS = `with traffic as (${RECORD_TRAFFIC}) ${addClickCounts(3)}`;

function trafficParameters(clicks: RawClick[]): [number[], string[]] {
  const latest = new Map<number, number>();
  for (const [, at, , , affiliateId] of clicks) {
    if ((latest.get(affiliateId) ?? 0) < at) latest.set(affiliateId, at);
  }
  return [[...latest.keys()], [...latest.values()].map((at) => new Date(at).toISOString())];
}

/** SQLSTATE class 22 (data exception): the row itself is at fault, retrying cannot help. */
function isDataError(error: unknown): boolean {
  return String((error as { code?: string })?.code ?? '').startsWith('22');
}
