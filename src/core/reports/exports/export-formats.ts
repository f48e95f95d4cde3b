import type { ReportColumn, ReportRow } from '../engine/report-query.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'xml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/**
 * A cell as files hold it: bigint counts and money (minor units) as JavaScript numbers (minor
 * units stay far below 2^53, as in the JSON report), everything else as it is.
 */
export function plainValue(value: ReportRow[string] | undefined): number | string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'bigint' ? Number(value) : value;
}

/** The row's values in column order. */
export function rowValues(columns: ReportColumn[], row: ReportRow): (number | string | null)[] {
  return columns.map((c) => plainValue(row[c.key]));
}

/** The row as the JSON report has it: its own keys (totals have no dimensions), plain values. */
export function plainRow(row: ReportRow): Record<string, number | string | null> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)]));
}
