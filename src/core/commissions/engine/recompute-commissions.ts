import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { earnCommissions } from './earn-commissions.ts';

/**
 * Runs the engine again over every event of the customers (late events, an operator attributing
 * an unattributed customer): what was earned before is found by its source_key and left as it
 * is, only what is missing is written. Returns how many commissions were written.
 */
export async function recomputeCommissions(options: {
  db: Db;
  actor: Actor;
  customerIds: bigint[];
  now?: Date;
}): Promise<number> {
  if (!options.customerIds.length) return 0;
  return inTransaction(options.db, async (trx) => {
    const customers = await trx
      .selectFrom('customers')
      .select([
        'id',
        'brand_id',
        'external_id',
        'affiliate_id',
        'campaign_id',
        'promo_id',
        'country',
        'registered_at',
        'attributed_at',
        'first_event_at',
        'qualified_at',
        'held',
      ])
      .where('id', 'in', options.customerIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const events = await trx
      .selectFrom('events')
      .select([
        'id',
        'customer_id',
        'type',
        'occurred_at',
        'amount',
        'currency',
        'original_id',
        'affiliate_id',
        'campaign_id',
        'promo_id',
      ])
      .where('customer_id', 'in', options.customerIds)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return earnCommissions({ db: trx, actor: options.actor, events, customers, now: options.now });
  });
}
