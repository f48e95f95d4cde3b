import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { newPGlite, openDatabase } from '../../src/db/index.ts';
import { migrate, migrationsFingerprint } from '../../src/db/migrate.ts';

export const TEST_DB_KIND = process.env.AFFLUENT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const TMP = path.resolve(import.meta.dirname, '../../.tmp');

export function pgliteTemplateFile(): string {
  return path.join(TMP, `template-${migrationsFingerprint()}.tar`);
}

export function postgresTemplateName(): string {
  return `affluent_tpl_${migrationsFingerprint()}`;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A migrated PGlite data directory saved as a tarball: each test file starts from a copy. Not
 * compressed: unpacking it is most of a test file's start, and gunzip would add a third to that.
 */
export async function preparePGliteTemplate(): Promise<void> {
  const file = pgliteTemplateFile();
  if (fs.existsSync(file)) return;
  const instance = newPGlite();
  const database = await openDatabase({ pglite: instance });
  await migrate(database.db);
  const dump = await instance.dumpDataDir('none');
  await database.close();
  fs.mkdirSync(TMP, { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
}

/** A migrated PostgreSQL database marked as a template, named after the migrations it holds. */
export async function preparePostgresTemplate(): Promise<void> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  // Several test runs may start at once (and share one server): one builds, the others wait.
  await admin.query('select pg_advisory_lock(7311822051)');
  try {
    const found = await admin.query('select datistemplate from pg_database where datname = $1', [name]);
    if (found.rows[0]?.datistemplate) return;
    if (found.rowCount) await admin.query(`drop database "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    const database = await openDatabase({ databaseUrl: databaseUrlFor(name), poolMax: 1 });
    await migrate(database.db);
    await database.close();
    await admin.query(`alter database "${name}" with is_template true allow_connections false`);
  } finally {
    await admin.query('select pg_advisory_unlock(7311822051)');
    await admin.end();
  }
}
