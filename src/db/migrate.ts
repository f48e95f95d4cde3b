import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { installJobSchema, jobSchemaFingerprint } from './job-schema.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_311_822_050;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** Migration files are `NNNN_name.sql`, applied in the order of their number. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      return {
        version: version!,
        name: rest.join('_'),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/** A digest of every migration: names the test template database that holds them all. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of listMigrations()) hash.update(`${m.version}:${m.checksum};`);
  hash.update(`jobs:${jobSchemaFingerprint()};`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Applies pending migrations, each in its own transaction, recorded in schema_migrations, then
 * creates or upgrades the job queue's schema (src/db/job-schema.ts). A session-level advisory lock
 * makes a second process wait and then find nothing left to do.
 */
export async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrations = listMigrations();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`.execute(conn);
      const applied = await sql<{
        version: string;
        checksum: string;
      }>`select version, checksum from schema_migrations`.execute(conn);
      const done = new Map(applied.rows.map((row) => [row.version, row.checksum]));
      const ran: string[] = [];
      for (const migration of migrations) {
        const seen = done.get(migration.version);
        if (seen !== undefined) {
          if (seen !== migration.checksum) {
            throw new Error(
              `migration ${migration.version}_${migration.name} was changed after it was applied`,
            );
          }
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await sql`insert into schema_migrations (version, name, checksum) values (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(
            trx,
          );
        });
        ran.push(`${migration.version}_${migration.name}`);
      }
      const jobs = await installJobSchema(conn);
      if (jobs) ran.push(jobs);
      return ran;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

/** Migrations on disk that the database has not applied yet (readiness reports them). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const applied = await sql<{ version: string }>`select version from schema_migrations`.execute(db);
  const done = new Set(applied.rows.map((row) => row.version));
  return listMigrations()
    .filter((m) => !done.has(m.version))
    .map((m) => `${m.version}_${m.name}`);
}
