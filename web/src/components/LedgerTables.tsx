// An affiliate's ledger lines and daily closing balances, the same tables in the back office and
// the portal (amounts in major units with their currency).
import type { paths } from '../api/schema.d.ts';
import type { Json } from '../api/types.ts';
import { formatDateTime, humanize } from '../format.ts';
import { DataTable } from './DataTable.tsx';

type Transaction = Json<
  paths['/api/partner/v1/balance-transactions']['get']['responses'][200]
>['data'][number];
type Closing = Json<paths['/api/partner/v1/closing-balances']['get']['responses'][200]>['data'][number];
type Money = (minor: number, currency: string) => string;

export function TransactionsTable({
  rows,
  money,
  empty,
}: {
  rows: Transaction[];
  money: Money;
  empty: string;
}) {
  return (
    <DataTable
      rows={rows}
      empty={empty}
      columns={[
        { label: 'When', cell: (t) => <span className="nowrap">{formatDateTime(t.created_at)}</span> },
        { label: 'Type', cell: (t) => humanize(t.step ? `${t.type} ${t.step}` : t.type) },
        { label: 'Account', cell: (t) => humanize(t.account) },
        { label: 'Amount', cell: (t) => money(Number(t.amount), t.currency) },
        { label: 'Balance after', cell: (t) => money(Number(t.balance_after), t.currency) },
        { label: 'Memo', cell: (t) => <span className="summary-cell muted">{t.memo}</span> },
      ]}
    />
  );
}

export function ClosingBalancesTable({
  rows,
  money,
  empty,
}: {
  rows: Closing[];
  money: Money;
  empty: string;
}) {
  return (
    <DataTable
      rows={rows.map((r) => ({ ...r, id: `${r.day}-${r.account}-${r.currency}` }))}
      empty={empty}
      columns={[
        { label: 'Day', cell: (r) => <span className="nowrap">{r.day}</span> },
        { label: 'Account', cell: (r) => humanize(r.account) },
        { label: 'Credits', cell: (r) => money(Number(r.credits), r.currency) },
        { label: 'Debits', cell: (r) => money(Number(r.debits), r.currency) },
        { label: 'Paid out', cell: (r) => money(Number(r.payout_amount), r.currency) },
        { label: 'Closing balance', cell: (r) => money(Number(r.closing_balance), r.currency) },
      ]}
    />
  );
}
