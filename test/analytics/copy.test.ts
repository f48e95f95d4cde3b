import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsStore, openAnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { ANALYTICS_COPY_JOB } from '../../src/core/analytics/copy/analytics-copy-job.ts';
import { setAnalyticsEnabled } from '../../src/core/analytics/copy/set-analytics-enabled.ts';
import { applyAnalyticsSchema } from '../../src/core/analytics/schema/apply-analytics-schema.ts';
import { brandWithPlan, type EngineTest, event, send } from '../commissions/engine-helpers.ts';
import { ago, DAY, ok, operatorApi } from '../events/api.ts';
import { uid } from '../events/helpers.ts';
import { createTestApp } from '../support/test-app.ts';
import { createTestAnalytics, type TestAnalytics } from './support.ts';

/**
 * The streaming copy, through the public API into a real ClickHouse engine (chdb): what the
 * platform writes is queued by PostgreSQL's triggers and copied by the analytics.copy job. The
 * store the job gets can be made to fail, as a ClickHouse outage would.
 */
let analytics: TestAnalytics;
let store: AnalyticsStore;
let broken: AnalyticsStore;
let e: EngineTest;
// off: ClickHouse answers; down: every insert fails; partial: the first insert of a batch lands,
// the rest fail; lost: inserts land but their answers are lost (the client sees a failure).
let mode: 'off' | 'down' | 'partial' | 'lost' = 'off';
let insertsThisRun = 0;

beforeAll(async () => {
  const env = { ANALYTICS_BATCH_ROWS: '4' };
  analytics = await createTestAnalytics(env);
  store = analytics.open();
  await applyAnalyticsSchema({ store });
  // Nothing listens on port 9: connection refused, a real client error.
  broken = openAnalyticsStore({ ...analytics.config, url: 'http://127.0.0.1:9' });
  const flaky: AnalyticsStore = {
    ...store,
    async insert(table, rows, token, options) {
      insertsThisRun++;
      if (mode === 'down' || (mode === 'partial' && insertsThisRun > 1)) {
        return broken.insert(table, rows, token, options);
      }
      await store.insert(table, rows, token, options);
      if (mode === 'lost') await broken.insert(table, rows, token, options);
    },
  };
  const t = await createTestApp(
    { ...env, ANALYTICS_URL: 'http://chdb.invalid:8123/default', TRACKING_FLUSH_INTERVAL_MS: '10' },
    undefined,
    { analytics: flaky },
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
  await broken.close();
  await analytics.drop();
});

/** One run of the copy job, as the schedule would start it. */
async function copy() {
  insertsThisRun = 0;
  await e.t.jobs.enqueue(e.t.db, { name: ANALYTICS_COPY_JOB, data: {} });
  await e.t.jobs.runUntilIdle();
}

const status = async () => ok(await e.api('GET', '/analytics/status'));

const one = async <T>(query: string, params: Record<string, unknown>) =>
  (await store.query<T>(query, params))[0] as T;

/** What ClickHouse holds of one affiliate: raw rows as inserted (no FINAL: a duplicate shows) and rollups. */
async function held(affiliateId: number) {
  const p = { a: affiliateId };
  return {
    clicks: await one<{ n: string; ids: string }>(
      'SELECT count() AS n, uniqExact(id) AS ids FROM clicks WHERE affiliate_id = {a:UInt32}',
      p,
    ),
    clickHours: await one<{ n: string }>(
      'SELECT sum(clicks) AS n FROM click_hours WHERE affiliate_id = {a:UInt32}',
      p,
    ),
    impressions: await one<{ n: string }>(
      'SELECT sum(impressions) AS n FROM impression_hours FINAL WHERE affiliate_id = {a:UInt32}',
      p,
    ),
    eventFacts: await one<{ n: string }>(
      'SELECT count() AS n FROM event_facts WHERE affiliate_id = {a:UInt32}',
      p,
    ),
    events: await store.query<{ type: string; registrations: string; deposits: string; amount: string }>(
      `SELECT sum(registrations) AS registrations, sum(deposit_count) AS deposits, sum(deposit_amount) AS amount
       FROM event_days WHERE affiliate_id = {a:UInt32}`,
      p,
    ),
    commissions: await store.query<{ kind: string; status: string; amount: string; count: string }>(
      `SELECT kind, status, sum(amount) AS amount, sum(count) AS count FROM commission_days
       WHERE affiliate_id = {a:UInt32} GROUP BY kind, status HAVING count != 0 ORDER BY kind, status`,
      p,
    ),
  };
}

async function clickAndView(promo: { code: string }, clicks: number, views: number) {
  for (let i = 0; i < clicks; i++) {
    expect((await e.t.app.inject({ method: 'GET', url: `/c/${promo.code}?sub1=s${i}` })).statusCode).toBe(
      302,
    );
  }
  for (let i = 0; i < views; i++) await e.t.app.inject({ method: 'GET', url: `/i/${promo.code}` });
  await e.t.app.tracking.clicks.flush();
  await e.t.app.tracking.impressions.flush();
}

const PLAN = { cpl: { amount: 500 } };

// Each test runs several copies through two databases on a shared machine.
describe('the streaming copy to ClickHouse', { timeout: 180_000 }, () => {
  it('copies clicks, impressions, events and commissions written natively, each once', async () => {
    const s = await brandWithPlan(e, PLAN);
    await clickAndView(s.promo, 3, 2);
    await clickAndView(s.promo, 0, 1);
    const player = uid('p');
    await send(e, [
      event(s.brand.id, player, 'registration', ago(DAY), { affiliate_id: s.affiliateId }),
      event(s.brand.id, player, 'deposit', ago(DAY / 2), { amount: 2500 }),
    ]);
    expect((await status()).pending_rows).toBeGreaterThan(0);

    await copy();
    const copied = await held(s.affiliateId);
    expect(copied.clicks).toEqual({ n: '3', ids: '3' });
    expect(copied.clickHours).toEqual({ n: '3' });
    expect(copied.impressions).toEqual({ n: '3' });
    expect(copied.eventFacts).toEqual({ n: '2' });
    expect(copied.events).toEqual([{ registrations: '1', deposits: '1', amount: '2500' }]);
    expect(copied.commissions).toEqual([{ kind: 'cpl', status: 'approved', amount: '500', count: '1' }]);
    const [raw] = await store.query<{ sub1: string; brand_id: number }>(
      'SELECT sub1, brand_id FROM clicks WHERE affiliate_id = {a:UInt32} ORDER BY clicked_at, sub1 LIMIT 1',
      { a: s.affiliateId },
    );
    expect(raw).toEqual({ sub1: 's0', brand_id: s.brand.id });

    const after = await status();
    expect(after).toMatchObject({ enabled: true, pending_rows: 0, oldest_queued_at: null, last_error: null });
    expect(after.last_batch.rows).toBeGreaterThan(0);
    await copy();
    expect(await held(s.affiliateId)).toEqual(copied);
  });

  it('keeps every row through an outage and copies each exactly once when ClickHouse is back', async () => {
    const s = await brandWithPlan(e, PLAN);
    try {
      // Down: the batch stays in the outbox, its error is shown.
      await clickAndView(s.promo, 2, 0);
      mode = 'down';
      await copy();
      const down = await status();
      expect(down.pending_rows).toBeGreaterThanOrEqual(2);
      expect(down.oldest_queued_at).not.toBeNull();
      expect(down.last_error.message).toMatch(/ECONNREFUSED|connect/i);
      expect((await held(s.affiliateId)).clicks).toEqual({ n: '0', ids: '0' });

      // Half a batch lands (its first table), then the connection fails.
      const player = uid('p');
      await send(e, [event(s.brand.id, player, 'registration', ago(DAY), { affiliate_id: s.affiliateId })]);
      mode = 'partial';
      await copy();
      // Answers lost: ClickHouse stored the inserts, the copier cannot know.
      await clickAndView(s.promo, 1, 2);
      mode = 'lost';
      await copy();
      expect((await status()).pending_rows).toBeGreaterThan(0);
    } finally {
      mode = 'off';
    }

    await copy();
    const back = await held(s.affiliateId);
    expect(back.clicks).toEqual({ n: '3', ids: '3' });
    expect(back.clickHours).toEqual({ n: '3' });
    expect(back.impressions).toEqual({ n: '2' });
    expect(back.eventFacts).toEqual({ n: '1' });
    expect(back.events).toEqual([{ registrations: '1', deposits: '0', amount: '0' }]);
    expect(back.commissions).toEqual([{ kind: 'cpl', status: 'approved', amount: '500', count: '1' }]);
    expect(await status()).toMatchObject({ pending_rows: 0, oldest_queued_at: null, last_error: null });
  });

  it('brings a late correction of a commission into the rollups exactly', async () => {
    const s = await brandWithPlan(e, PLAN);
    await send(e, [event(s.brand.id, uid('p'), 'registration', ago(DAY), { affiliate_id: s.affiliateId })]);
    await copy();
    expect((await held(s.affiliateId)).commissions).toEqual([
      { kind: 'cpl', status: 'approved', amount: '500', count: '1' },
    ]);
    const list = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}`));
    expect(list.data).toHaveLength(1);
    await ok(await e.api('POST', `/commissions/${list.data[0].id}/reject`, { reason: 'bonus abuse' }));
    await copy();
    expect((await held(s.affiliateId)).commissions).toEqual([
      { kind: 'cpl', status: 'rejected', amount: '500', count: '1' },
    ]);
    const [row] = await store.query<{ status: string; n: string }>(
      'SELECT status, count() OVER () AS n FROM commissions FINAL WHERE affiliate_id = {a:UInt32}',
      { a: s.affiliateId },
    );
    expect(row).toEqual({ status: 'rejected', n: '1' });
  });

  it("moves a late attribution's figures from nobody to the affiliate, in the same batch or a later one", async () => {
    const s = await brandWithPlan(e, PLAN);
    const byAffiliate = async () =>
      store.query<{ affiliate_id: number; registrations: string; amount: string }>(
        `SELECT affiliate_id, sum(registrations) AS registrations, sum(deposit_amount) AS amount
         FROM event_days WHERE brand_id = {b:UInt32} GROUP BY affiliate_id
         HAVING registrations != 0 OR amount != 0 ORDER BY affiliate_id`,
        { b: s.brand.id },
      );
    const attribute = async (customerRef: number) =>
      ok(
        await e.api('POST', `/customers/${customerRef}/attribution`, {
          affiliate_id: s.affiliateId,
          reason: 'found the referral',
        }),
      );
    // Copied unattributed first, attributed later.
    const [early] = await send(e, [event(s.brand.id, uid('p'), 'registration', ago(3 * DAY))]);
    await copy();
    expect(await byAffiliate()).toEqual([{ affiliate_id: 0, registrations: '1', amount: '0' }]);
    await attribute(early?.customer_ref as number);
    // Recorded and attributed before any copy: both changes in one batch.
    const late = uid('p');
    const [reg] = await send(e, [
      event(s.brand.id, late, 'registration', ago(2 * DAY)),
      event(s.brand.id, late, 'deposit', ago(DAY), { amount: 2500 }),
    ]);
    await attribute(reg?.customer_ref as number);
    await copy();
    expect(await byAffiliate()).toEqual([
      { affiliate_id: s.affiliateId, registrations: '2', amount: '2500' },
    ]);
    const [raw] = await store.query<{ n: string; owners: string }>(
      'SELECT count() AS n, uniqExact(affiliate_id) AS owners FROM events FINAL WHERE brand_id = {b:UInt32}',
      { b: s.brand.id },
    );
    expect(raw).toEqual({ n: '3', owners: '1' });
  });

  it('queues nothing while the copy is off (no ANALYTICS_URL)', async () => {
    const s = await brandWithPlan(e, PLAN);
    const queued = async () =>
      Number(
        (
          await e.t.db
            .selectFrom('analytics_outbox')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('source', '=', 'click')
            .executeTakeFirstOrThrow()
        ).n,
      );
    await setAnalyticsEnabled({ db: e.t.db, enabled: false });
    try {
      const before = await queued();
      await clickAndView(s.promo, 2, 0);
      expect(await queued()).toBe(before);
      expect((await status()).enabled).toBe(false);
    } finally {
      await setAnalyticsEnabled({ db: e.t.db, enabled: true });
    }
    const clicks = await e.t.db
      .selectFrom('clicks')
      .select('id')
      .where('affiliate_id', '=', s.affiliateId)
      .execute();
    expect(clicks).toHaveLength(2);
  });
});
