import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';

export type PayoutBatchRow = {
  id: number;
  currency: string;
  status: 'open' | 'paid' | 'cancelled';
  payment_reference: string | null;
  total_amount: bigint;
  item_count: number;
  created_by: string;
  created_at: Date;
  paid_at: Date | null;
};

/** Payout batches, newest first; a limited manager sees those holding only their affiliates' cash-outs. */
export async function listPayoutBatches(options: {
  db: Db;
  status?: 'open' | 'paid' | 'cancelled';
  managerId?: number;
  limit: number;
  offset: number;
}): Promise<{ data: PayoutBatchRow[]; total: number }> {
  const { db } = options;
  let q = db.selectFrom('payout_batches as b');
  if (options.status) q = q.where('b.status', '=', options.status);
  if (options.managerId !== undefined) {
    const mine = managedAffiliateIds(db, options.managerId);
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('cash_outs as c')
            .select(sql`1`.as('one'))
            .whereRef('c.payout_batch_id', '=', 'b.id')
            .where('c.affiliate_id', 'not in', mine),
        ),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'b.id',
        'b.currency',
        'b.status',
        'b.payment_reference',
        'b.total_amount',
        'b.item_count',
        'b.created_by',
        'b.created_at',
        'b.paid_at',
      ])
      .orderBy('b.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows, total: Number(count.n) };
}
