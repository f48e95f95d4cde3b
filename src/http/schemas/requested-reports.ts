import { Type } from 'typebox';
import { ReportQuerySchema } from '../../core/reports/engine/report-query.ts';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

export const RequestBody = Type.Object(
  {
    name: Type.Optional(
      Type.String({ maxLength: 200, description: "Blank: none (a favorite's name when from one)" }),
    ),
    format: StringEnum(['xlsx', 'csv'] as const, {
      description: 'The download you want; both the XLSX and the zipped CSV are made',
    }),
    query: Type.Optional(ReportQuerySchema),
    favorite_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description: 'One of your favorites, its period resolved now',
      }),
    ),
  },
  { additionalProperties: false, description: 'Either `query` or `favorite_id`' },
);

export const RenameBody = Type.Object(
  { name: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

export const RequestedReport = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  report: Type.Record(Type.String(), Type.Unknown(), { description: 'The report query, its dates resolved' }),
  format: StringEnum(['xlsx', 'csv'] as const),
  state: StringEnum(['processing', 'failed', 'successful'] as const),
  progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Percent of rows written' }),
  rows_written: Type.Integer(),
  total_rows: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  source: Type.Union([StringEnum(['postgres', 'clickhouse'] as const), Type.Null()], {
    description:
      'Which store answered the files: postgres, or clickhouse when configured (ANALYTICS_URL, REPORTS_SOURCE) and it answers this report exactly; null until built',
  }),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.Integer()), name: Type.String() }),
  requested_at: Timestamp,
  finished_at: NullableTimestamp,
  expires_at: Timestamp,
});
export const RequestedReportPage = ListOf(RequestedReport);
export const RequestedListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const RequestedParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const DownloadQuery = Type.Object(
  {
    as: StringEnum(['xlsx', 'zip'] as const, {
      description: 'xlsx: sheets Rows and Totals; zip: rows.csv and totals.csv',
    }),
  },
  { additionalProperties: false },
);

export const REQUESTED_HELP =
  'Large reports are built in the background: a requested report is processing (with its progress), then successful or failed. When it is ready its owner is emailed a link to it; it downloads as XLSX (sheets Rows and Totals) or as a zip of rows.csv and totals.csv, and is kept for REPORTS_RETENTION_DAYS (30 by default). Each user sees only their own.';
