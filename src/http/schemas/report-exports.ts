import { Type } from 'typebox';
import { EXPORT_FORMATS } from '../../core/reports/exports/export-formats.ts';
import { StringEnum } from './common.ts';

export const ExportQuery = Type.Object(
  {
    format: StringEnum(EXPORT_FORMATS, {
      description:
        'csv: the rows (a header of column keys, then one line per row); xlsx: sheets Rows and Totals; json: the report as POST /reports/performance answers it, every row, no paging; xml: the same as <report> with <columns>, <conversion>, <rows> and <totals>',
    }),
    part: Type.Optional(
      StringEnum(['rows', 'totals'] as const, { description: 'csv only: the rows (default) or the totals' }),
    ),
  },
  { additionalProperties: false },
);

export const EXPORT_RESPONSE = {
  description: 'The whole report as a file, streamed',
  headers: {
    'X-Report-Source': {
      type: 'string',
      enum: ['postgres', 'clickhouse'],
      description:
        'Which store answered: postgres, or clickhouse when configured (ANALYTICS_URL, REPORTS_SOURCE) and it answers this report exactly',
    },
  },
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
    'application/json': { schema: { type: 'object' } },
    'application/xml': { schema: { type: 'string' } },
  },
};

export const EXPORT_HELP =
  'Every row of the report (page and page_size are ignored) with its totals, streamed as it is read, so a report of any size is exported in bounded memory. Numbers are as in the JSON report: counts and money as integers (money in minor units of the row currency), ratios as decimal strings. `X-Report-Source` names the store that answered (JSON: `source`; XML: the `source` attribute of <report>).';
