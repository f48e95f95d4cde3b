import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type ApiKey, toApiKey } from './api-keys.ts';

/** Revoking twice is not an error: the key stays revoked from the first time. */
export async function revokeApiKey({ db, id }: { db: Db; id: number }): Promise<ApiKey> {
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(new Date())) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`API key ${id}`);
  return toApiKey(row);
}
