import type { ReportStream } from '../engine/report-query.ts';
import { plainRow } from './export-formats.ts';

/**
 * The report as the JSON report answers it (columns, currency mode, conversion, source, rows,
 * totals; without paging), streamed row by row.
 */
export async function* jsonChunks(report: ReportStream): AsyncGenerator<string> {
  const head = {
    columns: report.columns,
    currency_mode: report.currency_mode,
    ...(report.conversion ? { conversion: report.conversion } : {}),
    ...(report.source ? { source: report.source } : {}),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"rows":[`;
  let first = true;
  for await (const row of report.rows) {
    yield (first ? '' : ',') + JSON.stringify(plainRow(row));
    first = false;
  }
  const totals = (await report.totals()).map((row) => plainRow(row));
  yield `],"totals":${JSON.stringify(totals)}}`;
}
