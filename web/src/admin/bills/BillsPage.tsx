import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { humanize } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';

type Status = 'pending' | 'on_hold' | 'approved' | 'cancelled' | 'paid';
const STATUSES: Status[] = ['pending', 'on_hold', 'approved', 'cancelled', 'paid'];

/** The last whole month, the period a run usually bills. */
function lastMonth(): { start: string; end: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** Bills: run a period, review what it issued, approve several at once; each opens to correct it. */
export function BillsPage() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('pending');
  const [period, setPeriod] = useState(lastMonth);
  const [selected, setSelected] = useState<number[]>([]);
  const bills = useQuery({
    queryKey: ['bills', status],
    queryFn: () =>
      unwrap(api.GET('/api/v1/bills', { params: { query: { status: [status], page_size: 200 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['bills'] });
  const run = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/bills/run', { body: { period_start: period.start, period_end: period.end } })),
    onSuccess: refresh,
  });
  const approve = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/bills/approve', { body: { ids: selected } })),
    onSuccess: async () => {
      setSelected([]);
      await refresh();
    },
  });
  const rows = bills.data?.data ?? [];
  const toggle = (id: number) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const refused = approve.data?.data.filter((o) => o.status === 'refused') ?? [];
  return (
    <>
      <h1>Bills</h1>
      <p className="muted">
        A run bills a period's approved commissions per affiliate, brand, plan and currency. Sums below an
        affiliate's threshold wait for the next period; running a period again regenerates the bills not yet
        approved. Approving a bill credits the affiliate's balance.
      </p>
      <form
        className="panel form"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <h2>Run a period</h2>
        <TextField
          label="From"
          type="date"
          value={period.start}
          onChange={(start) => setPeriod({ ...period, start })}
        />
        <TextField
          label="To"
          type="date"
          value={period.end}
          onChange={(end) => setPeriod({ ...period, end })}
        />
        <p>
          <button type="submit" disabled={run.isPending}>
            Run bills
          </button>
        </p>
        {run.error && (
          <p role="alert" className="error">
            {run.error.message}
          </p>
        )}
        {run.data && (
          <p role="status">
            {run.data.bills_issued} issued, {run.data.bills_regenerated} regenerated, {run.data.rolled_over}{' '}
            rolled over, {run.data.waiting} waiting for their delay.
          </p>
        )}
      </form>
      <fieldset style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        <legend>Status</legend>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={s === status ? '' : 'secondary'}
            aria-pressed={s === status}
            onClick={() => {
              setStatus(s);
              setSelected([]);
            }}
          >
            {humanize(s)}
          </button>
        ))}
      </fieldset>
      <DataTable
        rows={rows}
        empty={bills.isPending ? 'Loading…' : `No ${humanize(status).toLowerCase()} bill.`}
        columns={[
          {
            label: 'Select',
            hiddenLabel: true,
            cell: (b) =>
              b.status === 'pending' && (
                <input
                  type="checkbox"
                  aria-label={`Select bill ${b.id}`}
                  checked={selected.includes(b.id)}
                  onChange={() => toggle(b.id)}
                />
              ),
          },
          {
            label: 'Bill',
            cell: (b) => (
              <Link to="/admin/bills/$id" params={{ id: String(b.id) }}>
                Bill {b.id}
              </Link>
            ),
          },
          { label: 'Affiliate', cell: (b) => b.affiliate_name },
          { label: 'Brand', cell: (b) => b.brand_name },
          {
            label: 'Period',
            cell: (b) => <span className="nowrap">{`${b.period_start} – ${b.period_end}`}</span>,
          },
          { label: 'To pay', cell: (b) => `${minorToInput(b.amount_to_pay, 2)} ${b.currency}` },
          { label: 'Due', cell: (b) => b.due_date },
          { label: 'Status', cell: (b) => `${humanize(b.status)}${b.hidden ? ' (hidden)' : ''}` },
        ]}
      />
      {status === 'pending' && (
        <p>
          <button
            type="button"
            disabled={selected.length === 0 || approve.isPending}
            onClick={() => approve.mutate()}
          >
            Approve {selected.length} selected
          </button>
        </p>
      )}
      {approve.error && (
        <p role="alert" className="error">
          {approve.error.message}
        </p>
      )}
      {approve.data && (
        <p role="status">
          {approve.data.data.length - refused.length} approved
          {refused.map((o) => `; bill ${o.id}: ${o.error?.message ?? 'refused'}`).join('')}
        </p>
      )}
    </>
  );
}
