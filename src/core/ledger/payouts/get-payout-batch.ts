import type { Db } from '../../../db/index.ts';
import { loadBatch, type PayoutBatchView } from './payout-batch-view.ts';

export type { PayoutBatchView } from './payout-batch-view.ts';

/** One payout batch with its cash-outs (a limited manager's only when all of them are theirs). */
export function getPayoutBatch(options: {
  db: Db;
  id: number;
  managerId?: number;
}): Promise<PayoutBatchView> {
  return loadBatch(options.db, options.id, options.managerId);
}
