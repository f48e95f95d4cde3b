import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface CopyOptions {
  /** A statement run in the same transaction after the COPY. */
  after?: { sql: string; parameters: unknown[] };
}

/**
 * Streams `data` (COPY text format) into `statement` (`copy t (...) from stdin`) on a pooled
 * connection, in one transaction with `options.after`: the cheapest way for PostgreSQL to take
 * many rows at once.
 */
export async function copyIn(
  pool: pg.Pool,
  statement: string,
  data: string,
  options: CopyOptions = {},
): Promise<void> {
  const client = await pool.connect();
  let failed: unknown;
  try {
    await client.query('begin');
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(statement));
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(data);
    });
    if (options.after) await client.query(options.after.sql, options.after.parameters);
    await client.query('commit');
  } catch (error) {
    failed = error;
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    // A connection whose COPY broke midway is not handed to anyone else.
    client.release(failed instanceof Error && !('code' in failed) ? failed : undefined);
  }
}
