// @internal: the sub-affiliate report's sort keys, checked and applied in memory (its rows are few).
import { Decimal } from 'decimal.js';
import { Type } from 'typebox';
import type { FieldError } from '../../errors.ts';
import type { ReportColumn, ReportRow } from '../engine/report-query.ts';

export const SubAffiliateSortSchema = Type.Optional(
  Type.Array(
    Type.Object(
      {
        by: Type.String({
          maxLength: 64,
          description:
            'A column the report shows: the period grouped by, sub_affiliate, sub_affiliate_name, level (when grouped by sub_affiliate), currency, or a chosen column',
        }),
        direction: Type.Optional(Type.Unsafe<'asc' | 'desc'>({ type: 'string', enum: ['asc', 'desc'] })),
      },
      { additionalProperties: false },
    ),
    {
      maxItems: 8,
      description:
        'Sort keys in order, each ascending unless desc; empty figures (null) last either way. Rows equal on every key keep the default order (period, sub-affiliate, currency), so pages are stable. Default: that order.',
      examples: [[{ by: 'sub_commission', direction: 'desc' }]],
    },
  ),
);

export interface SortKey {
  by: string;
  direction?: 'asc' | 'desc';
}

/** The problems of sort keys naming a column the report does not show. */
export function sortProblems(sort: readonly SortKey[] | undefined, columns: readonly ReportColumn[]) {
  const shown = new Set(columns.map((c) => c.key));
  const problems: FieldError[] = [];
  sort?.forEach((s, i) => {
    if (!shown.has(s.by))
      problems.push({
        path: `sort[${i}].by`,
        message: `${s.by} is not a column of this report (sort by one it shows: ${[...shown].join(', ')})`,
      });
  });
  return problems;
}

type Value = ReportRow[string] | undefined;

/** Ascending; ratios are decimal strings, compared as numbers; names as a reader sorts words. */
function compareValues(a: Value, b: Value, how: 'ratio' | 'name' | 'plain'): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (how === 'ratio') return new Decimal(String(a)).comparedTo(new Decimal(String(b)));
  if (how === 'name') return String(a).localeCompare(String(b), 'en') || (a < b ? -1 : 1);
  return a < b ? -1 : 1;
}

/** Rows ordered by the keys, then by `fallback` (the default order), so equal rows keep their place. */
export function sortRows(
  rows: ReportRow[],
  sort: readonly SortKey[] | undefined,
  columns: readonly ReportColumn[],
  fallback: readonly string[],
): ReportRow[] {
  const ratio = new Set(columns.filter((c) => c.kind === 'ratio').map((c) => c.key));
  const keys = [
    ...(sort ?? []).map((s) => ({ by: s.by, sign: s.direction === 'desc' ? -1 : 1 })),
    ...fallback.map((by) => ({ by, sign: 1 })),
  ];
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k.by];
      const y = b[k.by];
      // Empty stays last whichever the direction, as in a performance report.
      if ((x === null || x === undefined) !== (y === null || y === undefined))
        return x === null || x === undefined ? 1 : -1;
      const how = ratio.has(k.by) ? 'ratio' : k.by === 'sub_affiliate_name' ? 'name' : 'plain';
      const c = compareValues(x, y, how) * k.sign;
      if (c !== 0) return c;
    }
    return 0;
  });
}
