import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError } from '../errors.ts';
import { type ApiKey, toApiKey } from './api-keys.ts';

/** Revoking twice is not an error: the key stays revoked from the first time (the audit log names that one). */
export async function revokeApiKey({ db, actor, id }: { db: Db; actor: Actor; id: number }): Promise<ApiKey> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('api_keys')
      .select(['revoked_at', 'name'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw AppError.notFound(`API key ${id}`);
    const row = await trx
      .updateTable('api_keys')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(new Date())) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (before.revoked_at === null)
      await recordOperatorChange(trx, {
        entity: 'api_key',
        id,
        action: 'revoked',
        actor,
        detail: { name: before.name },
      });
    return toApiKey(row);
  });
}
