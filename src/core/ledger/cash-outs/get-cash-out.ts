import type { Db } from '../../../db/index.ts';
import { type CashOutView, loadCashOut } from './cash-out-view.ts';

export type { CashOutView } from './cash-out-view.ts';

/** One cash-out with its changes; with `affiliateId`, only that affiliate's (another's is a 404). */
export function getCashOut(options: {
  db: Db;
  id: number;
  affiliateId?: number;
  managerId?: number;
}): Promise<CashOutView> {
  return loadCashOut(options.db, options.id, options.affiliateId, options.managerId);
}
