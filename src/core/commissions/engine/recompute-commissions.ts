import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { earnCommissions } from './earn-commissions.ts';
import { ENGINE_CUSTOMER_COLUMNS, ENGINE_EVENT_COLUMNS } from './engine-types.ts';

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
      .select(ENGINE_CUSTOMER_COLUMNS)
      .where('id', 'in', options.customerIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const events = await trx
      .selectFrom('events')
      .select(ENGINE_EVENT_COLUMNS)
      .where('customer_id', 'in', options.customerIds)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return earnCommissions({ db: trx, actor: options.actor, events, customers, now: options.now });
  });
}
