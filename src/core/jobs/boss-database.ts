import { CompiledQuery } from 'kysely';
import { type Db as BossDb, fromPglite } from 'pg-boss';
import type { Database, Db } from '../../db/index.ts';

/**
 * pg-boss's statements run through the caller's Kysely connection or transaction: a job enqueued
 * in a transaction exists exactly when that transaction commits (an outbox).
 */
export function bossDbFor(db: Db): BossDb {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}

// pg-boss is tested on PGlite's own value parsers; ours (src/db/type-parsers.ts) turn int8 into
// bigint and leave dates as text, which pg-boss's arithmetic and timestamps do not expect.
const PGLITE_DEFAULT_PARSERS = {
  20: (value: string) => {
    const n = BigInt(value);
    return n < BigInt(Number.MIN_SAFE_INTEGER) || n > BigInt(Number.MAX_SAFE_INTEGER) ? n : Number(n);
  },
  1082: (value: string) => new Date(value),
};

/**
 * pg-boss on the embedded database: the same PGlite instance, but every statement waits for its
 * turn on the one connection Kysely also uses (PGlitePool). Without that, a poll issued while a
 * request's transaction is open would run inside it (one session): claim a job in a transaction
 * that may roll back, or commit it halfway with one of pg-boss's own BEGIN ... COMMIT blocks.
 * No LISTEN here for the same reason; workers poll.
 */
export function bossDbOnEmbedded(embedded: NonNullable<Database['embedded']>): BossDb {
  const { instance, exclusive } = embedded;
  const inner = fromPglite({
    query: (text: string, params?: unknown[]) =>
      instance.query(text, params, { parsers: PGLITE_DEFAULT_PARSERS }),
    exec: (text: string) => instance.exec(text, { parsers: PGLITE_DEFAULT_PARSERS }),
  });
  return {
    executeSql: (text, values) => exclusive(() => inner.executeSql(text, values)),
    setSessionStatements: (statements) => exclusive(() => inner.setSessionStatements!(statements)),
  };
}
