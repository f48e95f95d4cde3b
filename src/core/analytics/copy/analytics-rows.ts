// @internal: the copier's translation of outbox rows into ClickHouse rows (copy-analytics.ts).
import type { Db } from '../../../db/index.ts';
import type { AnalyticsOutboxSource } from '../../../db/tables/analytics.ts';
import { clicks, impressions } from './click-rows.ts';
import { commissions } from './commission-rows.ts';
import { events } from './event-rows.ts';

export interface OutboxRow {
  seq: bigint;
  source: AnalyticsOutboxSource;
  row_id: string | null;
  row: unknown;
}

/** Rows per ClickHouse table, ready for a JSONEachRow insert. */
export type AnalyticsRows = Record<string, object[]>;

export interface AnalyticsBatch {
  rows: AnalyticsRows;
  /**
   * Raw events rows to delete once the new ones are in: the affiliate is part of the raw table's
   * key (ORDER BY affiliate, time), so the row of an event attributed later is a new row and
   * ReplacingMergeTree would keep the old owner's beside it.
   */
  supersededEvents: { ids: string[]; owners: number[] };
}

export type Attribution = {
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
};

/**
 * Reads what the batch's rows name and shapes it for ClickHouse. Raw rows carry a version (the
 * outbox seq, or the hour's count for impressions) so ReplacingMergeTree keeps the newest; facts
 * come from what the outbox holds and what never changes, so a batch copied again builds the same
 * facts and its deduplication token skips them.
 */
export async function buildAnalyticsRows(db: Db, batch: readonly OutboxRow[]): Promise<AnalyticsBatch> {
  const out: AnalyticsRows = {};
  const supersededEvents = { ids: [] as string[], owners: [] as number[] };
  const push = (table: string, row: object) => {
    const rows = out[table] ?? [];
    rows.push(row);
    out[table] = rows;
  };
  const of = (source: AnalyticsOutboxSource) => batch.filter((r) => r.source === source);
  await clicks(db, of('click'), push);
  await impressions(db, of('impression'), push);
  await events(db, of('event'), of('event_attribution'), push, supersededEvents);
  await commissions(db, of('commission'), of('commission_status'), push);
  return { rows: out, supersededEvents };
}

/** Adds a row for a ClickHouse table to the batch. */
export type Push = (table: string, row: object) => void;
