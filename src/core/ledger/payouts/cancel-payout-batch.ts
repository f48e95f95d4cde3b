import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { loadBatch, type PayoutBatchView } from './payout-batch-view.ts';

/** Gives up an open batch: its cash-outs are pending again, free to be batched or cancelled. */
export async function cancelPayoutBatch(options: {
  db: Db;
  id: number;
  managerId?: number;
}): Promise<PayoutBatchView> {
  return inTransaction(options.db, async (trx) => {
    await loadBatch(trx, options.id, options.managerId);
    const batch = await trx
      .selectFrom('payout_batches')
      .select('status')
      .where('id', '=', options.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (batch.status !== 'open')
      throw new AppError(
        'invalid_state',
        `the payout batch is ${batch.status}: only an open batch is cancelled`,
        {
          status: batch.status,
        },
      );
    const now = new Date();
    await trx
      .updateTable('cash_outs')
      .set({ payout_batch_id: null, updated_at: now })
      .where('payout_batch_id', '=', options.id)
      .where('status', '=', 'pending')
      .execute();
    await trx
      .updateTable('payout_batches')
      .set({ status: 'cancelled', updated_at: now })
      .where('id', '=', options.id)
      .execute();
    return loadBatch(trx, options.id);
  });
}
