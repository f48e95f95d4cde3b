import { Type } from 'typebox';
import { NullableTimestamp, StringEnum, Timestamp } from './common.ts';
import { ListPaging } from './events.ts';

const FieldProblem = Type.Object({ path: Type.String(), message: Type.String() });

export const EventImport = Type.Object({
  id: Type.Integer(),
  status: StringEnum(['queued', 'running', 'done', 'failed'] as const),
  size_bytes: Type.Integer({ description: 'The file as sent (compressed, when it came gzip)' }),
  rows_done: Type.Integer({ description: 'Data rows answered so far: created + duplicates + rejected' }),
  created: Type.Integer(),
  duplicates: Type.Integer({ description: 'Rows whose event was already recorded with the same fields' }),
  rejected: Type.Integer(),
  rows_per_s: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Rows a second over the time spent importing; null before the first batch',
  }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why the import failed (or was tried again)',
  }),
  created_by: Type.Object({
    type: Type.String(),
    id: Type.Union([Type.Integer(), Type.Null()]),
    name: Type.String(),
  }),
  created_at: Timestamp,
  started_at: NullableTimestamp,
  finished_at: NullableTimestamp,
  rejections: Type.Array(
    Type.Object({
      line: Type.Integer({ description: "The row's line in the file (the header is line 1)" }),
      event_id: Type.Union([Type.String(), Type.Null()]),
      code: StringEnum(['validation_failed', 'idempotency_conflict'] as const),
      fields: Type.Array(FieldProblem, { description: 'Each problem, by column name' }),
    }),
    { description: 'A page of the rejected rows, by line' },
  ),
  rejections_paging: ListPaging,
});
