import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import { loadMethod, toMethodView } from './payment-method-view.ts';

/**
 * Deletes a payment method from the wallet (`affiliateId`: the affiliate's own only). The row stays
 * for the cash-outs that name it (they keep their copy of the details); automatic schedules paying
 * to it are removed with it, since they could pay nowhere.
 */
export async function deletePaymentMethod(options: {
  db: Db;
  actor: Actor;
  id: number;
  affiliateId?: number;
}): Promise<void> {
  await inTransaction(options.db, async (trx) => {
    const row = await loadMethod(trx, options.id, options.affiliateId, true);
    const now = new Date();
    await trx.deleteFrom('cash_out_schedules').where('payment_method_id', '=', row.id).execute();
    await trx
      .updateTable('wallet_payment_methods')
      .set({ deleted_at: now, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    const view = toMethodView(row);
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'payment_method_deleted',
      actor: options.actor,
      data: { payment_method_id: row.id, type: view.type, details: view.details },
    });
  });
}
