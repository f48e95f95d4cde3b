import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';
import { methodLabel } from '../../portal/wallet/api.ts';
import { BankStatements } from './BankStatements.tsx';

const queueQuery = {
  queryKey: ['cash-outs', 'pending'],
  queryFn: () =>
    unwrap(api.GET('/api/v1/cash-outs', { params: { query: { status: ['pending'], page_size: 200 } } })),
};

/** The cash-out queue: accept or cancel one, or select several into a payout batch. */
export function CashOutsPage() {
  const queryClient = useQueryClient();
  const queue = useQuery(queueQuery);
  const [selected, setSelected] = useState<number[]>([]);
  const [reference, setReference] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cash-outs'] });
  const act = useMutation({
    mutationFn: ({ id, verb }: { id: number; verb: 'accept' | 'cancel' }) =>
      verb === 'accept'
        ? unwrap(
            api.POST('/api/v1/cash-outs/{id}/accept', {
              params: { path: { id } },
              body: { payment_reference: reference },
            }),
          )
        : unwrap(api.POST('/api/v1/cash-outs/{id}/cancel', { params: { path: { id } }, body: {} })),
    onSuccess: refresh,
  });
  const rows = queue.data?.data ?? [];
  const chosen = rows.filter((r) => selected.includes(r.id));
  const batch = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/payout-batches', {
          body: { currency: chosen[0]?.currency ?? 'EUR', cash_out_ids: chosen.map((c) => c.id) },
        }),
      ),
    onSuccess: async () => {
      setSelected([]);
      await refresh();
    },
  });
  const toggle = (id: number) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <>
      <h1>Cash-outs</h1>
      <p className="muted">
        Pending cash-outs, oldest last. Accept one you paid (with the payment's reference), cancel one to give
        the amount back, or select several of one currency into a payout batch to export and pay together.
      </p>
      <div className="panel form">
        <TextField
          label="Payment reference (to accept)"
          value={reference}
          onChange={setReference}
          hint="The reference of the transfer you made, shown to the affiliate"
        />
      </div>
      <DataTable
        rows={rows}
        empty={queue.isPending ? 'Loading…' : 'No pending cash-out.'}
        columns={[
          {
            label: 'Select',
            hiddenLabel: true,
            cell: (c) => (
              <input
                type="checkbox"
                aria-label={`Select cash-out ${c.id}`}
                checked={selected.includes(c.id)}
                disabled={c.payout_batch_id !== null}
                onChange={() => toggle(c.id)}
              />
            ),
          },
          { label: 'Id', cell: (c) => c.id },
          { label: 'Requested', cell: (c) => <span className="nowrap">{formatDateTime(c.created_at)}</span> },
          { label: 'Affiliate', cell: (c) => c.affiliate_id },
          { label: 'Amount', cell: (c) => `${minorToInput(c.amount, 2)} ${c.currency}` },
          { label: 'Method', cell: (c) => methodLabel(c.method) },
          { label: 'Batch', cell: (c) => c.payout_batch_id ?? '—' },
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (c) =>
              c.payout_batch_id === null && (
                <span className="actions">
                  <button type="button" onClick={() => act.mutate({ id: c.id, verb: 'accept' })}>
                    Accept {c.id}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => act.mutate({ id: c.id, verb: 'cancel' })}
                  >
                    Cancel {c.id}
                  </button>
                </span>
              ),
          },
        ]}
      />
      {act.error && (
        <p role="alert" className="error">
          {act.error.message}
        </p>
      )}
      <p>
        <button
          type="button"
          disabled={chosen.length === 0 || batch.isPending}
          onClick={() => batch.mutate()}
        >
          Put {chosen.length} selected in a payout batch
        </button>
      </p>
      {batch.error && (
        <p role="alert" className="error">
          {batch.error.message}
        </p>
      )}
      {batch.isSuccess && <p role="status">Payout batch {batch.data.id} made: see Payout batches.</p>}
      <BankStatements />
    </>
  );
}
