import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { simpleTransition } from './bill-transition.ts';
import type { BillDetail, BillScope } from './bill-view.ts';

/** Takes a bill off hold: pending again, ready to be approved. */
export function releaseBill(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: BillScope;
  reason?: string | null;
}): Promise<BillDetail> {
  return simpleTransition({
    ...options,
    scope: options.scope ?? {},
    from: ['on_hold'],
    to: 'pending',
    action: 'released',
    verb: 'released',
  });
}
