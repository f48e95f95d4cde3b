import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type CopyOptions, copyIn } from './copy.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { type ListenHandlers, listenPostgres, type Unlisten } from './listen.ts';
import { PGlitePool } from './pglite-pool.ts';
import type { DB } from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the connection string, for a worker thread that opens its own pool. */
  url?: string;
  close(): Promise<void>;
  /** Receives NOTIFY payloads on `channel` (on PostgreSQL over a dedicated connection). */
  listen(channel: string, handlers: ListenHandlers): Promise<Unlisten>;
  /** PostgreSQL only: bulk load with COPY ... FROM STDIN (text format), in one transaction. */
  copyIn?(statement: string, data: string, options?: CopyOptions): Promise<void>;
  /** Embedded database only: the instance, and turns on it shared with Kysely (PGlitePool). */
  embedded?: { instance: PGlite; exclusive<T>(fn: () => Promise<T>): Promise<T> };
}

export type DatabaseOptions =
  | { databaseUrl: string; poolMax?: number }
  | { dataDir: string }
  | { pglite: PGlite };

const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function newPGlite(dataDir?: string, loadDataDir?: Blob): PGlite {
  return new PGlite({ dataDir, extensions: { citext, pg_trgm }, parsers: typeParsers, loadDataDir });
}

/** Opens PostgreSQL (pooled) when given a URL, otherwise the embedded PGlite database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolMax ?? 10,
      types: pgTypes,
    });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      url: options.databaseUrl,
      close: async () => {
        await db.destroy();
        // Kysely ends the pool only if it ran a query itself; COPY alone uses the pool directly.
        if (!pool.ending) await pool.end();
      },
      listen: (channel, handlers) => listenPostgres(options.databaseUrl, channel, handlers),
      copyIn: (statement, data, copyOptions) => copyIn(pool, statement, data, copyOptions),
    };
  }
  let unlock = () => {};
  let instance: PGlite;
  if ('dataDir' in options) {
    unlock = acquireDataDirLock(options.dataDir);
    try {
      instance = newPGlite(`${options.dataDir}/pgdata`);
      await instance.waitReady;
    } catch (error) {
      unlock();
      throw error;
    }
  } else {
    instance = options.pglite;
  }
  const pool = new PGlitePool(instance);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    embedded: { instance, exclusive: (fn) => pool.exclusive(fn) },
    close: async () => {
      await db.destroy();
      await instance.close();
      unlock();
    },
    listen: async (channel, handlers) => {
      const unlisten = await instance.listen(channel, handlers.onPayload);
      return () => unlisten();
    },
  };
}

/** What core operations take: the pool, or a transaction that they join. */
export type Db = Kysely<DB>;
