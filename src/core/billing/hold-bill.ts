import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { simpleTransition } from './bill-transition.ts';
import type { BillDetail, BillScope } from './bill-view.ts';

/** Puts a pending bill on hold while its calculation is looked into; it cannot be approved until released. */
export function holdBill(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: BillScope;
  reason?: string | null;
}): Promise<BillDetail> {
  return simpleTransition({
    ...options,
    scope: options.scope ?? {},
    from: ['pending'],
    to: 'on_hold',
    action: 'held',
    verb: 'put on hold',
  });
}
