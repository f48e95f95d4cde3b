import { Pager } from '../components/Pager.tsx';
import type { ReportResult, ReportRow } from './catalog.ts';
import { dimensionCell, formatCell, formatCount, type ReportColumn, shownColumns } from './cells.ts';

interface ReportTableProps {
  result: ReportResult;
  sort?: string;
  dir?: 'asc' | 'desc';
  /** A header was clicked: sort by that column (again: the other way); none: headers do not sort. */
  onSort?(key: string, dir: 'asc' | 'desc'): void;
  onPage(page: number): void;
}

const cell = (column: ReportColumn, row: ReportRow) =>
  column.kind === 'dimension' ? dimensionCell(column, row) : formatCell(column, row);

/** A report's rows with its totals beneath; headers sort; wide reports scroll in their own box. */
export function ReportTable({ result, sort, dir = 'asc', onSort, onPage }: ReportTableProps) {
  const columns = shownColumns(result.columns);
  const numeric = (c: ReportColumn) => c.kind === 'count' || c.kind === 'money' || c.kind === 'ratio';
  return (
    <>
      <div className="table-scroll">
        <table className="table report-table" data-testid="report-table">
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort === c.key;
                const next = active && dir === 'asc' ? 'desc' : active ? 'asc' : numeric(c) ? 'desc' : 'asc';
                return (
                  <th
                    scope="col"
                    key={c.key}
                    className={numeric(c) ? 'num' : undefined}
                    aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {c.kind === 'currency' || !onSort ? (
                      c.label
                    ) : (
                      <button type="button" className="sort-header" onClick={() => onSort(c.key, next)}>
                        {c.label}
                        <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {result.rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="muted">
                  Nothing in this period with these filters.
                </td>
              </tr>
            )}
            {result.rows.map((row, i) => (
              // Rows have no id of their own: a row is its position in this page.
              // biome-ignore lint/suspicious/noArrayIndexKey: the page is replaced as a whole
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key} className={numeric(c) ? 'num nowrap' : 'nowrap'}>
                    {cell(c, row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {result.totals.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one totals row per currency, in order
              <tr key={i} className="report-totals">
                {columns.map((c, j) => (
                  <td key={c.key} className={numeric(c) ? 'num nowrap' : 'nowrap'}>
                    {c.kind === 'dimension' ? (j === 0 ? 'Total' : '') : cell(c, row)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
      {result.conversion && (
        <p className="muted" data-testid="report-conversion">
          Converted into {result.conversion.currency} at the rates of {result.conversion.rate_date}
          {result.conversion.rates.length > 0 &&
            `: ${result.conversion.rates.map((r) => `1 ${r.from} = ${r.rate} ${r.to}`).join(', ')}`}
          .
        </p>
      )}
      {result.source && (
        <p className="muted" data-testid="report-source">
          Answered by {result.source === 'clickhouse' ? 'ClickHouse' : 'PostgreSQL'}
        </p>
      )}
      <Pager
        label="Report pages"
        page={result.page}
        pageSize={result.page_size}
        total={result.total_rows}
        onPage={onPage}
        status={`${formatCount(result.total_rows)} rows`}
      />
    </>
  );
}
