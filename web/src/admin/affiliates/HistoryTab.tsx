import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Pager } from '../../components/Pager.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { historyQuery } from './api.ts';
import { show } from './bulk-fields.ts';

/** Every change, newest first: who, when, through which door, and each field before and after. */
export function HistoryTab({ id }: { id: number }) {
  const [page, setPage] = useState(1);
  const history = useQuery(historyQuery(id, page));
  if (history.isPending) return <p className="muted">Loading…</p>;
  if (history.isError) return <p className="form-summary">{history.error.message}</p>;
  const { data, paging } = history.data;
  return (
    <section className="panel" aria-label="History">
      {data.length === 0 && <p className="muted">No changes yet.</p>}
      {data.map((entry) => (
        <article key={entry.id} className="history-entry">
          <p>
            <strong>{formatDateTime(entry.created_at)}</strong> · {entry.actor.name || entry.actor.type} (
            {entry.actor.type}) · {humanize(entry.action)} via {humanize(entry.source)}
          </p>
          <div className="table-scroll">
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
          </div>
        </article>
      ))}
      {paging.total_count > paging.page_size && (
        <Pager
          page={page}
          pageSize={paging.page_size}
          total={paging.total_count}
          onPage={setPage}
          label="History pages"
          previousLabel="Newer"
          nextLabel="Older"
        />
      )}
    </section>
  );
}
