import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

type AfterCommit = (root: Kysely<DB>) => unknown;

const pending = new WeakMap<Kysely<DB>, { root: Kysely<DB>; tasks: AfterCommit[] }>();

/**
 * Runs `fn` in the caller's transaction when `db` is one, otherwise in a new transaction: how core
 * operations compose, so that several of them (and the jobs they enqueue) commit or roll back
 * together. A joined transaction is the caller's to finish: an error thrown by `fn` is theirs to
 * roll back, and there is no savepoint to undo only this part. What `afterCommit` queued runs once
 * the outermost transaction has committed, and never when it rolls back.
 */
export async function inTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  const tasks: AfterCommit[] = [];
  const result = await db.transaction().execute((trx) => {
    pending.set(trx, { root: db, tasks });
    return fn(trx);
  });
  // The change is committed: a failing task (a cache reload) must not turn it into an error.
  for (const task of tasks)
    await Promise.resolve(db)
      .then(task)
      .catch(() => {});
  return result;
}

/**
 * Runs `task` after the change being written has committed: at once outside a transaction, at the
 * outermost inTransaction's commit inside one. For in-process effects only (reloading a cache);
 * anything that must survive a crash is a job enqueued in the transaction instead.
 */
export async function afterCommit(db: Kysely<DB>, task: AfterCommit): Promise<void> {
  if (!db.isTransaction) {
    await Promise.resolve(db)
      .then(task)
      .catch(() => {});
    return;
  }
  const open = pending.get(db);
  if (!open) throw new Error('afterCommit needs a transaction opened by inTransaction');
  open.tasks.push(task);
}
