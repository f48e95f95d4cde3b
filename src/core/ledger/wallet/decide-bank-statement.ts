import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import { type BankStatementView, view } from './bank-statement-view.ts';

/**
 * The operator approves (the bank account is verified, cash-outs to it may be requested) or
 * declines (with a reason shown to the affiliate) a pending statement.
 */
export async function decideBankStatement(options: {
  db: Db;
  actor: Actor;
  id: number;
  decision: 'approved' | 'declined';
  reason?: string | null;
  managerId?: number;
}): Promise<BankStatementView> {
  const reason = options.reason?.trim() || null;
  if (reason && reason.length > 500) throw AppError.field('reason', 'must be at most 500 characters');
  if (options.decision === 'declined' && !reason)
    throw AppError.field('reason', 'is required: tell the affiliate why the statement is declined');
  return inTransaction(options.db, async (trx) => {
    let q = trx.selectFrom('wallet_bank_statements').selectAll().where('id', '=', options.id);
    if (options.managerId !== undefined)
      q = q.where('affiliate_id', 'in', managedAffiliateIds(trx, options.managerId));
    const row = await q.forUpdate().executeTakeFirst();
    if (!row) throw AppError.notFound('bank statement');
    if (row.status !== 'pending')
      throw new AppError('invalid_state', `the statement is already ${row.status}`, { status: row.status });
    const now = new Date();
    const updated = await trx
      .updateTable('wallet_bank_statements')
      .set({
        status: options.decision,
        decision_reason: reason,
        decided_by: options.actor.name,
        decided_at: now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('wallet_payment_methods')
      .set({ verification: options.decision, updated_at: now })
      .where('id', '=', row.payment_method_id)
      .where('deleted_at', 'is', null)
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: options.decision === 'approved' ? 'bank_account_verified' : 'bank_statement_declined',
      actor: options.actor,
      data: { payment_method_id: row.payment_method_id, statement_id: row.id, ...(reason ? { reason } : {}) },
    });
    return view(updated);
  });
}
