import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Streams `data` (COPY text format) into `statement` (`copy t (...) from stdin`) on a pooled
 * connection: the cheapest way for PostgreSQL to take many rows at once.
 */
export async function copyIn(pool: pg.Pool, statement: string, data: string): Promise<void> {
  const client = await pool.connect();
  let failed: unknown;
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(statement));
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(data);
    });
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    // A connection whose COPY broke midway is not handed to anyone else.
    client.release(failed instanceof Error && !('code' in failed) ? failed : undefined);
  }
}
