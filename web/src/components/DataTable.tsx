import type { ReactNode } from 'react';

export interface Column<T> {
  /** The header; also the column's key, so unique within a table. */
  label: string;
  /** Read by screen readers only (an actions column). */
  hiddenLabel?: boolean;
  cell(row: T): ReactNode;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** Shown instead of an empty table: a line of text, or an EmptyState saying what to do next. */
  empty: ReactNode;
  rowClassName?(row: T): string | undefined;
  className?: string;
}

/** A plain table of rows with an id: a header row, one row per item, a message when there are none. */
export function DataTable<T extends { id: number | string }>({
  rows,
  columns,
  empty,
  rowClassName,
  className = 'table',
}: DataTableProps<T>) {
  if (rows.length === 0) return typeof empty === 'string' ? <p className="muted">{empty}</p> : empty;
  // A wide table scrolls inside its own box; the page itself never scrolls sideways.
  return (
    <div className="table-scroll">
      <table className={className}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.hiddenLabel ? <span className="visually-hidden">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={rowClassName?.(row)}>
              {columns.map((c) => (
                <td key={c.label}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
