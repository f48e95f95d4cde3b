import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../format.ts';
import { historyQuery } from './api.ts';
import { show } from './bulk-fields.ts';

/** Every change, newest first: who, when, through which door, and each field before and after. */
export function HistoryTab({ id }: { id: number }) {
  const [page, setPage] = useState(1);
  const history = useQuery(historyQuery(id, page));
  if (history.isPending) return <p className="muted">Loading…</p>;
  if (history.isError) return <p className="form-summary">{history.error.message}</p>;
  const { data, paging } = history.data;
  const pages = Math.max(1, Math.ceil(paging.total_count / paging.page_size));
  return (
    <section className="panel" aria-label="History">
      {data.length === 0 && <p className="muted">No changes yet.</p>}
      {data.map((entry) => (
        <article key={entry.id} className="history-entry">
          <p>
            <strong>{formatDateTime(entry.created_at)}</strong> · {entry.actor.name || entry.actor.type} (
            {entry.actor.type}) · {entry.action.replaceAll('_', ' ')} via {entry.source.replaceAll('_', ' ')}
          </p>
          <table className="table compact">
            <tbody>
              {entry.changes.map((c) => (
                <tr key={c.field}>
                  <th scope="row">{c.field}</th>
                  <td>{show(c.before)}</td>
                  <td aria-hidden="true">→</td>
                  <td>{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
      {pages > 1 && (
        <nav className="pager" aria-label="History pages">
          <button
            type="button"
            className="button-secondary"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            Newer
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button
            type="button"
            className="button-secondary"
            disabled={page >= pages}
            onClick={() => setPage(page + 1)}
          >
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
