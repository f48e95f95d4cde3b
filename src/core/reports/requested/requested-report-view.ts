import type { Selectable } from 'kysely';
import type { RequestedReportsTable } from '../../../db/tables/report-files.ts';

export type RequestedReportRow = Selectable<RequestedReportsTable>;

export interface RequestedReportView {
  id: number;
  name: string;
  report: Record<string, unknown>;
  format: 'xlsx' | 'csv';
  state: 'processing' | 'failed' | 'successful';
  /** Rows written out of total_rows, 0 to 100; 100 once successful. */
  progress: number;
  rows_written: number;
  total_rows: number | null;
  error: string | null;
  /** Which store answered the report's files (null until built). */
  source: 'postgres' | 'clickhouse' | null;
  actor: { type: string; id: number | null; name: string };
  requested_at: Date;
  finished_at: Date | null;
  expires_at: Date;
}

export function requestedReportView(row: RequestedReportRow): RequestedReportView {
  const total = row.total_rows === null ? null : Number(row.total_rows);
  const written = Number(row.rows_written);
  const progress =
    row.state === 'successful' ? 100 : total ? Math.min(99, Math.floor((written * 100) / total)) : 0;
  return {
    id: row.id,
    name: row.name,
    report: (row.report as { query?: Record<string, unknown> }).query ?? {},
    format: row.format,
    state: row.state,
    progress,
    rows_written: written,
    total_rows: total,
    error: row.error,
    source: (row.report as { source?: 'postgres' | 'clickhouse' }).source ?? null,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    requested_at: row.created_at,
    finished_at: row.finished_at,
    expires_at: row.expires_at,
  };
}
