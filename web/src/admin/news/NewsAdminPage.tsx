import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { useAllows } from '../use-allows.ts';
import { NewsForm } from './NewsForm.tsx';
import { newsListQuery } from './news-api.ts';

type Action = 'publish' | 'unpublish' | 'delete';

/** The news affiliates read in the portal: drafts, publishing (which emails subscribers), corrections. */
export function NewsAdminPage() {
  const news = useQuery(newsListQuery);
  const canWrite = useAllows('write');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<number | null>(null);
  const act = useMutation({
    mutationFn: ({ id, action }: { id: number; action: Action }) => {
      const path = { params: { path: { id } } };
      if (action === 'delete') return unwrap(api.DELETE('/api/v1/news/{id}', path));
      return action === 'publish'
        ? unwrap(api.POST('/api/v1/news/{id}/publish', path))
        : unwrap(api.POST('/api/v1/news/{id}/unpublish', path));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: newsListQuery.queryKey }),
  });
  const items = news.data?.data ?? [];
  const edited = items.find((n) => n.id === editing);
  return (
    <>
      <h1>News</h1>
      <p className="muted">
        Affiliates read published news in the portal, newest first. Publishing a draft for the first time
        emails every affiliate user subscribed to news.
      </p>
      {canWrite &&
        (edited ? <NewsForm key={edited.id} item={edited} onDone={() => setEditing(null)} /> : <NewsForm />)}
      {news.isPending && <p className="muted">Loading…</p>}
      {news.isError && <p className="form-summary">{news.error.message}</p>}
      {act.isError && <p className="form-summary">{act.error.message}</p>}
      {news.data && items.length === 0 && <p className="muted">No news yet.</p>}
      {items.length > 0 && (
        <section className="panel">
          <h2>News items</h2>
          <div className="table-scroll">
            <table aria-label="News items">
              <thead>
                <tr>
                  <th>Title</th>
                  <th>Brand</th>
                  <th>Status</th>
                  <th>Published</th>
                  {canWrite && <th />}
                </tr>
              </thead>
              <tbody>
                {items.map((n) => (
                  <tr key={n.id}>
                    <td>{n.title}</td>
                    <td>{n.brand?.name ?? 'All brands'}</td>
                    <td>
                      <span className={n.status === 'published' ? 'badge badge-ok' : 'badge'}>
                        {n.status}
                      </span>
                    </td>
                    <td>{n.published_at ? formatDateTime(n.published_at) : '—'}</td>
                    {canWrite && (
                      <td className="actions">
                        <button type="button" className="button-secondary" onClick={() => setEditing(n.id)}>
                          Edit
                        </button>
                        {n.status === 'draft' ? (
                          <>
                            <button
                              type="button"
                              disabled={act.isPending}
                              onClick={() => act.mutate({ id: n.id, action: 'publish' })}
                              aria-label={`Publish ${n.title}`}
                            >
                              Publish
                            </button>
                            <button
                              type="button"
                              className="button-secondary"
                              disabled={act.isPending}
                              onClick={() => act.mutate({ id: n.id, action: 'delete' })}
                              aria-label={`Delete ${n.title}`}
                            >
                              Delete
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            className="button-secondary"
                            disabled={act.isPending}
                            onClick={() => act.mutate({ id: n.id, action: 'unpublish' })}
                            aria-label={`Unpublish ${n.title}`}
                          >
                            Unpublish
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
