import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ClosingBalancesTable, TransactionsTable } from '../../components/LedgerTables.tsx';
import { humanize } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';
import { methodLabel } from '../../portal/wallet/api.ts';
import { currencyListQuery } from '../../reference/pickers.tsx';

/** An affiliate's money: balances per currency, the latest ledger lines, closing balances, wallet and schedules. */
export function MoneyTab({ id }: { id: number }) {
  const path = { params: { path: { id } } };
  const balances = useQuery({
    queryKey: ['affiliates', id, 'balances'],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates/{id}/balances', path)),
  });
  const transactions = useQuery({
    queryKey: ['affiliates', id, 'balance-transactions'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/balance-transactions', {
          params: { path: { id }, query: { page_size: 50 } },
        }),
      ),
  });
  const closing = useQuery({
    queryKey: ['affiliates', id, 'closing-balances'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/closing-balances', {
          params: { path: { id }, query: { page_size: 31 } },
        }),
      ),
  });
  const methods = useQuery({
    queryKey: ['affiliates', id, 'payment-methods'],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates/{id}/payment-methods', path)),
  });
  const schedules = useQuery({
    queryKey: ['affiliates', id, 'cash-out-schedules'],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates/{id}/cash-out-schedules', path)),
  });
  const currencies = useQuery(currencyListQuery('operator'));
  const unit = (code: string) => currencies.data?.data.find((c) => c.code === code)?.minor_unit ?? 2;
  const money = (minor: number | bigint, code: string) => `${minorToInput(minor, unit(code))} ${code}`;
  return (
    <>
      <section className="panel" aria-labelledby="money-balances">
        <h2 id="money-balances">Balances</h2>
        <DataTable
          rows={(balances.data?.data ?? []).map((b) => ({ ...b, id: b.currency }))}
          empty="No balance yet."
          columns={[
            { label: 'Currency', cell: (b) => b.currency },
            { label: 'Available', cell: (b) => money(b.available, b.currency) },
            { label: 'Reserved', cell: (b) => money(b.reserved, b.currency) },
            { label: 'On hold', cell: (b) => money(b.on_hold, b.currency) },
            { label: 'Commissions', cell: (b) => money(b.commissions, b.currency) },
            { label: 'Adjustments', cell: (b) => money(b.adjustments, b.currency) },
            { label: 'Paid', cell: (b) => money(b.payments, b.currency) },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="money-ledger">
        <h2 id="money-ledger">Ledger (latest 50 lines)</h2>
        <TransactionsTable rows={transactions.data?.data ?? []} money={money} empty="No entry yet." />
      </section>
      <section className="panel" aria-labelledby="money-closing">
        <h2 id="money-closing">Closing balances (latest 31)</h2>
        <ClosingBalancesTable rows={closing.data?.data ?? []} money={money} empty="No day closed yet." />
      </section>
      <section className="panel" aria-labelledby="money-wallet">
        <h2 id="money-wallet">Payment methods</h2>
        <DataTable
          rows={methods.data?.data ?? []}
          empty="No payment method in the wallet."
          columns={[
            { label: 'Type', cell: (m) => methodLabel(m.type) },
            {
              label: 'Details',
              cell: (m) => (
                <span className="summary-cell">
                  {Object.entries(m.details)
                    .map(([k, v]) => `${humanize(k)}: ${String(v)}`)
                    .join(' · ')}
                </span>
              ),
            },
            { label: 'Verification', cell: (m) => humanize(m.verification) },
          ]}
        />
        <h3>Automatic cash-outs</h3>
        <DataTable
          rows={schedules.data?.data ?? []}
          empty="No automatic cash-out."
          columns={[
            { label: 'Currency', cell: (s) => s.currency },
            { label: 'When', cell: (s) => humanize(s.frequency) },
            {
              label: 'Amounts',
              cell: (s) =>
                `${money(s.min_amount, s.currency)} to ${money(s.max_amount, s.currency)}, keeping ${money(s.reserve_amount, s.currency)}`,
            },
          ]}
        />
      </section>
    </>
  );
}
