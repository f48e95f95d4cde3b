import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { humanize } from '../format.ts';
import { PostbackForm } from './PostbackForm.tsx';
import type { Postback, PostbackApi } from './postback-api.ts';

/** The list of postbacks with new, edit and test-fire; the form opens in place. */
export function PostbacksPanel({ api }: { api: PostbackApi }) {
  const list = useQuery({ queryKey: [...api.key, 'list'], queryFn: api.list });
  const [editing, setEditing] = useState<Postback | 'new' | null>(null);
  const fire = useMutation({ mutationFn: (id: number) => api.testFire(id) });
  const columns: Column<Postback>[] = [
    { label: 'Name', cell: (p) => p.name || `Postback ${p.id}` },
    { label: 'Trigger', cell: (p) => humanize(p.trigger) },
    {
      label: 'Scope',
      cell: (p) => (p.scope === 'account' ? 'account' : `${p.scope} #${p.campaign_id ?? p.promo_id}`),
    },
    {
      label: 'Status',
      cell: (p) => (
        <span
          className={`badge ${p.status === 'active' ? 'badge-ok' : 'badge-bad'}`}
          title={p.disabled_reason ?? undefined}
        >
          {p.status}
        </span>
      ),
    },
    { label: 'URL', cell: (p) => <code className="break">{p.url}</code> },
    {
      label: 'Actions',
      hiddenLabel: true,
      cell: (p) => (
        <span className="actions">
          <button type="button" className="button-secondary" onClick={() => setEditing(p)}>
            Edit
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={fire.isPending}
            onClick={() => fire.mutate(p.id)}
          >
            Test-fire
          </button>
        </span>
      ),
    },
  ];
  return (
    <>
      {editing ? (
        <PostbackForm
          api={api}
          editing={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          New postback
        </button>
      )}
      {fire.data && (
        <p role="status" className="panel break">
          Test-fire: {fire.data.outcome === 'delivered' ? 'delivered' : 'failed'} (
          {fire.data.response_code ?? fire.data.error}) — <code>{fire.data.url}</code>
        </p>
      )}
      {fire.error && <p role="alert">{fire.error.message}</p>}
      <section className="panel" aria-label="Postbacks">
        {list.isError ? (
          <p role="alert">{list.error.message}</p>
        ) : (
          <DataTable
            rows={list.data?.data ?? []}
            columns={columns}
            empty={
              <EmptyState title="No postbacks yet.">
                Create one to tell your tracker about each conversion.
              </EmptyState>
            }
          />
        )}
      </section>
    </>
  );
}
