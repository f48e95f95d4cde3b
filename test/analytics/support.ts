import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@clickhouse/client';
import { type AnalyticsConfig, loadConfig } from '../../src/config.ts';
import { type AnalyticsStore, openAnalyticsStore } from '../../src/core/analytics/analytics-store.ts';

/**
 * A ClickHouse database of the test file's own: on the embedded chdb engine (through
 * `@clickhouse/client`'s connection hook, so the real client code runs) in a fresh directory, or,
 * with TEST_ANALYTICS_URL, a new database on that server, dropped by `drop()`.
 */
export interface TestAnalytics {
  config: AnalyticsConfig;
  /** Opens one more store on the same database (a second connection, or after close()). */
  open(overrides?: Partial<AnalyticsConfig>): AnalyticsStore;
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestAnalytics(env: Record<string, string> = {}): Promise<TestAnalytics> {
  const server = process.env.TEST_ANALYTICS_URL;
  const name = `affluent_test_${process.pid}_${Date.now()}_${counter++}`;
  if (server) {
    const base = loadConfig({ ...env, ANALYTICS_URL: server }).analytics as AnalyticsConfig;
    const admin = createClient({ url: base.url, username: base.username, password: base.password });
    await admin.command({ query: `CREATE DATABASE ${name}` });
    const config = { ...base, database: name };
    return {
      config,
      open: (overrides = {}) => openAnalyticsStore({ ...config, ...overrides }),
      async drop() {
        await admin.command({ query: `DROP DATABASE IF EXISTS ${name}` });
        await admin.close();
      },
    };
  }
  const { createChdbConnection } = await import('chdb/connection');
  // libchdb binds one data directory per process: every store of this file shares it.
  const dir = path.resolve('.tmp/chdb', name);
  fs.mkdirSync(dir, { recursive: true });
  const config = loadConfig({ ...env, ANALYTICS_URL: 'http://chdb.invalid:8123/default' })
    .analytics as AnalyticsConfig;
  return {
    config,
    open: (overrides = {}) =>
      openAnalyticsStore({ ...config, ...overrides }, createChdbConnection({ path: dir }) as never),
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
