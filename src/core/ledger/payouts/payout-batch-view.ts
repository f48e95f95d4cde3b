// @internal: payout batches as the API shows them, with their cash-outs
import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { type CashOutView, toView } from '../cash-outs/cash-out-view.ts';

export interface PayoutBatchView {
  id: number;
  currency: string;
  status: 'open' | 'paid' | 'cancelled';
  debtor_name: string;
  debtor_iban: string | null;
  debtor_bic: string | null;
  payment_reference: string | null;
  total_amount: bigint;
  item_count: number;
  created_by: string;
  created_at: Date;
  paid_at: Date | null;
  updated_at: Date;
  cash_outs: CashOutView[];
}

/** One batch with its cash-outs; a limited manager sees only batches all of whose cash-outs are theirs. */
export async function loadBatch(db: Db, id: number, managerId?: number): Promise<PayoutBatchView> {
  const batch = await db.selectFrom('payout_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!batch) throw AppError.notFound('payout batch');
  const rows = await db
    .selectFrom('cash_outs')
    .selectAll()
    .where('payout_batch_id', '=', id)
    .orderBy('id')
    .execute();
  if (managerId !== undefined && rows.length) {
    const mine = await db
      .selectFrom('cash_outs')
      .select('id')
      .where('payout_batch_id', '=', id)
      .where('affiliate_id', 'in', managedAffiliateIds(db, managerId))
      .execute();
    if (mine.length !== rows.length) throw AppError.notFound('payout batch');
  }
  return { ...batch, cash_outs: rows.map((r) => toView(r)) };
}
