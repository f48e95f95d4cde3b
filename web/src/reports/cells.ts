import { formatMoney } from '../customers/money.ts';
import { formatDate, formatDateTime } from '../format.ts';
import type { ReportResult, ReportRow } from './catalog.ts';

export type ReportColumn = ReportResult['columns'][number];

const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });

/** A count with thousands separators. */
export const formatCount = (n: number) => counts.format(n);

/** A ratio (a decimal string, 0.125) as a percentage. */
export const formatRatio = (value: string) => percent.format(Number(value));

/** How a report cell reads: money in major units with its currency, counts grouped, ratios as %. */
export function formatCell(
  column: ReportColumn,
  row: ReportRow,
  money: (minor: number, currency: string) => string = formatMoney,
): string {
  const value = row[column.key];
  if (value === null || value === undefined) return '—';
  switch (column.kind) {
    case 'count':
      return formatCount(Number(value));
    case 'money':
      return typeof row.currency === 'string'
        ? money(Number(value), row.currency)
        : formatCount(Number(value));
    case 'ratio':
      return formatRatio(String(value));
    default:
      return periodCell(column.key, value);
  }
}

function periodCell(key: string, value: string | number): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return String(value);
  if (key === 'hour') return formatDateTime(value);
  const date = new Date(value);
  if (key === 'month') return date.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  if (key === 'year') return String(date.getFullYear());
  if (key === 'quarter') return `Q${Math.floor(date.getMonth() / 3) + 1} ${date.getFullYear()}`;
  return key === 'week' ? `Week of ${formatDate(value)}` : formatDate(value);
}

/**
 * The columns a table shows: an id dimension with a `<dimension>_name` beside it shows the name
 * in one column (the id after it), so a row reads "Summer promo #12".
 */
export function shownColumns(columns: readonly ReportColumn[]): ReportColumn[] {
  const keys = new Set(columns.map((c) => c.key));
  return columns.filter((c) => !(c.key.endsWith('_name') && keys.has(c.key.slice(0, -5))));
}

export function dimensionCell(column: ReportColumn, row: ReportRow): string {
  const name = row[`${column.key}_name`];
  const value = row[column.key];
  if (value === null || value === undefined) return name ? String(name) : '—';
  if (name !== undefined) return name ? `${name} #${value}` : `#${value}`;
  return formatCell(column, row);
}
