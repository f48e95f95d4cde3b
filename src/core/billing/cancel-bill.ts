import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { simpleTransition } from './bill-transition.ts';
import type { BillDetail, BillScope } from './bill-view.ts';

/**
 * Cancels a bill not yet approved (a wrong calculation, terms broken). Its lines stay on it, so
 * its commissions are never billed again; nothing reaches the balance.
 */
export function cancelBill(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: BillScope;
  reason?: string | null;
}): Promise<BillDetail> {
  return simpleTransition({
    ...options,
    scope: options.scope ?? {},
    from: ['pending', 'on_hold'],
    to: 'cancelled',
    action: 'cancelled',
    verb: 'cancelled',
  });
}
