import { PassThrough, Readable } from 'node:stream';
import type { Db } from '../../../db/index.ts';
import type { ReportSourcing } from '../engine/choose-report-source.ts';
import type { ReportQuery, ReportScope, ReportStream } from '../engine/report-query.ts';
import { streamReport } from '../engine/stream-report.ts';
import { csvLines, csvOf } from './csv-export.ts';
import { CONTENT_TYPES, type ExportFormat } from './export-formats.ts';
import { jsonChunks } from './json-export.ts';
import { writeXlsx } from './xlsx-export.ts';
import { xmlChunks } from './xml-export.ts';

export interface ReportFile {
  contentType: string;
  fileName: string;
  body: Readable;
  /** Which store answers the rows (the X-Report-Source header). */
  source?: 'postgres' | 'clickhouse';
}

/**
 * A whole report (every row, its totals) as a file streamed while it is read: CSV (the rows, or
 * with `part: 'totals'` the totals), XLSX (rows and totals sheets), JSON or XML. The query is
 * checked (and the caller's scope applied) before the first byte, so a bad one is a plain 422.
 * `source` says which store answers (chooseReportSource, with its fallback to PostgreSQL).
 */
export async function exportReport(options: {
  db: Db;
  scope: ReportScope;
  query: ReportQuery;
  format: ExportFormat;
  part?: 'rows' | 'totals';
  name?: string;
  /** The ClickHouse store and REPORTS_SOURCE (reportSourcing); PostgreSQL without them. */
  sourcing?: ReportSourcing;
}): Promise<ReportFile> {
  const report = await streamReport({
    db: options.db,
    scope: options.scope,
    query: options.query,
    ...options.sourcing,
  });
  return reportFile(report, options);
}

/** Any report stream as a file of `format` (the sub-affiliate report uses it too). */
export async function reportFile(
  report: ReportStream,
  options: { format: ExportFormat; part?: 'rows' | 'totals'; name?: string },
): Promise<ReportFile> {
  const base = options.name ?? 'report';
  const file = (body: Readable, suffix = '') => ({
    contentType: CONTENT_TYPES[options.format],
    fileName: `${base}${suffix}.${options.format}`,
    body,
    ...(report.source ? { source: report.source } : {}),
  });
  switch (options.format) {
    case 'csv':
      return options.part === 'totals'
        ? file(Readable.from(csvOf(report.columns, await report.totals())), '-totals')
        : file(Readable.from(csvLines(report.columns, report.rows)));
    case 'json':
      return file(Readable.from(jsonChunks(report)));
    case 'xml':
      return file(Readable.from(xmlChunks(report)));
    case 'xlsx': {
      const out = new PassThrough();
      writeXlsx(report, out).catch((error) => out.destroy(error));
      return file(out);
    }
  }
}
