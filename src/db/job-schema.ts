import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { type Kysely, sql } from 'kysely';
import { getConstructionPlans, getMigrationPlans } from 'pg-boss';

/** Where pg-boss keeps the job queue: a schema of its own beside ours. */
export const JOB_SCHEMA = 'pgboss';

// The schema version this pg-boss release expects; start() refuses any other.
const { pgboss } = createRequire(import.meta.url)('pg-boss/package.json') as { pgboss: { schema: number } };
export const JOB_SCHEMA_VERSION = pgboss.schema;

/** Changes with every pg-boss release that changes its SQL, so test templates are rebuilt. */
export function jobSchemaFingerprint(): string {
  return createHash('sha256').update(getConstructionPlans(JOB_SCHEMA)).digest('hex').slice(0, 16);
}

/**
 * Creates or upgrades pg-boss's schema on `conn`; migrate() calls it under its advisory lock, so
 * one process does it and pg-boss itself starts with `migrate: false`. pg-boss's own plans open
 * and commit their transactions, so this runs outside one. Index builds pg-boss would defer to
 * its background runner are done inline here: the upgrade is finished when migrate() returns.
 */
export async function installJobSchema(conn: Kysely<any>): Promise<string | null> {
  const found = await sql<{
    table: string | null;
  }>`select to_regclass(${`${JOB_SCHEMA}.version`})::text as table`.execute(conn);
  if (!found.rows[0]?.table) {
    await sql.raw(getConstructionPlans(JOB_SCHEMA)).execute(conn);
    return `${JOB_SCHEMA} (pg-boss schema ${JOB_SCHEMA_VERSION})`;
  }
  const current = await sql<{ version: number }>`select version from ${sql.raw(JOB_SCHEMA)}.version`.execute(
    conn,
  );
  const version = Number(current.rows[0]?.version);
  if (version === JOB_SCHEMA_VERSION) return null;
  if (version > JOB_SCHEMA_VERSION) {
    throw new Error(
      `the job queue schema is version ${version}, newer than this release understands (${JOB_SCHEMA_VERSION})`,
    );
  }
  await sql.raw(getMigrationPlans(JOB_SCHEMA, version)).execute(conn);
  return `${JOB_SCHEMA} (pg-boss schema ${version} → ${JOB_SCHEMA_VERSION})`;
}
