import { expect } from 'vitest';
import type { AnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { setAnalyticsEnabled } from '../../src/core/analytics/copy/set-analytics-enabled.ts';
import { applyAnalyticsSchema } from '../../src/core/analytics/schema/apply-analytics-schema.ts';
import { createTestAnalytics } from '../analytics/support.ts';
import { brandWithPlan, type EngineTest, event, send, uid } from '../commissions/engine-helpers.ts';
import { operatorApi } from '../events/api.ts';
import { insertClick } from '../events/helpers.ts';
import { copyToAnalytics } from '../support/report-sources.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** An engine test whose reports (report()) are asked of both sources and compared. */
export interface BothSourcesTest<T extends TestApp = TestApp> extends EngineTest {
  t: T;
  analytics?: AnalyticsStore;
  close(): Promise<void>;
}

/**
 * A test app with a ClickHouse store of its own (chdb, or TEST_ANALYTICS_URL) beside its
 * database, the copy on: every report() then runs on PostgreSQL and on ClickHouse (after a copy)
 * and both answers must be equal. `make` builds the app (createTestApp's arguments given).
 */
export async function bothSourcesApp<T extends TestApp = TestApp>(
  make: (env: Record<string, string>, options: { analytics: AnalyticsStore }) => Promise<T> = (
    env,
    options,
  ) => createTestApp(env, undefined, options) as Promise<T>,
): Promise<BothSourcesTest<T>> {
  const analytics = await createTestAnalytics();
  const store = analytics.open();
  await applyAnalyticsSchema({ store });
  const t = await make(
    { ANALYTICS_URL: 'http://chdb.invalid:8123/default', TRACKING_FLUSH_INTERVAL_MS: '10' },
    { analytics: store },
  );
  await setAnalyticsEnabled({ db: t.db, enabled: true });
  const admin = await t.apiKey(['admin']);
  return {
    t,
    admin,
    events: await t.apiKey(['events']),
    api: operatorApi(
      () => t,
      () => admin,
    ),
    analytics: store,
    async close() {
      await t.close();
      await store.close();
      await analytics.drop();
    },
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Midnight UTC `n` days ago: reports are asked in whole days and hours. */
export function dayAgo(n: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - n * DAY);
}
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export type Promo = {
  id: number;
  code: string;
  campaign_id: number;
  affiliate_id: number;
  brand_id: number;
  destination_link_id: number;
};

/** A brand paying CPL 5.00 and CPA 30.00 (on a first deposit of 10.00 or more) in EUR. */
export async function reportBrand(e: EngineTest) {
  return brandWithPlan(
    e,
    { cpl: { amount: 500 }, cpa: { amount: 3000, qualification: { min_first_deposit: 1000 } } },
    { since: dayAgo(60) },
  );
}

export async function clicks(
  e: EngineTest,
  promo: Promo,
  at: Date,
  n: number,
  extra: Record<string, unknown> = {},
) {
  for (let i = 0; i < n; i++) await insertClick(e.t, promo, new Date(at.getTime() + i * 1000), extra);
}

/**
 * The operator report of `body`. In a bothSourcesApp, asked of PostgreSQL and of ClickHouse
 * (after copying what waits): both must answer alike; PostgreSQL's answer is returned.
 */
export async function report(e: EngineTest, body: Record<string, unknown>, key = e.admin) {
  const analytics = (e as Partial<BothSourcesTest>).analytics;
  const call = async (query = '') => {
    const res = await e.t.call(key, {
      method: 'POST',
      url: `/api/v1/reports/performance${query}`,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  if (!analytics) return call();
  await copyToAnalytics(e.t);
  const pg = await call('?source=postgres');
  const ch = await call('?source=clickhouse');
  expect(ch.source, 'ClickHouse answered').toBe('clickhouse');
  expect({ ...ch, source: 'postgres' }, JSON.stringify(body)).toEqual(pg);
  return pg;
}

export { event, send, uid };
