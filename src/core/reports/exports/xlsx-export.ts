import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportStream } from '../engine/report-query.ts';
import { rowValues } from './export-formats.ts';

/**
 * An XLSX of the report written as it streams (exceljs's streaming writer): sheet "Rows" with a
 * header of the column labels and one line per row, then sheet "Totals" with the same columns.
 * `onRow` is told the count of rows written, for progress.
 */
export async function writeXlsx(report: ReportStream, out: Writable, onRow?: (written: number) => void) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const header = report.columns.map((c) => c.label);
  const rows = workbook.addWorksheet('Rows');
  rows.addRow(header).commit();
  let written = 0;
  for await (const row of report.rows) {
    rows.addRow(rowValues(report.columns, row)).commit();
    written++;
    if (onRow && written % 1000 === 0) onRow(written);
  }
  rows.commit();
  const totals = workbook.addWorksheet('Totals');
  totals.addRow(header).commit();
  for (const row of await report.totals()) totals.addRow(rowValues(report.columns, row)).commit();
  totals.commit();
  await workbook.commit();
  onRow?.(written);
  return written;
}
