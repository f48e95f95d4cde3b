import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../format.ts';
import { webhookLogQuery, webhooksQuery } from './api.ts';
import { WebhookForm } from './WebhookForm.tsx';

type Endpoint = { id: number; url: string; description: string; event_types: string[]; status: string };
type Attempt = {
  id: number;
  delivery_id: number;
  endpoint_id: number;
  event_type: string;
  attempted_at: string;
  attempt: number;
  outcome: string;
  response_code: number | null;
  error: string | null;
  next_retry_at: string | null;
};

/** The operator's own endpoints told of platform events (Standard Webhooks), and their log. */
export function WebhooksPage() {
  const queryClient = useQueryClient();
  const endpoints = useQuery(webhooksQuery);
  const [secret, setSecret] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const log = useQuery(webhookLogQuery(page));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] });
  const act = useMutation({
    mutationFn: async ({ id, action }: { id: number; action: 'rotate' | 'test' | 'delete' | 'replay' }) => {
      const path = { params: { path: { id } } };
      if (action === 'rotate')
        setSecret(
          (await unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', { ...path, body: {} }))).secret,
        );
      if (action === 'test') await unwrap(api.POST('/api/v1/webhooks/{id}/test', path));
      if (action === 'replay') await unwrap(api.POST('/api/v1/webhooks/{id}/replay', { ...path, body: {} }));
      if (action === 'delete') await unwrap(api.DELETE('/api/v1/webhooks/{id}', path));
    },
    onSettled: refresh,
  });
  const button = (id: number, action: 'rotate' | 'test' | 'delete' | 'replay', label: string) => (
    <button
      type="button"
      className="button-secondary"
      disabled={act.isPending}
      onClick={() => act.mutate({ id, action })}
    >
      {label}
    </button>
  );
  const columns: Column<Endpoint>[] = [
    { label: 'URL', cell: (e) => <code>{e.url}</code> },
    { label: 'Events', cell: (e) => e.event_types.join(', ') },
    { label: 'Description', cell: (e) => e.description || '—' },
    {
      label: 'Actions',
      hiddenLabel: true,
      cell: (e) => (
        <span className="actions">
          {button(e.id, 'test', 'Send test')}
          {button(e.id, 'rotate', 'Rotate secret')}
          {button(e.id, 'replay', 'Replay failures')}
          {button(e.id, 'delete', 'Delete')}
        </span>
      ),
    },
  ];
  const logColumns: Column<Attempt>[] = [
    { label: 'Time', cell: (a) => formatDateTime(a.attempted_at) },
    { label: 'Endpoint', cell: (a) => `#${a.endpoint_id}` },
    { label: 'Event', cell: (a) => a.event_type },
    { label: 'Attempt', cell: (a) => a.attempt },
    {
      label: 'Answer',
      cell: (a) => (
        <span className={`badge ${a.outcome === 'delivered' ? 'badge-ok' : 'badge-bad'}`}>
          {a.response_code ?? a.error ?? a.outcome}
        </span>
      ),
    },
    { label: 'Next retry', cell: (a) => (a.next_retry_at ? formatDateTime(a.next_retry_at) : '—') },
  ];
  return (
    <>
      <h1>Webhooks</h1>
      <p className="muted">
        Your own systems are told of platform events as signed JSON POSTs (Standard Webhooks: verify the
        <code>webhook-signature</code> with the endpoint’s secret). Failures are retried for about a day and a
        half, then can be replayed; a rotated secret keeps signing for 24 hours.
      </p>
      {secret && (
        <p role="status" className="panel">
          Signing secret (shown once): <code>{secret}</code> <CopyButton text={secret} />
        </p>
      )}
      {act.error && <p role="alert">{act.error.message}</p>}
      <WebhookForm onSecret={setSecret} />
      <section className="panel" aria-label="Endpoints">
        <DataTable
          rows={(endpoints.data?.data ?? []) as Endpoint[]}
          columns={columns}
          empty={<EmptyState title="No endpoints yet.">Add one to receive platform events.</EmptyState>}
        />
      </section>
      <h2>Delivery log</h2>
      <PagedTable
        label="Webhook log"
        list={log as never}
        columns={logColumns}
        unit="attempt"
        onPage={setPage}
        empty={
          <EmptyState title="Nothing sent yet.">Every attempt to your endpoints is listed here.</EmptyState>
        }
      />
    </>
  );
}
