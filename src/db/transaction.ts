import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Runs `fn` in the caller's transaction when `db` is one, otherwise in a new transaction: how core
 * operations compose, so that several of them (and the jobs they enqueue) commit or roll back
 * together. A joined transaction is the caller's to finish: an error thrown by `fn` is theirs to
 * roll back, and there is no savepoint to undo only this part.
 */
export async function inTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  return db.transaction().execute(fn);
}
