import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { humanize } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';

/** My bills: what the program issued per billing period, approved ones added to my balance. */
export function BillsPage() {
  const bills = useQuery({
    queryKey: ['portal', 'bills'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/bills', { params: { query: { page_size: 200 } } })),
  });
  return (
    <>
      <h1>Bills</h1>
      <p className="muted">
        Bills are issued for each completed billing period from your approved commissions. A pending bill is
        being checked; once approved its amount is added to your balance, and you can cash it out.
      </p>
      <DataTable
        rows={bills.data?.data ?? []}
        empty={bills.isPending ? 'Loading…' : 'No bill yet.'}
        columns={[
          {
            label: 'Bill',
            cell: (b) => (
              <Link to="/portal/bills/$id" params={{ id: String(b.id) }}>
                Bill {b.id}
              </Link>
            ),
          },
          {
            label: 'Period',
            cell: (b) => <span className="nowrap">{`${b.period_start} – ${b.period_end}`}</span>,
          },
          { label: 'Brand', cell: (b) => b.brand_name },
          { label: 'Issued', cell: (b) => `${minorToInput(b.issued_amount, 2)} ${b.currency}` },
          { label: 'To pay', cell: (b) => `${minorToInput(b.amount_to_pay, 2)} ${b.currency}` },
          { label: 'Status', cell: (b) => humanize(b.status) },
        ]}
      />
    </>
  );
}
