import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { type AnalyticsBatch, buildAnalyticsRows, type OutboxRow } from './analytics-rows.ts';

export interface CopiedBatch {
  batchId: bigint;
  /** Outbox rows the batch held. */
  rows: number;
}

// Raw tables before the facts their rollups are fed from: a reader never sees a rollup ahead of
// the rows it sums.
const TABLE_ORDER = [
  'clicks',
  'impression_hours',
  'events',
  'event_facts',
  'commissions',
  'commission_facts',
];

/**
 * Copies one batch of the outbox to ClickHouse: the batch a previous run claimed and did not
 * finish (exactly its rows again), else the oldest `batchRows` rows, claimed as a new numbered
 * batch. Each table's insert carries the batch's deduplication token, so a batch copied twice (a
 * ClickHouse answer lost, a run cut off before the delete) is stored once, rollups included;
 * only then are its outbox rows deleted. A failure is recorded in analytics_state and thrown:
 * the rows stay for the next run. Answers null when nothing is waiting.
 */
export async function copyAnalyticsBatch(options: {
  db: Db;
  store: AnalyticsStore;
  batchRows: number;
  signal?: AbortSignal;
}): Promise<CopiedBatch | null> {
  const { db, store, batchRows, signal } = options;
  const batchId = await claimBatch(db, batchRows);
  if (batchId === null) return null;
  const rows = await db
    .selectFrom('analytics_outbox')
    .select(['seq', 'source', 'row_id', 'row'])
    .where('batch_id', '=', batchId)
    .orderBy('seq')
    .execute();
  try {
    const { installation } = await db
      .selectFrom('analytics_state')
      .select('installation')
      .executeTakeFirstOrThrow();
    const batch = await buildAnalyticsRows(db, rows as OutboxRow[]);
    await insertAll(store, batch, `${installation}-${batchId}`, signal);
  } catch (error) {
    await db
      .updateTable('analytics_state')
      .set({ last_error: describe(error), last_error_at: sql<Date>`now()` })
      .execute();
    throw error;
  }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('analytics_outbox').where('batch_id', '=', batchId).execute();
    await trx
      .updateTable('analytics_state')
      .set({
        last_batch_id: batchId,
        last_batch_rows: rows.length,
        last_copied_at: sql<Date>`now()`,
        last_error: null,
        last_error_at: null,
      })
      .execute();
  });
  return { batchId, rows: rows.length };
}

async function claimBatch(db: Db, batchRows: number): Promise<bigint | null> {
  return inTransaction(db, async (trx) => {
    const unfinished = await trx
      .selectFrom('analytics_outbox')
      .select('batch_id')
      .where('batch_id', 'is not', null)
      .orderBy('batch_id')
      .limit(1)
      .executeTakeFirst();
    if (unfinished?.batch_id != null) return unfinished.batch_id;
    // Skip locked: a second copier (there should be none) claims other rows instead of waiting.
    const waiting = await sql<{ seq: bigint }>`select seq from analytics_outbox where batch_id is null
      order by seq limit ${batchRows} for update skip locked`.execute(trx);
    if (waiting.rows.length === 0) return null;
    const { rows } = await sql<{ id: bigint }>`select nextval('analytics_batch_seq') as id`.execute(trx);
    const id = (rows[0] as { id: bigint }).id;
    await trx
      .updateTable('analytics_outbox')
      .set({ batch_id: id })
      .where(
        'seq',
        'in',
        waiting.rows.map((r) => r.seq),
      )
      .execute();
    return id;
  });
}

async function insertAll(store: AnalyticsStore, batch: AnalyticsBatch, token: string, signal?: AbortSignal) {
  const options = signal ? { signal } : {};
  for (const table of TABLE_ORDER) {
    const rows = batch.rows[table];
    if (rows?.length) await store.insert(table, rows, token, options);
  }
  const { ids, owners } = batch.supersededEvents;
  if (ids.length === 0) return;
  // After the new rows, and harmless to repeat: a retried batch deletes nothing more.
  await store.command(
    `DELETE FROM events WHERE (id, affiliate_id) IN
      (SELECT arrayJoin(arrayZip(arrayMap(x -> toUInt64(x), {ids:Array(String)}), {owners:Array(UInt32)})))`,
    { ids, owners },
    options,
  );
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}
