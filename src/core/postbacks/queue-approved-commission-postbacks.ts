import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { queueCommissionPostbacks } from './queue-commission-postbacks.ts';

/**
 * The `commission_approved` postbacks of the listed commissions that are approved now: called in
 * the transaction that approved them (a status change, the hold period's end, the engine writing
 * one approved at once). One postback per definition and commission however often it is called
 * (the deliveries' unique commission_ref), so approving again after a release sends nothing new.
 */
export async function queueApprovedCommissionPostbacks(options: {
  db: Db;
  ids: bigint[];
  jobs?: JobQueue;
  now?: Date;
}): Promise<number> {
  if (options.ids.length === 0) return 0;
  const now = options.now ?? new Date();
  return inTransaction(options.db, async (trx) => {
    const rows = await trx
      .selectFrom('commissions')
      .select([
        'id',
        'affiliate_id',
        'brand_id',
        'campaign_id',
        'promo_id',
        'plan_id',
        'amount',
        'currency',
        'event_id',
      ])
      .where('id', 'in', options.ids)
      .where('status', '=', 'approved')
      .execute();
    return queueCommissionPostbacks({
      db: trx,
      jobs: options.jobs,
      now,
      commissions: rows.map((r) => ({
        id: r.id,
        affiliateId: r.affiliate_id,
        brandId: r.brand_id,
        campaignId: r.campaign_id,
        promoId: r.promo_id,
        planId: r.plan_id,
        amount: r.amount,
        currency: r.currency,
        approvedAt: now,
        eventRef: r.event_id,
      })),
    });
  });
}
