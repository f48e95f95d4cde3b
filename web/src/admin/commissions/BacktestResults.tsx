import { Fragment, useState } from 'react';
import { TraceDetails } from '../../components/TraceDetails.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { useMoney } from '../customers/api.ts';
import type { BacktestResult } from './api.ts';

/** The backtest's answer: the totals, then each affiliate per currency, its traces on demand. */
export function BacktestResults({ result }: { result: BacktestResult }) {
  const money = useMoney();
  const [open, setOpen] = useState<number | null>(null);
  const signed = (minor: number, currency: string) => `${minor > 0 ? '+' : ''}${money(minor, currency)}`;
  const tested = result.draft ? 'the draft' : `version ${result.version}`;
  return (
    <section className="panel" aria-label="Backtest results">
      <h2>
        {result.plan.name}, {tested}: {result.period_start} to {result.period_end}
      </h2>
      {result.totals.length === 0 && <p className="muted">Nothing earned or to be paid in the period.</p>}
      {result.totals.map((t) => (
        <p key={t.currency} className="backtest-total">
          Would have paid <strong>{money(t.would_have_paid, t.currency)}</strong>; actually earned{' '}
          <strong>{money(t.actually_earned, t.currency)}</strong>; difference{' '}
          <strong>{signed(t.difference, t.currency)}</strong>.
        </p>
      ))}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Affiliate</th>
              <th scope="col">Would have paid</th>
              <th scope="col">Actually earned</th>
              <th scope="col">Difference</th>
              <th scope="col">
                <span className="visually-hidden">Traces</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.affiliates.map((a) => (
              <Fragment key={a.affiliate_id}>
                {(a.totals.length ? a.totals : [null]).map((t, i) => (
                  <tr key={t?.currency ?? 'none'}>
                    <td>{i === 0 && `${a.name} (${a.affiliate_id})`}</td>
                    <td>{t ? money(t.would_have_paid, t.currency) : '—'}</td>
                    <td>{t ? money(t.actually_earned, t.currency) : '—'}</td>
                    <td>{t ? signed(t.difference, t.currency) : '—'}</td>
                    <td>
                      {i === 0 && (a.commissions?.length ?? 0) > 0 && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-expanded={open === a.affiliate_id}
                          onClick={() => setOpen(open === a.affiliate_id ? null : a.affiliate_id)}
                        >
                          {open === a.affiliate_id ? 'Hide traces' : 'Traces'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
                {open === a.affiliate_id && (
                  <tr>
                    <td colSpan={5}>
                      <ol className="trace-list" aria-label={`Would-be commissions of ${a.name}`}>
                        {a.commissions?.map((c, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the server's order, never reordered
                          <li key={i}>
                            <p>
                              <strong>{money(c.amount, c.currency)}</strong> {sentenceCase(c.kind)},{' '}
                              {formatDateTime(c.earned_at)}: {c.explanation}
                            </p>
                            <details>
                              <summary>Inputs</summary>
                              <TraceDetails value={c.trace} label="Trace inputs" />
                            </details>
                          </li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
