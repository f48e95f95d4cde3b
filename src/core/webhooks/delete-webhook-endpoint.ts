import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findEndpoint } from './webhook-endpoint.ts';

/** Deletes an endpoint: nothing more is queued for it, what waits is failed; its log stays. */
export async function deleteWebhookEndpoint(options: { db: Db; id: number }): Promise<void> {
  await inTransaction(options.db, async (trx) => {
    await findEndpoint(trx, options.id, true);
    const now = new Date();
    await trx
      .updateTable('webhook_endpoints')
      .set({ deleted_at: now, status: 'inactive', updated_at: now })
      .where('id', '=', options.id)
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({ state: 'failed', finished_at: now, next_attempt_at: null })
      .where('endpoint_id', '=', options.id)
      .where('state', '=', 'pending')
      .execute();
  });
}
