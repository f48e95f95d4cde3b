import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';

export interface AnalyticsStatus {
  /** Rows are being queued for ClickHouse (ANALYTICS_URL is set). */
  enabled: boolean;
  /** Rows waiting in the outbox: the copy's lag in rows. */
  pending: number;
  /** When the oldest waiting row was queued: the copy's lag in time (null: nothing waits). */
  oldestQueuedAt: Date | null;
  lastBatchId: bigint | null;
  lastBatchRows: number | null;
  lastCopiedAt: Date | null;
  /** The last failed copy's error, cleared by the next batch copied. */
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** How far ClickHouse is behind PostgreSQL. */
export async function getAnalyticsStatus(options: { db: Db }): Promise<AnalyticsStatus> {
  const { db } = options;
  const state = await db.selectFrom('analytics_state').selectAll().executeTakeFirstOrThrow();
  const lag = await db
    .selectFrom('analytics_outbox')
    .select([sql<string>`count(*)`.as('pending'), sql<Date | null>`min(queued_at)`.as('oldest')])
    .executeTakeFirstOrThrow();
  return {
    enabled: state.enabled,
    pending: Number(lag.pending),
    oldestQueuedAt: lag.oldest,
    lastBatchId: state.last_batch_id,
    lastBatchRows: state.last_batch_rows,
    lastCopiedAt: state.last_copied_at,
    lastError: state.last_error,
    lastErrorAt: state.last_error_at,
  };
}
