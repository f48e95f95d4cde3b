import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { databaseUrlFor, TEST_DB_KIND } from '../support/template.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { seedPromo } from './helpers.ts';

// No timed flush and a batch larger than the queue: only stop() (or an explicit flush) writes.
// Each test has an app of its own: one stops its server, another takes the clicks table away.
const queueApp = () =>
  createTestApp({
    TRACKING_BUFFER_MAX: '300',
    TRACKING_FLUSH_INTERVAL_MS: '3600000',
    TRACKING_FLUSH_BATCH: '1000',
    TRACKING_FALLBACK_URL: 'https://fallback.example/',
  });

const count = async (t: TestApp) =>
  Number(
    (
      await t.db
        .selectFrom('clicks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('click queue', () => {
  it('keeps clicks while the database is away and writes them when it is back', async () => {
    const t = await queueApp();
    let away = false;
    try {
      const { promo } = await seedPromo(t, await t.apiKey(), 'https://a.example/');
      for (let i = 0; i < 10; i++) await t.app.inject({ url: `/c/${promo.code}?sub1=${i}` });
      await sql`alter table clicks rename to clicks_away`.execute(t.db);
      away = true;
      await t.app.tracking.clicks.flush();
      const stats = t.app.tracking.metrics().clicks;
      expect(stats.flush_failures).toBe(1);
      expect(stats.pending).toBe(10);
      await sql`alter table clicks_away rename to clicks`.execute(t.db);
      away = false;
      // The retry waits out its backoff; drain ignores it.
      await t.app.tracking.clicks.drain(Date.now() + 5000);
      expect(await count(t)).toBe(10);
    } finally {
      if (away) await sql`alter table clicks_away rename to clicks`.execute(t.db);
      await t.close();
    }
  });

  it('stores the clicks of an affiliate deleted before they were written, without blocking the queue', async () => {
    const t = await queueApp();
    try {
      const { promo } = await seedPromo(t, await t.apiKey(), 'https://a.example/');
      for (let i = 0; i < 3; i++) await t.app.inject({ url: `/c/${promo.code}?sub1=gone${i}` });
      await t.db.deleteFrom('affiliates').where('id', '=', promo.affiliate_id).execute();
      await t.app.tracking.clicks.flush();
      expect(t.app.tracking.metrics().clicks).toMatchObject({ flush_failures: 0, pending: 0 });
      expect(await count(t)).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('loses no queued click across a graceful stop with a full queue', async () => {
    const t = await queueApp();
    try {
      const { promo } = await seedPromo(t, await t.apiKey(), 'https://a.example/');
      const sent = 340;
      for (let i = 0; i < sent; i++) {
        const res = await t.app.inject({ url: `/c/${promo.code}?sub1=${i}` });
        expect(res.statusCode).toBe(302);
      }
      const stats = t.app.tracking.metrics().clicks;
      expect(stats.pending).toBe(300);
      expect(stats.dropped).toBe(sent - 300);
      // The server only: the test's own connection stays open to look.
      await t.app.close();
      expect(await count(t)).toBe(300);
      const subs = await t.db.selectFrom('clicks').select('sub1').where('promo_id', '=', promo.id).execute();
      expect(new Set(subs.map((s) => s.sub1)).size).toBe(300);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(TEST_DB_KIND === 'postgres')('several server processes on PostgreSQL', () => {
  let other: Awaited<ReturnType<typeof buildApp>>;
  let otherDb: Database;
  let main: TestApp;

  beforeAll(async () => {
    main = await createTestApp({ TRACKING_FALLBACK_URL: 'https://fallback.example/' });
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(main.db);
    otherDb = await openDatabase({ databaseUrl: databaseUrlFor(rows[0]!.name), poolMax: 2 });
    const config = {
      ...loadConfig({ TRACKING_FALLBACK_URL: 'https://fallback.example/' }),
      secretKey: 'y'.repeat(48),
    };
    other = await buildApp({ config, database: otherDb });
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
    await otherDb.close();
    await main.close();
  });

  async function eventually(code: string, expected: string): Promise<void> {
    let location: unknown;
    for (let i = 0; i < 100; i++) {
      location = (await other.inject({ url: `/c/${code}` })).headers.location;
      if (location === expected) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(location).toBe(expected);
  }

  it('hears new promos and changed links through LISTEN/NOTIFY', async () => {
    const mainKey = await main.apiKey();
    const { promo, link } = await seedPromo(main, mainKey, 'https://before.example/');
    await eventually(promo.code, 'https://before.example/');
    const res = await main.call(mainKey, {
      method: 'PATCH',
      url: `/api/v1/destination-links/${link.id}`,
      payload: { url: 'https://after.example/' },
    });
    expect(res.statusCode).toBe(200);
    await eventually(promo.code, 'https://after.example/');
    await main.db
      .updateTable('affiliates')
      .set({ status: 'suspended' })
      .where('id', '=', promo.affiliate_id)
      .execute();
    await eventually(promo.code, 'https://fallback.example/');
  });
});

describe.runIf(TEST_DB_KIND === 'postgres')('the click writer thread on PostgreSQL', () => {
  it("writes a batch and the affiliate's last click in one transaction, on a connection of its own it opens again when cut", async () => {
    const app = await createTestApp({ TRACKING_FLUSH_INTERVAL_MS: '3600000' });
    try {
      const appKey = await app.apiKey();
      const { promo } = await seedPromo(app, appKey, 'https://a.example/');
      const stored = () =>
        app.db.selectFrom('clicks').select('id').where('promo_id', '=', promo.id).execute();
      // A failing last-click upsert rolls the clicks back with it: nothing is half-written.
      await sql`alter table affiliate_traffic rename to affiliate_traffic_away`.execute(app.db);
      for (let i = 0; i < 5; i++) await app.app.inject({ url: `/c/${promo.code}?sub1=${i}` });
      await app.app.tracking.clicks.flush();
      expect(app.app.tracking.metrics().clicks.flush_failures).toBe(1);
      expect(await stored()).toHaveLength(0);
      await sql`alter table affiliate_traffic_away rename to affiliate_traffic`.execute(app.db);
      await app.app.tracking.clicks.drain(Date.now() + 5000);
      expect(await stored()).toHaveLength(5);
      const traffic = await app.db
        .selectFrom('affiliate_traffic')
        .select('last_click_at')
        .where('affiliate_id', '=', promo.affiliate_id)
        .executeTakeFirst();
      expect(traffic?.last_click_at).toBeInstanceOf(Date);

      // A cut connection fails nothing for good: the next batch opens a new one.
      const threads = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'affluent-click-writer'`.execute(app.db);
      expect(threads.rows[0]!.n).toBe(1);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'affluent-click-writer'`.execute(app.db);
      for (let i = 0; i < 3; i++) await app.app.inject({ url: `/c/${promo.code}?sub1=again${i}` });
      await app.app.tracking.clicks.drain(Date.now() + 5000);
      expect(await stored()).toHaveLength(8);
    } finally {
      await app.close();
    }
  });

  it('closes its connection when the server stops', async () => {
    const app = await createTestApp({ TRACKING_FLUSH_INTERVAL_MS: '3600000' });
    try {
      const { promo } = await seedPromo(app, await app.apiKey(), 'https://a.example/');
      await app.app.inject({ url: `/c/${promo.code}` });
      await app.app.tracking.clicks.flush();
      const writers = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = 'affluent-click-writer'`.execute(app.db)
        ).rows[0]!.n;
      expect(await writers()).toBe(1);
      // The server only: the test's own pool stays open to look.
      await app.app.close();
      let open = await writers();
      // PostgreSQL ends the backend just after the client has gone.
      for (let i = 0; i < 50 && open !== 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        open = await writers();
      }
      expect(open).toBe(0);
    } finally {
      await app.database.close();
    }
  });
});
