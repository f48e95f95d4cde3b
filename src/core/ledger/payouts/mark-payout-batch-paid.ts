import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { acceptCashOut } from '../cash-outs/accept-cash-out.ts';
import { loadBatch, type PayoutBatchView } from './payout-batch-view.ts';

/**
 * The bank executed the batch: every cash-out in it becomes success (reserved to payouts
 * clearing) with the batch's payment reference, all in one transaction. Only an open batch.
 */
export async function markPayoutBatchPaid(options: {
  db: Db;
  actor: Actor;
  id: number;
  paymentReference: string;
  managerId?: number;
  /** Emails each affiliate its paid cash-out. */
  jobs?: JobQueue;
}): Promise<PayoutBatchView> {
  const reference = options.paymentReference?.trim() ?? '';
  if (!reference)
    throw AppError.field('payment_reference', 'is required: the reference of the bank transfer');
  if (reference.length > 180) throw AppError.field('payment_reference', 'must be at most 180 characters');
  return inTransaction(options.db, async (trx) => {
    await loadBatch(trx, options.id, options.managerId);
    const batch = await trx
      .selectFrom('payout_batches')
      .selectAll()
      .where('id', '=', options.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (batch.status !== 'open')
      throw new AppError('invalid_state', `the payout batch is ${batch.status}: only an open batch is paid`, {
        status: batch.status,
      });
    const items = await trx
      .selectFrom('cash_outs')
      .select('id')
      .where('payout_batch_id', '=', batch.id)
      .orderBy('id')
      .execute();
    for (const item of items) {
      await acceptCashOut({
        db: trx,
        actor: options.actor,
        id: Number(item.id),
        paymentReference: `${reference} #${item.id}`,
        ...(options.jobs ? { jobs: options.jobs } : {}),
      });
    }
    const now = new Date();
    await trx
      .updateTable('payout_batches')
      .set({ status: 'paid', payment_reference: reference, paid_at: now, updated_at: now })
      .where('id', '=', batch.id)
      .execute();
    return loadBatch(trx, batch.id);
  });
}
