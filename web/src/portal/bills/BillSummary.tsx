import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';

/** Both APIs answer a bill in the same shape. */
export type BillDetail = Json<paths['/api/partner/v1/bills/{id}']['get']['responses'][200]>;

const money = (amount: number, currency: string) => `${minorToInput(amount, 2)} ${currency}`;

/** A bill's figures, lines and corrections, as the back office and the portal both show them. */
export function BillSummary({ bill }: { bill: BillDetail }) {
  return (
    <>
      <dl className="panel facts">
        <dt>Issued amount</dt>
        <dd>{money(bill.issued_amount, bill.currency)}</dd>
        <dt>Amount to pay</dt>
        <dd>{money(bill.amount_to_pay, bill.currency)}</dd>
        <dt>Status</dt>
        <dd>{humanize(bill.status)}</dd>
        <dt>Brand</dt>
        <dd>{bill.brand_name}</dd>
        <dt>Commission plan</dt>
        <dd>{bill.plan_name ?? '—'}</dd>
        <dt>Period</dt>
        <dd>{`${bill.period_start} – ${bill.period_end}`}</dd>
        <dt>Issued on</dt>
        <dd>{bill.issued_on}</dd>
        <dt>Due</dt>
        <dd>{bill.due_date}</dd>
        <dt>Processed</dt>
        <dd>{formatDateTime(bill.approved_at)}</dd>
      </dl>
      <h2>Corrections</h2>
      <DataTable
        rows={bill.corrections}
        empty="No correction."
        columns={[
          { label: 'Id', cell: (c) => c.id },
          { label: 'When', cell: (c) => <span className="nowrap">{formatDateTime(c.created_at)}</span> },
          { label: 'Action', cell: (c) => humanize(c.action) },
          { label: 'Amount', cell: (c) => money(c.amount, bill.currency) },
          { label: 'Comment', cell: (c) => c.comment },
        ]}
      />
      <h2>Lines</h2>
      <DataTable
        rows={bill.lines}
        empty="No line."
        columns={[
          { label: 'Commission', cell: (l) => l.commission_id },
          { label: 'Kind', cell: (l) => humanize(l.kind) },
          { label: 'Earned', cell: (l) => <span className="nowrap">{formatDateTime(l.earned_at)}</span> },
          { label: 'Amount', cell: (l) => money(l.amount, bill.currency) },
          { label: 'Why', cell: (l) => l.explanation },
        ]}
      />
    </>
  );
}
