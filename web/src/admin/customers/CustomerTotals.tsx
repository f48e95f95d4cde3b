import type { Money } from '../../customers/money.ts';
import type { CustomerTotals as Totals } from './api.ts';

type Figure = [label: string, value: (t: Totals) => string, keys: (keyof Totals)[]];

/** The figures to date, one row each, with a column per currency the customer used. */
function figures(money: Money): Figure[] {
  const m = (label: string, key: keyof Totals): Figure => [
    label,
    (t) => money(Number(t[key]), t.currency),
    [key],
  ];
  const counted = (label: string, count: keyof Totals, total: keyof Totals): Figure => [
    label,
    (t) => `${money(Number(t[total]), t.currency)} (${t[count]})`,
    [count, total],
  ];
  return [
    counted('Deposits', 'deposit_count', 'deposit_total'),
    counted('Withdrawals', 'withdrawal_count', 'withdrawal_total'),
    m('Net deposits', 'net_deposits'),
    counted('Bets', 'bet_count', 'bets'),
    m('Wins', 'wins'),
    m('GGR (bets − wins)', 'ggr'),
    m('Bonuses', 'bonuses'),
    m('Jackpot contributions', 'jackpot_contributions'),
    m('Taxes', 'taxes'),
    m('Fees', 'fees'),
    m('Chargebacks', 'chargebacks'),
    m('Adjustments', 'adjustments'),
    counted('Sales', 'sale_count', 'sale_total'),
    m('Refunds', 'refund_total'),
  ];
}

/** The money of deposits and withdrawals always shows; the other figures once one is not zero. */
const ALWAYS = new Set(['Deposits', 'Withdrawals', 'Net deposits']);
const shown =
  (totals: Totals[]) =>
  ([label, , keys]: Figure) =>
    ALWAYS.has(label) || totals.some((t) => keys.some((k) => Number(t[k]) !== 0));

/** A customer's money to date, per currency, in major units; counts in brackets. */
export function CustomerTotals({ totals, money }: { totals: Totals[]; money: Money }) {
  if (totals.length === 0) return <p className="muted">No money events yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table compact totals" data-testid="customer-totals">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {totals.map((t) => (
              <th scope="col" key={t.currency}>
                {t.currency}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figures(money)
            .filter(shown(totals))
            .map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {totals.map((t) => (
                  <td key={t.currency} className="amount">
                    {value(t)}
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
