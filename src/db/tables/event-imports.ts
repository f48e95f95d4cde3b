import type { ColumnType, Generated } from 'kysely';
import type { EventsTable } from './events.ts';
import type { CreatedAt } from './foundation.ts';

export type EventImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

/** A CSV import of historical events sent to the API, and its progress (migration 0010). */
export interface EventImportsTable {
  id: Generated<number>;
  status: Generated<EventImportStatus>;
  content: Buffer | null;
  content_encoding: Generated<'identity' | 'gzip'>;
  size_bytes: ColumnType<bigint, bigint | number, bigint | number>;
  rows_done: Generated<number>;
  created: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
  line_done: Generated<number>;
  seconds_spent: Generated<number>;
  error: string | null;
  actor_type: EventsTable['actor_type'];
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: CreatedAt;
}

export interface EventImportRejectionsTable {
  import_id: number;
  line: number;
  event_id: string | null;
  code: 'validation_failed' | 'idempotency_conflict';
  fields: Json<{ path: string; message: string }[]>;
}

export interface EventImportTables {
  event_imports: EventImportsTable;
  event_import_rejections: EventImportRejectionsTable;
}
