import { createHash } from 'node:crypto';
import type { AnalyticsStore } from '../analytics-store.ts';
import { ANALYTICS_MIGRATIONS, type AnalyticsMigration } from './analytics-migrations.ts';

const checksum = (m: AnalyticsMigration) =>
  createHash('sha256').update(m.statements.join('\n;\n')).digest('hex');

/**
 * Brings the ClickHouse database to the current schema: the migrations not yet recorded, in
 * order, then the raw clicks' TTL from ANALYTICS_CLICK_TTL_DAYS. Every statement is idempotent
 * (IF NOT EXISTS), so processes starting at once, or a start cut off halfway, end the same.
 * Answers the ids it applied.
 */
export async function applyAnalyticsSchema({ store }: { store: AnalyticsStore }): Promise<string[]> {
  await store.command(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
      id String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY id`,
  );
  const rows = await store.query<{ id: string; checksum: string }>(
    'SELECT id, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY id',
  );
  const applied = new Map(rows.map((r) => [r.id, r.checksum]));
  const ran: string[] = [];
  for (const migration of ANALYTICS_MIGRATIONS) {
    const sum = checksum(migration);
    const before = applied.get(migration.id);
    if (before !== undefined) {
      if (before !== sum) {
        throw new Error(`analytics migration ${migration.id} was changed after it was applied`);
      }
      continue;
    }
    for (const statement of migration.statements) await store.command(statement);
    await store.insert('schema_migrations', [{ id: migration.id, checksum: sum }]);
    ran.push(migration.id);
  }
  await applyClickTtl(store);
  return ran;
}

async function applyClickTtl(store: AnalyticsStore): Promise<void> {
  const days = store.config.clickTtlDays;
  const [table] = await store.query<{ engine_full: string }>(
    'SELECT engine_full FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    { db: store.database, table: 'clicks' },
  );
  const current = /TTL toDateTime\(clicked_at\) \+ toIntervalDay\((\d+)\)/.exec(table?.engine_full ?? '');
  const currentDays = current ? Number(current[1]) : 0;
  if (currentDays === days) return;
  // A TTL is part of the table's definition, so the number is in the statement (checked to be a
  // whole number by the configuration); old parts are dropped as they merge, not rewritten now.
  await store.command(
    days === 0
      ? 'ALTER TABLE clicks REMOVE TTL'
      : `ALTER TABLE clicks MODIFY TTL toDateTime(clicked_at) + INTERVAL ${Math.trunc(days)} DAY`,
    {},
    { settings: { materialize_ttl_after_modify: 0 } },
  );
}
