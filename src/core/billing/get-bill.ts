import type { Db } from '../../db/index.ts';
import { type BillDetail, type BillScope, loadBill } from './bill-view.ts';

export type { BillChangeView, BillCorrectionView, BillDetail, BillLineView, BillView } from './bill-view.ts';

/** One bill with its lines, corrections and changes; the partner API never sees a hidden one. */
export function getBill(options: { db: Db; id: number; scope?: BillScope }): Promise<BillDetail> {
  return loadBill(options.db, options.id, options.scope ?? {});
}
