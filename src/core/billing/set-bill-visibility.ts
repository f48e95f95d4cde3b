import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { lockBill, recordBillChange } from './bill-transition.ts';
import { type BillDetail, type BillScope, loadBill } from './bill-view.ts';

const EVERY_STATUS = ['pending', 'on_hold', 'approved', 'cancelled', 'paid'] as const;

/**
 * Shows a bill to its affiliate in the portal and the partner API, or hides it again (a bill is
 * issued hidden when the affiliate's billing settings say so). Any status; the change is appended
 * to the bill's history with the actor. Asking for the visibility the bill already has changes
 * and records nothing.
 */
export async function setBillVisibility(options: {
  db: Db;
  actor: Actor;
  id: number;
  hidden: boolean;
  scope?: BillScope;
  reason?: string | null;
}): Promise<BillDetail> {
  const scope = options.scope ?? {};
  const reason = options.reason?.trim() || null;
  if (reason && reason.length > 500) throw AppError.field('reason', 'must be at most 500 characters');
  await inTransaction(options.db, async (trx) => {
    const row = await lockBill(
      trx,
      options.id,
      scope,
      [...EVERY_STATUS],
      options.hidden ? 'hidden' : 'shown',
    );
    if (row.hidden === options.hidden) return;
    const now = new Date();
    await trx
      .updateTable('bills')
      .set({ hidden: options.hidden, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordBillChange(trx, {
      billId: row.id,
      action: options.hidden ? 'hidden' : 'shown',
      from: row.status,
      to: row.status,
      issuedAmount: row.issued_amount,
      reason,
      actor: options.actor,
      now,
    });
  });
  return loadBill(options.db, options.id, scope);
}
