import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { backfillAnalytics } from '../../src/core/analytics/copy/backfill-analytics.ts';
import { setAnalyticsEnabled } from '../../src/core/analytics/copy/set-analytics-enabled.ts';
import { applyAnalyticsSchema } from '../../src/core/analytics/schema/apply-analytics-schema.ts';
import type { EngineTest } from '../commissions/engine-helpers.ts';
import { ok, operatorApi } from '../events/api.ts';
import {
  clicks,
  DAY,
  dayAgo,
  event,
  HOUR,
  isoDay,
  reportBrand,
  send,
  uid,
} from '../reports/engine-helpers.ts';
import { bothSources, copyToAnalytics } from '../support/report-sources.ts';
import { createTestApp } from '../support/test-app.ts';
import { createTestAnalytics, type TestAnalytics } from './support.ts';

/**
 * The backfill copies the history the outbox never carried (written while the copy was off) into
 * ClickHouse (chdb), beside what the streaming copy carries: afterwards both sources answer the
 * same reports, and running it again, or over rows still queued, stores nothing twice.
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
  const admin = await t.apiKey(['admin']);
  const rates = [{ base: 'EUR', quote: 'USD', date: '2025-01-02', rate: '1.0333' }];
  const res = await t.call(admin, { method: 'POST', url: '/api/v1/exchange-rates', payload: { rates } });
  expect(res.statusCode, res.body).toBeLessThan(300);
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
  'total_commission',
] as const;

const backfill = (pageRows = 3) => backfillAnalytics({ db: e.t.db, store, pageRows });

/** History of one brand over two days: clicks, impressions, events and a rejected commission. */
async function history(s: Awaited<ReturnType<typeof reportBrand>>) {
  const d0 = dayAgo(6);
  const d1 = new Date(d0.getTime() + DAY);
  await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 3);
  await clicks(e, s.promo, new Date(d1.getTime() + 9 * HOUR), 2, { is_unique: false });
  for (let i = 0; i < 2; i++) await e.t.app.inject({ method: 'GET', url: `/i/${s.promo.code}` });
  await e.t.app.tracking.impressions.flush();
  const [a, b] = [uid('a'), uid('b')];
  const aff = { affiliate_id: s.affiliateId };
  await send(e, [
    event(s.brand.id, a, 'registration', new Date(d0.getTime() + 10 * HOUR), aff),
    event(s.brand.id, a, 'deposit', new Date(d0.getTime() + 11 * HOUR), { amount: 1000 }),
    event(s.brand.id, b, 'registration', new Date(d1.getTime() + 10 * HOUR), aff),
    event(s.brand.id, a, 'withdrawal', new Date(d1.getTime() + 13 * HOUR), { amount: 700 }),
    event(s.brand.id, a, 'activity', new Date(d1.getTime() + 14 * HOUR), {
      products: { casino: { bets: 10000, wins: 6000, bonuses: 500 } },
    }),
  ]);
  const list = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&kind=cpl`));
  await ok(await e.api('POST', `/commissions/${list.data[0].id}/reject`, { reason: 'duplicate player' }));
  return { from: d0, to: new Date(d1.getTime() + DAY) };
}

/** What ClickHouse holds of a brand, raw rows as inserted (a duplicate shows) and rollups. */
async function held(brandId: number) {
  const p = { b: brandId };
  const [row] = await store.query<Record<string, string>>(
    `SELECT
      (SELECT count() FROM clicks WHERE brand_id = {b:UInt32}) AS clicks,
      (SELECT uniqExact(id) FROM clicks WHERE brand_id = {b:UInt32}) AS click_ids,
      (SELECT sum(clicks) FROM click_hours WHERE brand_id = {b:UInt32}) AS click_hours,
      (SELECT count() FROM events WHERE brand_id = {b:UInt32}) AS events,
      (SELECT count() FROM event_facts WHERE brand_id = {b:UInt32}) AS event_facts,
      (SELECT sum(registrations) FROM event_days WHERE brand_id = {b:UInt32}) AS registrations,
      (SELECT count() FROM commissions WHERE brand_id = {b:UInt32}) AS commissions,
      (SELECT count() FROM commission_facts WHERE brand_id = {b:UInt32}) AS commission_facts,
      (SELECT sum(amount) FROM commission_days WHERE brand_id = {b:UInt32} AND status = 'approved') AS approved`,
    p,
  );
  return row;
}

async function sameReports(brandId: number, range: { from: Date; to: Date }) {
  const base = {
    from: isoDay(range.from),
    to: isoDay(range.to),
    filters: { brand: [brandId] },
    columns: [...COLUMNS],
  };
  const byDay = await bothSources(e.t, store, { ...base, group_by: ['day'] });
  await bothSources(e.t, store, { ...base, group_by: ['day', 'affiliate'], currency: 'USD' });
  return byDay;
}

describe('the analytics backfill', { timeout: 180_000 }, () => {
  it('copies history written while the copy was off, and nothing more when run again', async () => {
    await setAnalyticsEnabled({ db: e.t.db, enabled: false });
    const s = await reportBrand(e);
    const range = await history(s);
    await setAnalyticsEnabled({ db: e.t.db, enabled: true });
    expect(await held(s.brand.id)).toMatchObject({ clicks: '0', events: '0', commission_facts: '0' });

    const first = await backfill();
    expect(first.sources.clicks.copied).toBeGreaterThanOrEqual(5);
    const byDay = await sameReports(s.brand.id, range);
    // Day 0: 3 clicks, A's registration and first deposit.
    expect(byDay.rows[0]).toMatchObject({ clicks: 3n, registrations: 1n, deposit_amount: 1000n });
    expect(byDay.rows[1]).toMatchObject({ clicks: 2n, ngr: 3500n });
    const copied = await held(s.brand.id);
    expect(copied).toMatchObject({
      clicks: '5',
      click_ids: '5',
      click_hours: '5',
      events: '5',
      event_facts: '5',
    });
    // Three earned (two CPL, a CPA), one CPL's rejection as -approved +rejected.
    expect(copied).toMatchObject({ commissions: '3', commission_facts: '5', approved: '3500' });

    const again = await backfill(2);
    expect(again.copied).toBe(0);
    expect(await held(s.brand.id)).toEqual(copied);
    await sameReports(s.brand.id, range);
  });

  it('leaves rows waiting in the outbox to the streaming copy: each once', async () => {
    await setAnalyticsEnabled({ db: e.t.db, enabled: false });
    const s = await reportBrand(e);
    const d = dayAgo(3);
    await clicks(e, s.promo, new Date(d.getTime() + 8 * HOUR), 2);
    await send(e, [
      event(s.brand.id, uid('old'), 'registration', new Date(d.getTime() + 9 * HOUR), {
        affiliate_id: s.affiliateId,
      }),
    ]);
    await setAnalyticsEnabled({ db: e.t.db, enabled: true });
    // Queued, not copied yet.
    await clicks(e, s.promo, new Date(d.getTime() + 10 * HOUR), 3);
    const queued = uid('new');
    await send(e, [
      event(s.brand.id, queued, 'registration', new Date(d.getTime() + 11 * HOUR), {
        affiliate_id: s.affiliateId,
      }),
      event(s.brand.id, queued, 'deposit', new Date(d.getTime() + 12 * HOUR), { amount: 2500 }),
    ]);
    const first = await backfill();
    expect(first.copied).toBeGreaterThan(0);
    expect(await held(s.brand.id)).toMatchObject({ clicks: '2', events: '1', event_facts: '1' });

    const byDay = await sameReports(s.brand.id, { from: d, to: new Date(d.getTime() + DAY) });
    expect(byDay.rows[0]).toMatchObject({ clicks: 5n, registrations: 2n, deposit_amount: 2500n });
    const after = await held(s.brand.id);
    expect(after).toMatchObject({
      clicks: '5',
      click_ids: '5',
      click_hours: '5',
      events: '3',
      event_facts: '3',
    });
    await backfill();
    await copyToAnalytics(e.t);
    expect(await held(s.brand.id)).toEqual(after);
  });

  it("gives a late attribution's event its first fact, and carries changes made while the copy was off", async () => {
    await setAnalyticsEnabled({ db: e.t.db, enabled: false });
    const s = await reportBrand(e);
    const d = dayAgo(4);
    // Recorded unattributed while off, attributed while on (copied: -nobody +affiliate).
    const [early] = await send(e, [
      event(s.brand.id, uid('p'), 'registration', new Date(d.getTime() + 9 * HOUR)),
    ]);
    await setAnalyticsEnabled({ db: e.t.db, enabled: true });
    const attribute = async (customerRef: number) =>
      ok(
        await e.api('POST', `/customers/${customerRef}/attribution`, {
          affiliate_id: s.affiliateId,
          reason: 'found the referral',
        }),
      );
    await attribute(early?.customer_ref as number);
    // Recorded and copied while on, attributed while off: the outbox never carried the change.
    const [late] = await send(e, [
      event(s.brand.id, uid('q'), 'registration', new Date(d.getTime() + 10 * HOUR)),
    ]);
    await copyToAnalytics(e.t);
    await setAnalyticsEnabled({ db: e.t.db, enabled: false });
    await attribute(late?.customer_ref as number);
    // Rejected while off: the early event's CPL (copied while on) and the late one's (never queued).
    const list = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&kind=cpl`));
    expect(list.data).toHaveLength(2);
    for (const c of list.data)
      await ok(await e.api('POST', `/commissions/${c.id}/reject`, { reason: 'bonus abuse' }));
    await setAnalyticsEnabled({ db: e.t.db, enabled: true });

    await backfill();
    const range = { from: d, to: new Date(d.getTime() + DAY) };
    const base = { from: isoDay(range.from), to: isoDay(range.to), filters: { brand: [s.brand.id] } };
    // Both registrations are the affiliate's now (by day: a group of nobody's summing to nothing
    // is listed by PostgreSQL only).
    const mine = await bothSources(e.t, store, {
      ...base,
      filters: { brand: [s.brand.id], affiliate: [s.affiliateId] },
      group_by: ['day'],
      columns: ['registrations', 'total_commission'],
    });
    expect(mine.rows).toMatchObject([{ registrations: 2n }]);
    await bothSources(e.t, store, {
      ...base,
      group_by: ['day'],
      columns: ['registrations', 'total_commission'],
    });
    const [raw] = await store.query<{ n: string; owners: string }>(
      'SELECT count() AS n, uniqExact(affiliate_id) AS owners FROM events FINAL WHERE brand_id = {b:UInt32}',
      { b: s.brand.id },
    );
    expect(raw).toEqual({ n: '2', owners: '1' });
    const [commission] = await store.query<{ status: string; n: string }>(
      `SELECT status, count() OVER () AS n FROM commissions FINAL WHERE brand_id = {b:UInt32} AND kind = 'cpl'
       ORDER BY status`,
      { b: s.brand.id },
    );
    expect(commission).toMatchObject({ status: 'rejected', n: '2' });
    const before = await held(s.brand.id);
    await backfill();
    expect(await held(s.brand.id)).toEqual(before);
  });

  it('runs one at a time', async () => {
    const run = backfillAnalytics({ db: e.t.db, store, pageRows: 1 });
    const second = backfillAnalytics({ db: e.t.db, store, pageRows: 1 });
    const results = await Promise.allSettled([run, second]);
    // On PGlite the one connection makes them take turns; on PostgreSQL one is refused.
    for (const r of results) if (r.status === 'rejected') expect(r.reason.message).toMatch(/already running/);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });
});
