import type { AffiliateListItem } from './api.ts';
import { COLUMNS } from './columns.tsx';

interface AffiliateTableProps {
  rows: AffiliateListItem[];
  columns: string[];
  sort: string;
  onSort(sort: string): void;
  selected: Set<number>;
  onSelect(ids: number[], on: boolean): void;
}

/** Clicking a sortable header sorts by it; clicking again reverses the order. */
export function AffiliateTable({ rows, columns, sort, onSort, selected, onSelect }: AffiliateTableProps) {
  if (rows.length === 0) return <p className="muted">No affiliates match.</p>;
  const shown = COLUMNS.filter((c) => c.key === 'name' || columns.includes(c.key));
  const allSelected = rows.every((r) => selected.has(r.id));
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allSelected}
                onChange={(event) =>
                  onSelect(
                    rows.map((r) => r.id),
                    event.target.checked,
                  )
                }
              />
            </th>
            {shown.map((c) => {
              const direction =
                sort === c.sort ? 'ascending' : sort === `-${c.sort}` ? 'descending' : undefined;
              return (
                <th scope="col" key={c.key} aria-sort={direction}>
                  {c.sort ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(sort === c.sort ? `-${c.sort}` : c.sort!)}
                    >
                      {c.label}
                      {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${row.name}`}
                  checked={selected.has(row.id)}
                  onChange={(event) => onSelect([row.id], event.target.checked)}
                />
              </td>
              {shown.map((c) => (
                <td key={c.key} className={`col-${c.key}`}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
