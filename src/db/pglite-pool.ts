import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * Presents one PGlite instance to Kysely's PostgresDialect as a pool of a single connection.
 * PGlite serves one session, so a caller holds it exclusively from connect() to release(): that is
 * what keeps a transaction's statements from interleaving with another request's.
 */
export class PGlitePool implements PostgresPool {
  readonly #pg: PGlite;
  #queue: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ended) throw new Error('the embedded database is closed');
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    await previous;
    const pg = this.#pg;
    let released = false;
    return {
      query: (async (sql: string, parameters: ReadonlyArray<unknown>) => {
        // Parameterless text may hold several statements (migrations); only exec() accepts that.
        const result =
          parameters.length === 0 ? (await pg.exec(sql)).at(-1) : await pg.query(sql, [...parameters]);
        return toQueryResult(sql, result);
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  /**
   * Runs `fn` holding the connection, between Kysely's turns: how statements issued beside Kysely
   * (the job queue's) wait for a transaction to finish instead of landing inside it.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn();
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    this.#ended = true;
    await this.#queue;
  }
}

function toQueryResult(sql: string, result: Results<any> | undefined): PostgresQueryResult<any> {
  const keyword = sql.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? '';
  const writes = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'];
  // A WITH statement that changed rows is reported as a write so Kysely still counts them.
  const command = (
    writes.includes(keyword) ? keyword : keyword === 'WITH' && result?.affectedRows ? 'UPDATE' : 'SELECT'
  ) as Command;
  return {
    command,
    rowCount: result?.affectedRows ?? result?.rows.length ?? 0,
    rows: result?.rows ?? [],
  };
}
