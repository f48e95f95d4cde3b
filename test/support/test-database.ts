import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, newPGlite, openDatabase } from '../../src/db/index.ts';
import {
  databaseUrlFor,
  pgliteTemplateFile,
  postgresTemplateName,
  TEST_DATABASE_URL,
  TEST_DB_KIND,
} from './template.ts';

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own for one test file, copied from the template. */
export async function createTestDatabase(): Promise<Database> {
  if (TEST_DB_KIND === 'pglite') {
    const blob = new Blob([fs.readFileSync(pgliteTemplateFile())], { type: 'application/x-tar' });
    return openDatabase({ pglite: newPGlite(undefined, blob) });
  }
  const name = `affluent_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}" template "${postgresTemplateName()}"`));
  const database = await openDatabase({ databaseUrl: databaseUrlFor(name), poolMax: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
