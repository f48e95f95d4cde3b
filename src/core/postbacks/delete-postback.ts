import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import type { Scope } from '../catalog/types.ts';
import { findDefinition } from './postback-access.ts';

/**
 * Deletes a definition: it never fires again and leaves the lists; its log stays (until the
 * retention days pass) and deliveries still waiting are failed with the reason.
 */
export async function deletePostback(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: Scope;
}): Promise<void> {
  await inTransaction(options.db, async (trx) => {
    const row = await findDefinition(trx, options.id, options.scope ?? {}, true);
    const now = new Date();
    await trx
      .updateTable('postback_definitions')
      .set({ deleted_at: now, status: 'inactive', updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await trx
      .updateTable('postback_deliveries')
      .set({ state: 'failed', finished_at: now, next_attempt_at: null })
      .where('definition_id', '=', row.id)
      .where('state', 'in', ['pending', 'client'])
      .execute();
  });
}
