import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Pager } from '../../components/Pager.tsx';
import { sentenceCase } from '../../format.ts';

const PAGE_SIZE = 20;

/** The affiliate's documents and bank statements; a pending document is approved or declined here. */
export function DocumentsPanel({ id, canDecide }: { id: number; canDecide: boolean }) {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['documents', 'affiliate', id, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/documents', {
          params: { path: { id }, query: { page, page_size: PAGE_SIZE } },
        }),
      ),
  });
  const [comments, setComments] = useState<Record<number, string>>({});
  const decide = useMutation({
    mutationFn: (body: { id: number; status: 'approved' | 'declined'; comment?: string }) =>
      unwrap(
        api.POST('/api/v1/documents/{id}/decide', {
          params: { path: { id: body.id } },
          body: { status: body.status, ...(body.comment ? { comment: body.comment } : {}) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents', 'affiliate', id] }),
  });
  const rows = list.data?.data ?? [];
  return (
    <section className="panel" aria-labelledby="affiliate-documents">
      <h2 id="affiliate-documents">Documents</h2>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {decide.isError && <p className="form-summary">{decide.error.message}</p>}
      {list.data && rows.length === 0 && <p className="muted">No documents yet.</p>}
      {rows.length > 0 && (
        <ul>
          {rows.map((d) => (
            <li key={`${d.source}-${d.id}`}>
              {d.source === 'document' ? (
                <a href={`/api/v1/documents/${d.id}/file`}>{d.file_name}</a>
              ) : (
                <a href={`/api/v1/bank-statements/${d.id}/file`}>{d.file_name}</a>
              )}{' '}
              · {sentenceCase(d.kind)} · {sentenceCase(d.status)}
              {d.decision_comment && ` · ${d.decision_comment}`}
              {canDecide && d.source === 'document' && d.status === 'pending' && (
                <span className="row">
                  <button type="button" onClick={() => decide.mutate({ id: d.id, status: 'approved' })}>
                    Approve<span className="visually-hidden"> {d.file_name}</span>
                  </button>
                  <input
                    aria-label={`Why ${d.file_name} is declined`}
                    value={comments[d.id] ?? ''}
                    onChange={(event) => setComments({ ...comments, [d.id]: event.target.value })}
                  />
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      decide.mutate({ id: d.id, status: 'declined', comment: comments[d.id] ?? '' })
                    }
                  >
                    Decline<span className="visually-hidden"> {d.file_name}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.paging.total > PAGE_SIZE && (
        <Pager
          page={page}
          pageSize={PAGE_SIZE}
          total={list.data.paging.total}
          onPage={setPage}
          label="Document pages"
        />
      )}
    </section>
  );
}
