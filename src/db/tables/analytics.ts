import type { Generated } from 'kysely';

/** The one row of the streaming copy's state (migration 0110). */
export interface AnalyticsStateTable {
  id: Generated<boolean>;
  enabled: Generated<boolean>;
  installation: Generated<string>;
  last_batch_id: bigint | null;
  last_batch_rows: number | null;
  last_copied_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
}

export type AnalyticsOutboxSource =
  | 'click'
  | 'impression'
  | 'event'
  | 'event_attribution'
  | 'commission'
  | 'commission_status';

/** What is waiting to be copied to ClickHouse, written by triggers (migration 0110). */
export interface AnalyticsOutboxTable {
  seq: Generated<bigint>;
  source: AnalyticsOutboxSource;
  row_id: string | null;
  row: unknown;
  queued_at: Generated<Date>;
  batch_id: bigint | null;
}

export interface AnalyticsTables {
  analytics_state: AnalyticsStateTable;
  analytics_outbox: AnalyticsOutboxTable;
}
