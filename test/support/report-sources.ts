import { expect } from 'vitest';
import type { AnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { ANALYTICS_COPY_JOB } from '../../src/core/analytics/copy/analytics-copy-job.ts';
import { clickhouseSource } from '../../src/core/reports/engine/clickhouse-source.ts';
import { postgresSource } from '../../src/core/reports/engine/postgres-source.ts';
import type { ReportQuery, ReportScope } from '../../src/core/reports/engine/report-query.ts';
import { runReport } from '../../src/core/reports/engine/run-report.ts';
import type { TestApp } from './test-app.ts';

/** Copies what waits in the outbox to ClickHouse, as the schedule's job would. */
export async function copyToAnalytics(t: TestApp) {
  await t.jobs.enqueue(t.db, { name: ANALYTICS_COPY_JOB, data: {} });
  await t.jobs.runUntilIdle();
}

/**
 * The same report through PostgreSQL and ClickHouse (after a copy): both must answer the same
 * rows, totals and size. Returns PostgreSQL's answer for the test's own expectations.
 */
export async function bothSources(
  t: TestApp,
  store: AnalyticsStore,
  query: ReportQuery,
  scope: ReportScope = {},
) {
  await copyToAnalytics(t);
  const pg = await runReport({ db: t.db, scope, query, source: postgresSource });
  const ch = await runReport({ db: t.db, scope, query, source: clickhouseSource(store) });
  expect({ ...ch, source: 'postgres' }).toEqual(pg);
  expect(ch.source).toBe('clickhouse');
  return pg;
}
