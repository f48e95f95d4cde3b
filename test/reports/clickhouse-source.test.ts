import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { setAnalyticsEnabled } from '../../src/core/analytics/copy/set-analytics-enabled.ts';
import { applyAnalyticsSchema } from '../../src/core/analytics/schema/apply-analytics-schema.ts';
import { chooseReportSource } from '../../src/core/reports/engine/choose-report-source.ts';
import { planReport } from '../../src/core/reports/engine/plan-report.ts';
import { METRIC_NAMES, type ReportQuery } from '../../src/core/reports/engine/report-query.ts';
import { createTestAnalytics, type TestAnalytics } from '../analytics/support.ts';
import type { EngineTest } from '../commissions/engine-helpers.ts';
import { operatorApi } from '../events/api.ts';
import { insertClick, seedSecondAffiliate } from '../events/helpers.ts';
import { bothSources, copyToAnalytics } from '../support/report-sources.ts';
import { createTestApp } from '../support/test-app.ts';
import {
  clicks,
  DAY,
  dayAgo,
  event,
  HOUR,
  isoDay,
  type Promo,
  reportBrand,
  send,
  uid,
} from './engine-helpers.ts';

/**
 * The ClickHouse source answers the reports it supports exactly as PostgreSQL does: the same
 * facts, copied by the analytics.copy job into the embedded chdb engine, read through both.
 */
let analytics: TestAnalytics;
let store: AnalyticsStore;
let e: EngineTest;

beforeAll(async () => {
  analytics = await createTestAnalytics();
  store = analytics.open();
  await applyAnalyticsSchema({ store });
  const t = await createTestApp(
    { ANALYTICS_URL: 'http://chdb.invalid:8123/default', TRACKING_FLUSH_INTERVAL_MS: '10' },
    undefined,
    { analytics: store },
  );
  await setAnalyticsEnabled({ db: t.db, enabled: true });
  const admin = await t.apiKey(['admin']);
  e = {
    t,
    admin,
    events: await t.apiKey(['events']),
    api: operatorApi(
      () => t,
      () => admin,
    ),
  };
}, 300_000);
afterAll(async () => {
  await e.t.close();
  await store.close();
  await analytics.drop();
});

const COLUMNS = [
  'impressions',
  'clicks',
  'unique_clicks',
  'registrations',
  'qualified_leads',
  'ftd_count',
  'ftd_amount',
  'deposit_count',
  'deposit_amount',
  'withdrawal_amount',
  'bets',
  'wins',
  'ggr',
  'bonuses',
  'ngr',
  'cpl_commission',
  'cpa_commission',
  'revshare_commission',
  'sub_affiliate_commission',
  'total_commission',
  'registration_rate',
  'ftd_rate',
  'epc',
] as const;

async function scenario() {
  const s = await reportBrand(e);
  const d0 = dayAgo(5);
  const d1 = new Date(d0.getTime() + DAY);
  await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 2);
  await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 1, { is_unique: false });
  await clicks(e, s.promo, new Date(d1.getTime() + 9 * HOUR), 1);
  const [a, b] = [uid('a'), uid('b')];
  const aff = { affiliate_id: s.affiliateId };
  await send(e, [
    event(s.brand.id, a, 'registration', new Date(d0.getTime() + 10 * HOUR), aff),
    event(s.brand.id, a, 'deposit', new Date(d0.getTime() + 11 * HOUR), { amount: 1000 }),
    event(s.brand.id, b, 'registration', new Date(d1.getTime() + 10 * HOUR), aff),
    event(s.brand.id, b, 'qualification', new Date(d1.getTime() + 11 * HOUR)),
    event(s.brand.id, a, 'deposit', new Date(d1.getTime() + 12 * HOUR), { amount: 2500 }),
    event(s.brand.id, a, 'withdrawal', new Date(d1.getTime() + 13 * HOUR), { amount: 700 }),
    event(s.brand.id, a, 'activity', new Date(d1.getTime() + 14 * HOUR), {
      products: { casino: { bets: 10000, wins: 6000, bonuses: 500 } },
    }),
  ]);
  return { s, d0, d1, to: new Date(d1.getTime() + DAY) };
}

describe('ClickHouse and PostgreSQL answer the same report', () => {
  it('per day, per affiliate and per month with names, totals, sorting and paging', async () => {
    const { s, d0, d1, to } = await scenario();
    const base = {
      from: isoDay(d0),
      to: isoDay(to),
      filters: { brand: [s.brand.id] },
      columns: [...COLUMNS],
    };
    const byDay = await bothSources(e.t, store, { ...base, group_by: ['day'] });
    expect(byDay.total_rows).toBe(2);
    // Day 0: 3 clicks; A's registration (CPL 500) and first deposit of 10.00 (CPA 3000).
    expect(byDay.rows[0]).toMatchObject({ day: d0.toISOString(), clicks: 3n, total_commission: 3500n });
    // Day 1: bets 100.00 − wins 60.00 − bonuses 5.00 = NGR 35.00.
    expect(byDay.rows[1]).toMatchObject({ day: d1.toISOString(), ngr: 3500n });
    await bothSources(e.t, store, { ...base, group_by: ['affiliate', 'month'] });
    await bothSources(e.t, store, {
      ...base,
      group_by: ['day', 'campaign'],
      sort: [{ by: 'clicks', direction: 'desc' }],
      page: 2,
      page_size: 1,
    });
  });

  it('for one affiliate (its hidden columns left out) and when a late event arrives after a copy', async () => {
    const { s, d0, to } = await scenario();
    const query = { from: isoDay(d0), to: isoDay(to), group_by: ['day' as const] };
    const partner = await bothSources(e.t, store, query, { affiliateId: s.affiliateId });
    expect(partner.columns.map((c) => c.key)).not.toContain('registrations');
    const all = { ...query, filters: { brand: [s.brand.id] }, columns: [...COLUMNS] };
    await bothSources(e.t, store, all);
    await send(e, [
      event(s.brand.id, uid('late'), 'registration', new Date(d0.getTime() + 20 * HOUR), {
        affiliate_id: s.affiliateId,
      }),
    ]);
    const after = await bothSources(e.t, store, all);
    // 1 registration on day 0 before, plus the late one.
    expect(after.rows[0]).toMatchObject({ registrations: 2n });
  });

  it('converted into another currency at a past date, rounded once per group and currency', async () => {
    const { s, d0, to } = await scenario();
    const rates = [{ base: 'EUR', quote: 'USD', date: '2025-01-02', rate: '1.0333' }];
    const res = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/exchange-rates',
      payload: { rates },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const r = await bothSources(e.t, store, {
      from: isoDay(d0),
      to: isoDay(to),
      group_by: ['day'],
      filters: { brand: [s.brand.id] },
      columns: [...COLUMNS],
      currency: 'USD',
      rate_date: '2025-03-01',
    });
    // Day 0's commissions: 3500 × 1.0333 = 3616.55, half to even 3617 (once, on the group's sum).
    expect(r.rows[0]).toMatchObject({ currency: 'USD', total_commission: 3617n });
  });
});

/** Every metric, net deposits and qualified CPAs included. */
const ALL = METRIC_NAMES;

/**
 * Two affiliates of a brand. A's clicks carry country, device and sub1-sub5, and its customer
 * `a` came through one of them: registration, a first deposit (CPA), activity with chargebacks,
 * a chargeback taking part of the deposit back and a withdrawal, some late in the UTC day (the
 * next day in Malta). `c` came with a coupon code; B's customer registered in FR. A's promo has
 * a traffic source, and A a limited account manager.
 */
async function richScenario() {
  const s = await reportBrand(e);
  const other = await seedSecondAffiliate(e.t, e.admin, s.brand.id, s.link.id);
  const promoB = { ...other.promo, affiliate_id: other.affiliateId, brand_id: s.brand.id } as Promo;
  const source = await e.t.call(e.admin, {
    method: 'POST',
    url: '/api/v1/traffic-sources',
    payload: { name: uid('Source') },
  });
  expect(source.statusCode, source.body).toBe(201);
  await e.t.db
    .updateTable('promos')
    .set({ traffic_source_id: source.json().id })
    .where('id', '=', s.promo.id)
    .execute();
  const cookie = await e.t.staffCookie();
  const me = (await e.t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json();
  await e.t.db
    .updateTable('affiliates')
    .set({ account_manager_id: me.staff.id })
    .where('id', '=', s.affiliateId)
    .execute();
  const coupon = await e.t.call(e.admin, {
    method: 'POST',
    url: '/api/v1/coupon-codes',
    payload: {
      brand_id: s.brand.id,
      code: uid('CPN').replace(/[^A-Za-z0-9]/g, ''),
      affiliate_id: s.affiliateId,
    },
  });
  expect(coupon.statusCode, coupon.body).toBe(201);
  const d0 = dayAgo(6);
  const at = (h: number) => new Date(d0.getTime() + h * HOUR);
  const subs = { sub1: 's1', sub2: 's2', sub3: 's3', sub4: 's4', sub5: 's5' };
  const clickA = await insertClick(e.t, s.promo, at(22), { country: 'DE', device_type: 'mobile', ...subs });
  await clicks(e, s.promo, at(9), 2, { country: 'DE', device_type: 'desktop', sub1: 'other' });
  await clicks(e, promoB, at(23), 1, { country: 'FR', device_type: 'tablet' });
  const [a, b, c] = [uid('a'), uid('b'), uid('c')];
  const deposit = event(s.brand.id, a, 'deposit', at(23), { amount: 2000 });
  await send(e, [
    event(s.brand.id, a, 'registration', at(22), { click_id: clickA }),
    deposit,
    event(s.brand.id, a, 'activity', at(30), {
      products: { casino: { bets: 9000, wins: 4000, bonuses: 300, chargebacks: 250 } },
    }),
    event(s.brand.id, a, 'withdrawal', at(31), { amount: 400 }),
    event(s.brand.id, b, 'registration', at(10), { affiliate_id: other.affiliateId, country: 'FR' }),
    event(s.brand.id, b, 'deposit', at(11), { amount: 1500 }),
    event(s.brand.id, c, 'registration', at(12), { coupon_code: coupon.json().code }),
  ]);
  await send(e, [
    event(s.brand.id, a, 'chargeback', at(32), { amount: 500, original_event_id: deposit.event_id }),
  ]);
  return {
    s,
    other,
    managerId: me.staff.id as number,
    coupon: coupon.json(),
    trafficSource: source.json().id as number,
    d0,
    range: {
      from: isoDay(d0),
      to: isoDay(new Date(d0.getTime() + 3 * DAY)),
      filters: { brand: [s.brand.id] },
    },
  };
}

describe('ClickHouse and PostgreSQL answer every dimension, filter and metric alike', () => {
  it('hours and periods in another time zone, countries, devices, plans, landings, traffic sources and sub-ids', async () => {
    const w = await richScenario();
    const base = { ...w.range, columns: [...ALL] };
    const byHour = await bothSources(e.t, store, { ...base, timezone: 'Europe/Malta', group_by: ['hour'] });
    expect(byHour.total_rows).toBeGreaterThan(3);
    const byDay = await bothSources(e.t, store, { ...base, timezone: 'Europe/Malta', group_by: ['day'] });
    // A's 22:00 and 23:00 UTC facts are on the next day in Malta.
    expect(byDay.rows.length).toBeGreaterThan(1);
    for (const group_by of [
      ['week', 'month', 'quarter', 'year'],
      ['country', 'device'],
      ['landing', 'traffic_source'],
      ['plan', 'promo'],
      ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'],
      ['day', 'affiliate'],
      [],
    ] as ReportQuery['group_by'][])
      await bothSources(e.t, store, { ...base, timezone: 'Asia/Tokyo', group_by });
    // UTC whole days: net deposits (activity lines' chargebacks) and qualified CPAs read hourly rollups.
    const utc = await bothSources(e.t, store, { ...base, group_by: ['day'] });
    const totals = utc.totals.find((r) => r.currency === 'EUR');
    // Deposits 2000 + 1500, less the withdrawal 400, the chargeback 500 and the activity's 250.
    // A's and B's first deposits (20.00 and 15.00) each earned a CPA.
    expect(totals).toMatchObject({ net_deposits: 2350n, qualified_cpa_count: 2n });
  }, 120_000);

  it('filters by coupon, promo code, traffic source, landing, plan, country, device and sub-ids', async () => {
    const w = await richScenario();
    const base = { ...w.range, columns: [...ALL], group_by: ['affiliate', 'day'] as ReportQuery['group_by'] };
    const withCoupon = await bothSources(e.t, store, {
      ...base,
      filters: { ...w.range.filters, coupon_code: [w.coupon.code.toLowerCase()] },
    });
    expect(withCoupon.totals).toEqual([expect.objectContaining({ registrations: 1n, clicks: 0n })]);
    for (const filters of [
      { promo_code: [w.s.promo.code] },
      { traffic_source: [w.trafficSource] },
      { landing: [w.s.link.id] },
      { plan: [w.s.plan.id] },
      { country: ['de', 'FR'] },
      { device: ['mobile'] },
      { sub3: ['s3'] },
      { sub1: ['s1', 'other'], country: ['DE'] },
      { affiliate: [w.other.affiliateId] },
    ])
      await bothSources(e.t, store, { ...base, filters: { ...w.range.filters, ...filters } });
  }, 120_000);

  it("a limited manager's affiliates, converted, sorted by a metric and paged", async () => {
    const w = await richScenario();
    const mine = await bothSources(
      e.t,
      store,
      { ...w.range, columns: [...ALL], group_by: ['affiliate', 'sub1'] },
      { managerId: w.managerId },
    );
    expect(new Set(mine.rows.map((r) => r.affiliate))).toEqual(new Set([w.s.affiliateId]));
    const res = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/exchange-rates',
      payload: { rates: [{ base: 'EUR', quote: 'USD', date: '2025-01-02', rate: '1.0777' }] },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    for (const page of [1, 2])
      await bothSources(e.t, store, {
        ...w.range,
        columns: [...ALL],
        group_by: ['hour', 'country'],
        timezone: 'Europe/Malta',
        currency: 'USD',
        rate_date: '2025-03-01',
        sort: [{ by: 'net_deposits', direction: 'desc' }],
        page,
        page_size: 2,
      });
  }, 120_000);
});

describe('choosing the source', () => {
  it('reads ClickHouse when the copy is current, PostgreSQL when asked or without a store', async () => {
    const { d0, to } = await scenario();
    const plan = await planReport(e.t.db, {}, { from: isoDay(d0), to: isoDay(to), group_by: ['day'] });
    const chosen = (requested?: 'postgres' | 'clickhouse', db = e.t.db) =>
      chooseReportSource({ db, plan, analytics: store, ...(requested ? { requested } : {}) });
    expect((await chosen()).name).toBe('clickhouse');
    expect((await chosen('postgres')).name).toBe('postgres');
    expect((await chooseReportSource({ db: e.t.db, plan })).name).toBe('postgres');
    const bySubId = await planReport(e.t.db, {}, { from: isoDay(d0), to: isoDay(to), group_by: ['sub1'] });
    // Sub-ids read ClickHouse's raw facts: every plan is answered there.
    expect((await chooseReportSource({ db: e.t.db, plan: bySubId, analytics: store })).name).toBe(
      'clickhouse',
    );
    // Raw clicks older than their TTL (ANALYTICS_CLICK_TTL_DAYS, 400 by default) are gone from ClickHouse.
    const old = await planReport(
      e.t.db,
      {},
      {
        from: isoDay(dayAgo(store.config.clickTtlDays + 10)),
        to: isoDay(to),
        group_by: ['sub1'],
      },
    );
    expect((await chooseReportSource({ db: e.t.db, plan: old, analytics: store })).name).toBe('postgres');
    const oldEvents = await planReport(
      e.t.db,
      {},
      {
        from: isoDay(dayAgo(store.config.clickTtlDays + 10)),
        to: isoDay(to),
        group_by: ['sub1'],
        columns: ['registrations'],
      },
    );
    expect((await chooseReportSource({ db: e.t.db, plan: oldEvents, analytics: store })).name).toBe(
      'clickhouse',
    );
  });
});

describe('the operator report route', () => {
  it('says which source answered and lets the operator choose PostgreSQL', async () => {
    const { s, d0, to } = await scenario();
    await copyToAnalytics(e.t);
    const body = { from: isoDay(d0), to: isoDay(to), group_by: ['day'], filters: { brand: [s.brand.id] } };
    const call = (url: string) => e.t.call(e.admin, { method: 'POST', url, payload: body });
    const ch = await call('/api/v1/reports/performance');
    expect(ch.statusCode, ch.body).toBe(200);
    expect(ch.json().source).toBe('clickhouse');
    const pg = await call('/api/v1/reports/performance?source=postgres');
    expect(pg.json().source).toBe('postgres');
    expect({ ...ch.json(), source: 'postgres' }).toEqual(pg.json());
  });
});
