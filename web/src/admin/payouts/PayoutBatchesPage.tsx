import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';

/** Payout batches: download each as CSV or SEPA (pain.001), mark it paid, or give it up. */
export function PayoutBatchesPage() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['payout-batches'],
    queryFn: () => unwrap(api.GET('/api/v1/payout-batches', { params: { query: { page_size: 100 } } })),
  });
  const [reference, setReference] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['payout-batches'] });
  const act = useMutation({
    mutationFn: ({ id, verb }: { id: number; verb: 'pay' | 'cancel' }) =>
      verb === 'pay'
        ? unwrap(
            api.POST('/api/v1/payout-batches/{id}/pay', {
              params: { path: { id } },
              body: { payment_reference: reference },
            }),
          )
        : unwrap(api.POST('/api/v1/payout-batches/{id}/cancel', { params: { path: { id } } })),
    onSuccess: async () => {
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ['cash-outs'] });
    },
  });
  return (
    <>
      <h1>Payout batches</h1>
      <p className="muted">
        Cash-outs selected for payment together. Download the file for your bank, then mark the batch paid
        with the transfer's reference: each cash-out in it becomes paid.
      </p>
      <div className="panel form">
        <TextField label="Transfer reference (to mark paid)" value={reference} onChange={setReference} />
      </div>
      <DataTable
        rows={list.data?.data ?? []}
        empty={list.isPending ? 'Loading…' : 'No payout batch yet: select cash-outs in the queue.'}
        columns={[
          { label: 'Batch', cell: (b) => b.id },
          { label: 'Made', cell: (b) => <span className="nowrap">{formatDateTime(b.created_at)}</span> },
          { label: 'Cash-outs', cell: (b) => b.item_count },
          { label: 'Total', cell: (b) => `${minorToInput(b.total_amount, 2)} ${b.currency}` },
          { label: 'Status', cell: (b) => <span data-testid={`batch-${b.id}`}>{humanize(b.status)}</span> },
          {
            label: 'Files',
            cell: (b) => (
              <span className="actions">
                <a href={`/api/v1/payout-batches/${b.id}/payouts.csv`}>CSV</a>
                {b.currency === 'EUR' && <a href={`/api/v1/payout-batches/${b.id}/sepa.xml`}>SEPA</a>}
              </span>
            ),
          },
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (b) =>
              b.status === 'open' && (
                <span className="actions">
                  <button type="button" onClick={() => act.mutate({ id: b.id, verb: 'pay' })}>
                    Mark batch {b.id} paid
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => act.mutate({ id: b.id, verb: 'cancel' })}
                  >
                    Cancel batch {b.id}
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
    </>
  );
}
