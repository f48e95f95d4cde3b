import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TraceDetails } from '../../components/TraceDetails.tsx';
import { formatMoney } from '../../customers/money.ts';
import { formatDateTime, sentenceCase } from '../../format.ts';

type Query = NonNullable<paths['/api/partner/v1/commissions']['get']['parameters']['query']>;
type Commission = Json<paths['/api/partner/v1/commissions']['get']['responses'][200]>['data'][number];

const STATUSES = ['pending', 'on_hold', 'approved', 'rejected', 'reversed', 'billed', 'paid'] as const;
const KINDS = ['cpl', 'cpa', 'revshare', 'sale_share', 'sub_cpa', 'sub_revshare', 'sub_net_pl'] as const;

const commissionsQuery = (query: Query) =>
  queryOptions({
    queryKey: ['portal', 'commissions', query],
    queryFn: () => unwrap(api.GET('/api/partner/v1/commissions', { params: { query } })),
    placeholderData: keepPreviousData,
  });

/**
 * What you earned, newest first: each line with its status and, as the operator shows it, the
 * sentence that explains it and the inputs behind it.
 */
export function CommissionsPage() {
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery(
    commissionsQuery({
      status: (status || undefined) as Query['status'],
      kind: (kind || undefined) as Query['kind'],
      page,
      page_size: 50,
    }),
  );
  const columns: Column<Commission>[] = [
    { label: 'Earned', cell: (c) => <span className="nowrap">{formatDateTime(c.earned_at)}</span> },
    { label: 'Kind', cell: (c) => sentenceCase(c.kind) },
    { label: 'Amount', cell: (c) => <span className="nowrap">{formatMoney(c.amount, c.currency)}</span> },
    { label: 'Status', cell: (c) => sentenceCase(c.status) },
    {
      label: 'Why',
      cell: (c) => (
        <>
          {c.explanation ?? <span className="muted">—</span>}
          {c.inputs && (
            <details>
              <summary>Inputs</summary>
              <TraceDetails value={c.inputs} label={`Inputs of commission ${c.id}`} />
            </details>
          )}
        </>
      ),
    },
  ];
  const filtered = status !== '' || kind !== '';
  return (
    <>
      <h1>Commissions</h1>
      <p className="muted">
        One line per thing you earned; a claw-back (a refund of a sale) is its own negative line.
      </p>
      <section className="panel filters" aria-label="Filter commissions">
        <SelectField
          label="Status"
          value={status}
          empty="Any status"
          options={optionsOf(STATUSES)}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
        <SelectField
          label="Kind"
          value={kind}
          empty="Any kind"
          options={optionsOf(KINDS)}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
        />
      </section>
      <PagedTable
        label="Commissions"
        list={list}
        columns={columns}
        unit="commission"
        onPage={setPage}
        empty={
          filtered ? (
            <NoMatch
              title="No commissions match these filters."
              onClear={() => {
                setStatus('');
                setKind('');
              }}
            >
              Choose another status or kind.
            </NoMatch>
          ) : (
            <EmptyState title="No commissions yet.">
              They appear here as your customers register, deposit and play.
            </EmptyState>
          )
        }
      />
    </>
  );
}
