import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsStore, openAnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { setAnalyticsEnabled } from '../../src/core/analytics/copy/set-analytics-enabled.ts';
import { applyAnalyticsSchema } from '../../src/core/analytics/schema/apply-analytics-schema.ts';
import { COPY_STATE_TTL_MS } from '../../src/core/reports/engine/choose-report-source.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTestAnalytics, type TestAnalytics } from '../analytics/support.ts';
import { insertClick } from '../events/helpers.ts';
import { approvedPartner, type IdentityTestApp, type Partner, RELAXED } from '../identity/helpers.ts';
import { copyToAnalytics } from '../support/report-sources.ts';
import { createTestApp } from '../support/test-app.ts';
import { seedPromo } from '../tracking/helpers.ts';
import { DAY, dayAgo, HOUR, isoDay } from './engine-helpers.ts';

/**
 * Every report path (the partner's report and export, feeds, requested reports, Affilka's report
 * API, the operator's report) goes through the same source choice and says which store answered:
 * ClickHouse (chdb here) when configured and current, PostgreSQL with REPORTS_SOURCE=postgres,
 * and PostgreSQL again when ClickHouse fails. The three apps share one database.
 */
let analytics: TestAnalytics;
let store: AnalyticsStore;
let broken: AnalyticsStore;
let t: IdentityTestApp;
/** REPORTS_SOURCE=postgres, the same ClickHouse store configured. */
let pgApp: FastifyInstance;
/** REPORTS_SOURCE=clickhouse. */
let chApp: FastifyInstance;
/** A ClickHouse store that cannot be reached: every query of it fails. */
let brokenApp: FastifyInstance;
let partner: Partner;
let token: string;
let favoriteId: number;
let promo: Parameters<typeof insertClick>[1];
const d0 = dayAgo(3);
const query = {
  from: isoDay(d0),
  to: isoDay(new Date(d0.getTime() + 2 * DAY)),
  group_by: ['day'],
  columns: ['clicks', 'unique_clicks', 'total_commission'],
};

const inject = (app: FastifyInstance, cookie: string | null, options: InjectOptions) =>
  app.inject({
    ...options,
    headers: { ...(cookie ? { cookie: `affluent_portal=${cookie}` } : {}), ...options.headers },
  });
const partnerReport = (app: FastifyInstance, body: object = query) =>
  inject(app, partner.cookie, { method: 'POST', url: '/api/partner/v1/reports/performance', payload: body });
const partnerExport = (app: FastifyInstance, format: string, body: object = query) =>
  inject(app, partner.cookie, {
    method: 'POST',
    url: `/api/partner/v1/reports/performance/export?format=${format}`,
    payload: body,
  });

beforeAll(async () => {
  analytics = await createTestAnalytics();
  store = analytics.open();
  await applyAnalyticsSchema({ store });
  // ClickHouse down: nothing listens on port 1 of this machine, every query is refused.
  broken = openAnalyticsStore({ ...analytics.config, url: 'http://127.0.0.1:1', queryTimeoutMs: 2000 });
  const base = await createTestApp(
    { ...RELAXED, ANALYTICS_URL: 'http://chdb.invalid:8123/default', TRACKING_FLUSH_INTERVAL_MS: '10' },
    undefined,
    { analytics: store },
  );
  await setAnalyticsEnabled({ db: base.db, enabled: true });
  const admin = await base.apiKey(['admin']);
  t = {
    ...base,
    admin,
    as: (cookie, options) => inject(base.app, cookie, options),
    lastEmail: () => Promise.reject(new Error('not used')),
    linkToken: () => Promise.reject(new Error('not used')),
  };
  const config = base.app.deps.config;
  const other = async (source: 'auto' | 'postgres' | 'clickhouse', analyticsStore: AnalyticsStore) => {
    const app = await buildApp({
      config: { ...config, reports: { ...config.reports, source } },
      database: base.database,
      jobs: base.jobs,
      lazySchemas: true,
      analytics: analyticsStore,
    });
    await app.ready();
    return app;
  };
  pgApp = await other('postgres', store);
  chApp = await other('clickhouse', store);
  brokenApp = await other(config.reports.source, broken);

  partner = await approvedPartner(t, 'sources');
  const seeded = await seedPromo(t, admin, 'https://casino.example/');
  const op = async (url: string, payload: object) =>
    (await t.call(admin, { method: 'POST', url: `/api/v1${url}`, payload })).json();
  const campaign = await op('/campaigns', {
    affiliate_id: partner.affiliateId,
    brand_id: seeded.brand.id,
    name: 'Sources',
  });
  promo = await op(`/campaigns/${campaign.id}/promos`, { destination_link_id: seeded.link.id });
  for (const [day, n] of [
    [0, 3],
    [1, 2],
  ] as const)
    for (let i = 0; i < n; i++)
      await insertClick(t, promo, new Date(d0.getTime() + day * DAY + 9 * HOUR + i * 1000));
  await copyToAnalytics(t);
  token = (
    await t.as(partner.cookie, { method: 'POST', url: '/api/partner/v1/profile/statistic-token' })
  ).json().statistic_token;
  const favorite = await t.as(partner.cookie, {
    method: 'POST',
    url: '/api/partner/v1/reports/favorites',
    payload: {
      name: 'Sources',
      report: { group_by: query.group_by, columns: query.columns },
      dates: { from: query.from, to: query.to },
    },
  });
  expect(favorite.statusCode, favorite.body).toBe(201);
  favoriteId = favorite.json().id;
}, 300_000);

afterAll(async () => {
  await Promise.all([pgApp?.close(), chApp?.close(), brokenApp?.close()]);
  await t?.close();
  await store?.close();
  await broken?.close();
  await analytics?.drop();
});

describe("the partner's report", () => {
  it('is answered by ClickHouse as PostgreSQL answers it, and by PostgreSQL with REPORTS_SOURCE=postgres', async () => {
    const ch = await partnerReport(t.app);
    expect(ch.statusCode, ch.body).toBe(200);
    expect(ch.json().source).toBe('clickhouse');
    expect(ch.json().rows.map((r: { clicks: number }) => r.clicks)).toEqual([3, 2]);
    const pg = await partnerReport(pgApp);
    expect(pg.json().source).toBe('postgres');
    expect({ ...ch.json(), source: 'postgres' }).toEqual(pg.json());
  });

  it('falls back to PostgreSQL when ClickHouse fails, converting or not', async () => {
    const pg = (await partnerReport(pgApp)).json();
    const res = await partnerReport(brokenApp);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(pg);
    // Converting lists the report's currencies first: that failure falls back too.
    const converted = await partnerReport(brokenApp, { ...query, currency: 'EUR' });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json().source).toBe('postgres');
    expect(converted.json().currency_mode).toBe('converted');
  });
});

describe('exports and feeds', () => {
  it('say which source answered in X-Report-Source, with the same rows from both', async () => {
    for (const format of ['csv', 'json', 'xml']) {
      const ch = await partnerExport(t.app, format);
      expect(ch.statusCode, ch.body).toBe(200);
      expect(ch.headers['x-report-source']).toBe('clickhouse');
      const pg = await partnerExport(pgApp, format);
      expect(pg.headers['x-report-source']).toBe('postgres');
      expect(ch.body.replace('clickhouse', 'postgres')).toBe(pg.body);
    }
    const json = JSON.parse((await partnerExport(t.app, 'json')).body);
    expect(json.source).toBe('clickhouse');
    expect(json.rows.map((r: { clicks: number }) => r.clicks)).toEqual([3, 2]);
    const xlsx = await partnerExport(t.app, 'xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['x-report-source']).toBe('clickhouse');
  });

  it('fall back to PostgreSQL when ClickHouse fails before the first row', async () => {
    const pg = await partnerExport(pgApp, 'csv');
    const res = await partnerExport(brokenApp, 'csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-report-source']).toBe('postgres');
    expect(res.body).toBe(pg.body);
    const totals = await inject(brokenApp, partner.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/performance/export?format=csv&part=totals',
      payload: { ...query, currency: 'EUR' },
    });
    expect(totals.statusCode, totals.body).toBe(200);
    expect(totals.headers['x-report-source']).toBe('postgres');
  });

  it("a feed is answered like the partner's export", async () => {
    const url = `/api/partner/v1/reports/feeds/${favoriteId}?format=json&token=${token}`;
    const ch = await t.app.inject({ url });
    expect(ch.statusCode, ch.body).toBe(200);
    expect(ch.headers['x-report-source']).toBe('clickhouse');
    const pg = await pgApp.inject({ url });
    expect(pg.headers['x-report-source']).toBe('postgres');
    expect({ ...ch.json(), source: 'postgres' }).toEqual(pg.json());
  });
});

describe("Affilka's report API", () => {
  it('says which source answered, the same figures from both', async () => {
    const url = `/api/customer/v1/partner/report?from=${query.from}&to=${isoDay(new Date(d0.getTime() + DAY))}&group_by=period&columns=clicks`;
    const headers = { authorization: token };
    const ch = await t.app.inject({ url, headers });
    expect(ch.statusCode, ch.body).toBe(200);
    expect(ch.json().source).toBe('clickhouse');
    const pg = await pgApp.inject({ url, headers });
    expect(pg.json().source).toBe('postgres');
    expect({ ...ch.json(), source: 'postgres' }).toEqual(pg.json());
  });
});

describe('requested reports', () => {
  it('record the source that built their files', async () => {
    const request = async (app: FastifyInstance) => {
      const res = await inject(app, partner.cookie, {
        method: 'POST',
        url: '/api/partner/v1/reports/requested',
        payload: { format: 'csv', query },
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().source).toBeNull();
      return res.json().id as number;
    };
    const id = await request(t.app);
    await t.jobs.runUntilIdle();
    const built = await t.as(partner.cookie, { url: `/api/partner/v1/reports/requested/${id}` });
    expect(built.json()).toMatchObject({ state: 'successful', source: 'clickhouse' });
  });
});

describe('the operator report and REPORTS_SOURCE', () => {
  it('postgres keeps every report on PostgreSQL; clickhouse prefers ClickHouse while the copy is off', async () => {
    const admin = t.admin;
    const body = { ...query, group_by: ['day', 'affiliate'], filters: { affiliate: [partner.affiliateId] } };
    const operator = (app: FastifyInstance, source = '') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/reports/performance${source}`,
        headers: { authorization: `Bearer ${admin}` },
        payload: body,
      });
    expect((await operator(t.app)).json().source).toBe('clickhouse');
    expect((await operator(pgApp)).json().source).toBe('postgres');
    expect((await operator(pgApp, '?source=clickhouse')).json().source).toBe('postgres');
    expect((await operator(chApp, '?source=postgres')).json().source).toBe('postgres');
    await setAnalyticsEnabled({ db: t.db, enabled: false });
    try {
      // The copy's state is read at most once a second per process.
      await new Promise((resolve) => setTimeout(resolve, COPY_STATE_TTL_MS + 100));
      expect((await operator(t.app)).json().source).toBe('postgres');
      expect((await operator(t.app, '?source=clickhouse')).json().source).toBe('clickhouse');
      const preferred = await operator(chApp);
      expect(preferred.json().source).toBe('clickhouse');
      expect({ ...preferred.json(), source: 'postgres' }).toEqual((await operator(pgApp)).json());
    } finally {
      await setAnalyticsEnabled({ db: t.db, enabled: true });
      await new Promise((resolve) => setTimeout(resolve, COPY_STATE_TTL_MS + 100));
    }
  });
});

describe('the copy lag in the metrics', () => {
  it('counts the rows waiting for ClickHouse and the age of the oldest, back to 0 after a copy', async () => {
    // A click outside the reports' days: queued for the copy.
    await insertClick(t, promo, dayAgo(10));
    const metrics = async () => {
      const res = await t.call(t.admin, { url: '/api/v1/tracking/metrics' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().analytics;
    };
    const waiting = await metrics();
    expect(waiting.enabled).toBe(true);
    expect(waiting.queued_rows).toBeGreaterThanOrEqual(1);
    expect(waiting.oldest_queued_seconds).toBeGreaterThanOrEqual(0);
    await copyToAnalytics(t);
    expect(await metrics()).toEqual({ enabled: true, queued_rows: 0, oldest_queued_seconds: 0 });
  });
});
