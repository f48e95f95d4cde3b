import { useQuery } from '@tanstack/react-query';
import { DataTable } from '../../components/DataTable.tsx';
import { ClosingBalancesTable, TransactionsTable } from '../../components/LedgerTables.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import {
  balancesQuery,
  cashOutsQuery,
  closingQuery,
  methodLabel,
  methodsQuery,
  schedulesQuery,
  transactionsQuery,
} from './api.ts';
import { ConfirmTwoFactor } from './ConfirmTwoFactor.tsx';
import { shown, useMinorUnits } from './money.ts';
import { PaymentMethods } from './PaymentMethods.tsx';
import { Schedules } from './Schedules.tsx';
import { WithdrawForm } from './WithdrawForm.tsx';

/** The wallet: balances, withdraw (2FA), cash-outs, balance transactions, closing balances, payment methods and automatic schedules. */
export function WalletPage() {
  const balances = useQuery(balancesQuery);
  const methods = useQuery(methodsQuery);
  const schedules = useQuery(schedulesQuery);
  const cashOuts = useQuery(cashOutsQuery);
  const transactions = useQuery(transactionsQuery);
  const closing = useQuery(closingQuery);
  const unitOf = useMinorUnits();
  const money = (minor: number | bigint, currency: string) =>
    shown(Number(minor), currency, unitOf(currency));
  const ready = balances.data && methods.data;
  return (
    <>
      <h1>Wallet</h1>
      <section className="panel" aria-labelledby="balances-heading">
        <h2 id="balances-heading">Current balance</h2>
        <DataTable
          rows={(balances.data?.data ?? []).map((b) => ({ ...b, id: b.currency }))}
          empty={balances.isPending ? 'Loading…' : 'No balance yet.'}
          columns={[
            { label: 'Currency', cell: (b) => b.currency },
            {
              label: 'Available',
              cell: (b) => (
                <span data-testid={`available-${b.currency}`}>{money(b.available, b.currency)}</span>
              ),
            },
            { label: 'Reserved for cash-outs', cell: (b) => money(b.reserved, b.currency) },
            { label: 'Paid to date', cell: (b) => money(b.payments, b.currency) },
          ]}
        />
      </section>
      <ConfirmTwoFactor />
      {ready && (
        <WithdrawForm
          key={`${balances.data.data.length}-${methods.data.data.length}`}
          balances={balances.data.data}
          methods={methods.data.data}
          unitOf={unitOf}
        />
      )}
      <section className="panel" aria-labelledby="cash-outs-heading">
        <h2 id="cash-outs-heading">Cash-outs</h2>
        <DataTable
          rows={cashOuts.data?.data ?? []}
          empty="No cash-out yet."
          columns={[
            {
              label: 'Requested',
              cell: (c) => <span className="nowrap">{formatDateTime(c.created_at)}</span>,
            },
            { label: 'Amount', cell: (c) => money(c.amount, c.currency) },
            { label: 'To', cell: (c) => methodLabel(c.method) },
            {
              label: 'Status',
              cell: (c) => <span data-testid={`cash-out-${c.id}`}>{humanize(c.status)}</span>,
            },
            {
              label: 'Reference',
              cell: (c) => c.payment_reference ?? (c.scheduled_for ? `automatic, ${c.scheduled_for}` : '—'),
            },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="transactions-heading">
        <h2 id="transactions-heading">Balance transactions (latest 50)</h2>
        <TransactionsTable rows={transactions.data?.data ?? []} money={money} empty="No transaction yet." />
      </section>
      <section className="panel" aria-labelledby="closing-heading">
        <h2 id="closing-heading">Closing balances (latest 31 days)</h2>
        <ClosingBalancesTable rows={closing.data?.data ?? []} money={money} empty="No day closed yet." />
      </section>
      {methods.data && <PaymentMethods methods={methods.data.data} />}
      {ready && schedules.data && (
        <Schedules
          key={`${methods.data.data.length}`}
          schedules={schedules.data.data}
          balances={balances.data.data}
          methods={methods.data.data}
          unitOf={unitOf}
        />
      )}
    </>
  );
}
