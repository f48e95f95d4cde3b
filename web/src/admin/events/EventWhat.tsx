import type { ReactNode } from 'react';
import type { Money } from '../../customers/money.ts';
import type { EventEntry } from './api.ts';

const FIGURES = ['bets', 'wins', 'bonuses'] as const;

/** What an event says, in a line: its amount, the first deposit, an activity's main figures. */
export function EventWhat({
  event: e,
  money,
  empty = <span className="muted">—</span>,
}: {
  event: EventEntry;
  money: Money;
  /** Shown when the event carries nothing but its type (a registration). */
  empty?: ReactNode;
}) {
  const parts: string[] = [];
  if (e.type === 'custom' && e.name) parts.push(e.name);
  if (e.amount !== null && e.currency) parts.push(money(e.amount, e.currency));
  for (const line of e.activity) {
    const currency = String(line.currency);
    const figures = FIGURES.filter((f) => Number(line[f]))
      .map((f) => `${f} ${money(Number(line[f]), currency)}`)
      .join(', ');
    parts.push(`${line.product === 'all' ? '' : `${line.product}: `}${figures || 'no bets'}`);
  }
  if (e.period_start) parts.push(`${e.period_start} to ${e.period_end ?? e.period_start}`);
  if (e.order_id) parts.push(`order ${e.order_id}`);
  if (e.original_ref !== null) parts.push(`takes back event #${e.original_ref}`);
  return (
    <>
      {parts.join(' · ') || empty}
      {e.is_ftd && (
        <>
          {' '}
          <span className="badge badge-ok" title="The customer's first deposit">
            FTD
          </span>
        </>
      )}
    </>
  );
}
