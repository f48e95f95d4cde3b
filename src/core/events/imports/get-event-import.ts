import type { Db } from '../../../db/index.ts';
import type { EventImportStatus } from '../../../db/tables/event-imports.ts';
import type { ActorType } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { ImportRejection } from './import-events.ts';

export interface EventImportView {
  id: number;
  status: EventImportStatus;
  size_bytes: number;
  /** Data rows answered so far: created + duplicates + rejected. */
  rows_done: number;
  created: number;
  duplicates: number;
  rejected: number;
  /** Rows a second over the time spent importing; null before the first batch. */
  rows_per_s: number | null;
  error: string | null;
  created_by: { type: ActorType; id: number | null; name: string };
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** The rejected rows by line, a page at a time. */
  rejections: ImportRejection[];
  rejections_paging: { page: number; page_size: number; total: number };
}

/** An import's progress, with a page of its rejected rows (by line). */
export async function getEventImport(options: {
  db: Db;
  id: number;
  page?: number;
  pageSize?: number;
}): Promise<EventImportView> {
  const { db, id } = options;
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? 100;
  const row = await db
    .selectFrom('event_imports')
    .select([
      'id',
      'status',
      'size_bytes',
      'rows_done',
      'created',
      'duplicates',
      'rejected',
      'seconds_spent',
      'error',
      'actor_type',
      'actor_id',
      'actor_name',
      'created_at',
      'started_at',
      'finished_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('event import');
  const rejections = await db
    .selectFrom('event_import_rejections')
    .select(['line', 'event_id', 'code', 'fields'])
    .where('import_id', '=', id)
    .orderBy('line')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    id: row.id,
    status: row.status,
    size_bytes: Number(row.size_bytes),
    rows_done: row.rows_done,
    created: row.created,
    duplicates: row.duplicates,
    rejected: row.rejected,
    rows_per_s: row.seconds_spent > 0 ? Math.round(row.rows_done / row.seconds_spent) : null,
    error: row.error,
    created_by: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    rejections,
    rejections_paging: { page, page_size: pageSize, total: row.rejected },
  };
}
