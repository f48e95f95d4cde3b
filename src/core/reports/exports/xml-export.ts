import { XMLBuilder } from 'fast-xml-parser';
import type { ReportColumn, ReportRow, ReportStream } from '../engine/report-query.ts';
import { plainValue } from './export-formats.ts';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
});

/** One row as `<row><clicks>12</clicks>...</row>`; a missing value is an empty element. */
function rowXml(columns: ReportColumn[], row: ReportRow): string {
  const element = Object.fromEntries(columns.map((c) => [c.key, plainValue(row[c.key]) ?? '']));
  return builder.build({ row: element });
}

/**
 * The report as XML, streamed: `<report currency_mode source>` with its `<columns>`, the `<conversion>`
 * and its rates when converted, `<rows>` and `<totals>` of `<row>` elements named by column key.
 */
export async function* xmlChunks(report: ReportStream): AsyncGenerator<string> {
  const columns = builder.build({
    columns: { column: report.columns.map((c) => ({ '@key': c.key, '@kind': c.kind, '@label': c.label })) },
  });
  const conversion = report.conversion
    ? builder.build({
        conversion: {
          '@currency': report.conversion.currency,
          '@rate_date': report.conversion.rate_date,
          rate: report.conversion.rates.map((r) => ({ '@from': r.from, '@to': r.to, '@rate': r.rate })),
        },
      })
    : '';
  const source = report.source ? ` source="${report.source}"` : '';
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<report currency_mode="${report.currency_mode}"${source}>${columns}${conversion}<rows>`;
  for await (const row of report.rows) yield rowXml(report.columns, row);
  yield '</rows><totals>';
  for (const row of await report.totals()) yield rowXml(report.columns, row);
  yield '</totals></report>\n';
}
