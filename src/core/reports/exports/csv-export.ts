import { stringify } from 'csv-stringify';
import type { ReportColumn, ReportRow } from '../engine/report-query.ts';
import { rowValues } from './export-formats.ts';

/**
 * CSV of rows, streamed: a header of the column keys (as the JSON report names them), then one
 * line per row, written as the rows arrive (csv-stringify's backpressure holds the source back).
 */
export async function* csvLines(
  columns: ReportColumn[],
  rows: AsyncIterable<ReportRow>,
): AsyncGenerator<string> {
  const stringifier = stringify({ cast: { number: (n) => String(n) } });
  const pending: string[] = [];
  stringifier.on('data', (chunk: Buffer | string) => pending.push(chunk.toString()));
  const write = async (values: unknown[]) => {
    if (!stringifier.write(values)) await new Promise((resolve) => stringifier.once('drain', resolve));
  };
  await write(columns.map((c) => c.key));
  yield* pending.splice(0);
  for await (const row of rows) {
    await write(rowValues(columns, row));
    if (pending.length) yield pending.splice(0).join('');
  }
  stringifier.end();
  await new Promise((resolve) => stringifier.once('end', resolve));
  if (pending.length) yield pending.splice(0).join('');
}

async function* listOf(rows: ReportRow[]): AsyncGenerator<ReportRow> {
  yield* rows;
}

export function csvOf(columns: ReportColumn[], rows: ReportRow[]): AsyncGenerator<string> {
  return csvLines(columns, listOf(rows));
}
