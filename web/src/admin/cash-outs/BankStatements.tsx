import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../format.ts';

/** Bank statements affiliates uploaded to verify a bank account: read the file, approve or decline. */
export function BankStatements() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['cash-outs', 'bank-statements'],
    queryFn: () => unwrap(api.GET('/api/v1/bank-statements', { params: { query: { status: 'pending' } } })),
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: number; approve: boolean }) =>
      approve
        ? unwrap(api.POST('/api/v1/bank-statements/{id}/approve', { params: { path: { id } }, body: {} }))
        : unwrap(
            api.POST('/api/v1/bank-statements/{id}/decline', {
              params: { path: { id } },
              body: { reason: window.prompt('Why is it declined? The affiliate reads this.') ?? '' },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cash-outs', 'bank-statements'] }),
  });
  return (
    <section className="panel" aria-labelledby="statements-heading">
      <h2 id="statements-heading">Bank statements to review</h2>
      <DataTable
        rows={list.data?.data ?? []}
        empty="No statement waiting."
        columns={[
          { label: 'Uploaded', cell: (s) => <span className="nowrap">{formatDateTime(s.created_at)}</span> },
          { label: 'Affiliate', cell: (s) => s.affiliate_id },
          {
            label: 'File',
            cell: (s) => (
              <a href={`/api/v1/bank-statements/${s.id}/file`} target="_blank" rel="noreferrer">
                {s.file_name}
              </a>
            ),
          },
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (s) => (
              <span className="actions">
                <button type="button" onClick={() => decide.mutate({ id: s.id, approve: true })}>
                  Approve
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => decide.mutate({ id: s.id, approve: false })}
                >
                  Decline
                </button>
              </span>
            ),
          },
        ]}
      />
      {decide.error && (
        <p role="alert" className="error">
          {decide.error.message}
        </p>
      )}
    </section>
  );
}
