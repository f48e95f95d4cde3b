import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';

/** Stops automatic cash-outs in a currency (`affiliateId`: the affiliate's own schedule only). */
export async function deleteCashOutSchedule(options: {
  db: Db;
  actor: Actor;
  id: number;
  affiliateId?: number;
}): Promise<void> {
  await inTransaction(options.db, async (trx) => {
    let q = trx.deleteFrom('cash_out_schedules').where('id', '=', options.id);
    if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
    const row = await q.returning(['affiliate_id', 'currency']).executeTakeFirst();
    if (!row) throw AppError.notFound('cash-out schedule');
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'cashout_schedule_deleted',
      actor: options.actor,
      data: { schedule_id: options.id, currency: row.currency },
    });
  });
}
