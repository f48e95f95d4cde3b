import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsStore, analyticsErrorCode } from '../../src/core/analytics/analytics-store.ts';
import { ANALYTICS_MIGRATIONS } from '../../src/core/analytics/schema/analytics-migrations.ts';
import { applyAnalyticsSchema } from '../../src/core/analytics/schema/apply-analytics-schema.ts';
import { createTestAnalytics, type TestAnalytics } from './support.ts';

let t: TestAnalytics;
let store: AnalyticsStore;

beforeAll(async () => {
  t = await createTestAnalytics({ ANALYTICS_CLICK_TTL_DAYS: '90' });
  store = t.open();
  await applyAnalyticsSchema({ store });
});
afterAll(async () => {
  await store.close();
  await t.drop();
});

const tables = async () =>
  store.query<{ name: string; engine: string; engine_full: string }>(
    'SELECT name, engine, engine_full FROM system.tables WHERE database = {db:String} ORDER BY name',
    { db: store.database },
  );

describe('analytics schema', () => {
  it('creates the raw tables, the rollups and their views, and records every migration once', async () => {
    const byName = new Map((await tables()).map((r) => [r.name, r]));
    for (const raw of ['clicks', 'events', 'commissions', 'impression_hours']) {
      expect(byName.get(raw)?.engine).toBe('ReplacingMergeTree');
      expect(byName.get(raw)?.engine_full).toContain('PARTITION BY toYYYYMM(');
      expect(byName.get(raw)?.engine_full).toMatch(
        /ORDER BY \(affiliate_id, (clicked_at|occurred_at|earned_at|hour)/,
      );
    }
    for (const rollup of ['click_hours', 'event_days', 'commission_days']) {
      expect(byName.get(rollup)?.engine).toBe('SummingMergeTree');
    }
    for (const view of ['click_hours_mv', 'event_days_mv', 'commission_days_mv']) {
      expect(byName.get(view)?.engine).toBe('MaterializedView');
    }
    const columns = await store.query<{
      table: string;
      name: string;
      type: string;
      compression_codec: string;
    }>(
      `SELECT table, name, type, compression_codec FROM system.columns
       WHERE database = {db:String} AND name IN ('clicked_at', 'country', 'currency', 'status')`,
      { db: store.database },
    );
    const clickedAt = columns.find((c) => c.table === 'clicks' && c.name === 'clicked_at');
    expect(clickedAt?.compression_codec).toBe('CODEC(DoubleDelta, ZSTD(1))');
    expect(columns.find((c) => c.table === 'commissions' && c.name === 'status')?.type).toBe(
      'LowCardinality(String)',
    );
    const recorded = await store.query<{ id: string; n: string }>(
      'SELECT id, count() AS n FROM schema_migrations FINAL GROUP BY id ORDER BY id',
    );
    expect(recorded).toEqual(ANALYTICS_MIGRATIONS.map((m) => ({ id: m.id, n: '1' })));
  });

  it('applies nothing the second time, and leaves the data in place', async () => {
    await store.insert('clicks', [
      { id: 'again', clicked_at: '2031-05-06 10:00:00.000', affiliate_id: 7, version: 1 },
    ]);
    expect(await applyAnalyticsSchema({ store })).toEqual([]);
    const rows = await store.query<{ n: string }>("SELECT count() AS n FROM clicks WHERE id = 'again'");
    expect(rows).toEqual([{ n: '1' }]);
  });

  it('sets the raw clicks TTL from ANALYTICS_CLICK_TTL_DAYS, changes it and removes it with 0', async () => {
    const ttl = async () => (await tables()).find((r) => r.name === 'clicks')?.engine_full ?? '';
    expect(await ttl()).toContain('TTL toDateTime(clicked_at) + toIntervalDay(90)');
    const longer = t.open({ clickTtlDays: 30 });
    await applyAnalyticsSchema({ store: longer });
    expect(await ttl()).toContain('toIntervalDay(30)');
    const none = t.open({ clickTtlDays: 0 });
    await applyAnalyticsSchema({ store: none });
    expect(await ttl()).not.toContain('TTL');
    await applyAnalyticsSchema({ store });
    expect(await ttl()).toContain('toIntervalDay(90)');
  });

  it('refuses to start on a migration that was changed after it was applied', async () => {
    const first = ANALYTICS_MIGRATIONS[0] as (typeof ANALYTICS_MIGRATIONS)[number];
    await store.insert('schema_migrations', [{ id: first.id, checksum: 'edited' }]);
    await expect(applyAnalyticsSchema({ store })).rejects.toThrow(
      `analytics migration ${first.id} was changed`,
    );
    await store.command('TRUNCATE TABLE schema_migrations');
    await applyAnalyticsSchema({ store });
  });

  it('binds parameters, quotes 64-bit integers and answers errors by their code', async () => {
    const [row] = await store.query<{ big: string; text: string }>(
      'SELECT toInt64({big:Int64}) * 2 AS big, {text:String} AS text',
      { big: '4611686018427387903', text: "it's ; DROP TABLE clicks" },
    );
    expect(row).toEqual({ big: '9223372036854775806', text: "it's ; DROP TABLE clicks" });
    const error = await store.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(analyticsErrorCode(error)).toBe('60'); // UNKNOWN_TABLE
  });
});
