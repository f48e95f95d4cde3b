import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTime } from '../../format.ts';
import { trafficSourcesQuery } from '../campaigns/api.ts';
import { useAllows } from '../use-allows.ts';
import type { TrafficSource } from './api.ts';
import { SourceForm } from './SourceForm.tsx';
import { SourceStatusButton } from './SourceStatusButton.tsx';

/** The program's traffic sources: what affiliates choose at sign-up and set on their promos. */
export function TrafficSourcesPage() {
  const write = useAllows('write');
  const list = useQuery(trafficSourcesQuery);
  const [editing, setEditing] = useState<TrafficSource | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = (next: TrafficSource | 'new') => {
    setDone(null);
    setEditing(next);
  };
  const columns: Column<TrafficSource>[] = [
    { label: 'Name', cell: (s) => s.name },
    { label: 'Description', cell: (s) => s.description || '—' },
    { label: 'Affiliates', cell: (s) => s.affiliate_count },
    {
      label: 'State',
      cell: (s) => (
        <span className={`badge ${s.status === 'active' ? 'badge-ok' : 'badge-bad'}`}>
          {s.status === 'active' ? 'offered' : 'disabled'}
        </span>
      ),
    },
    { label: 'Created', cell: (s) => formatDateTime(s.created_at) },
    ...(write
      ? [
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (s: TrafficSource) => (
              <span className="actions">
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => open(s)}
                  aria-label={`Rename ${s.name}`}
                >
                  Rename
                </button>
                <SourceStatusButton source={s} onDone={setDone} />
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="page-heading">
        <h1>Traffic sources</h1>
        {write && !editing && (
          <button type="button" onClick={() => open('new')}>
            New traffic source
          </button>
        )}
      </div>
      <p className="muted">
        Where affiliates send their visitors from. Affiliates choose theirs at sign-up and set one on each
        promo; a disabled source is no longer offered, and those who have it keep it.
      </p>
      {done && (
        <p className="panel notice" role="status">
          {done}
        </p>
      )}
      {editing && (
        <SourceForm
          key={editing === 'new' ? 'new' : editing.id}
          source={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onDone={(saved) => {
            setEditing(null);
            setDone(editing === 'new' ? `Traffic source ${saved.name} added.` : `Renamed to ${saved.name}.`);
          }}
        />
      )}
      <section className="panel" aria-label="Traffic sources">
        {list.isPending && <p className="muted">Loading…</p>}
        {list.isError && <p className="form-summary">{list.error.message}</p>}
        {list.data && (
          <DataTable
            rows={list.data.data}
            columns={columns}
            rowClassName={(s) => (s.status === 'active' ? undefined : 'revoked')}
            empty={
              <EmptyState
                title="No traffic sources yet."
                action={
                  write && (
                    <button type="button" onClick={() => open('new')}>
                      Add the first traffic source
                    </button>
                  )
                }
              >
                Add the sources you work with (SEO, social, email, paid search…): affiliates pick theirs when
                they apply.
              </EmptyState>
            }
          />
        )}
      </section>
    </>
  );
}
