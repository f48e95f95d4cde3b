import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { simpleTransition } from './bill-transition.ts';
import type { BillDetail, BillScope } from './bill-view.ts';

/**
 * Records that an approved bill was paid out (its money left through a cash-out or payout): the
 * bill and its commissions become paid. No money moves here; approval credited the balance.
 */
export function markBillPaid(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: BillScope;
  reason?: string | null;
}): Promise<BillDetail> {
  return simpleTransition({
    ...options,
    scope: options.scope ?? {},
    from: ['approved'],
    to: 'paid',
    action: 'paid',
    verb: 'marked paid',
    commissions: { from: 'billed', to: 'paid' },
  });
}
