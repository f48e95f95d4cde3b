import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { seedPromo } from './helpers.ts';

// The tracking settings of the README's configuration table, each read back from a real click:
// the cookie it sets, the address it stores, and when the promo cache reloads on its own.

const DAY_SECONDS = 86_400;

async function clickFrom(t: TestApp, code: string, address: string) {
  const res = await t.app.inject({ url: `/c/${code}`, headers: { 'x-forwarded-for': address } });
  expect(res.statusCode).toBe(302);
  const cookie = res.cookies.find((c) => c.name === 'affluent_click')!;
  await t.app.tracking.clicks.flush();
  const row = await t.db
    .selectFrom('clicks')
    .select('ip')
    .where('id', '=', cookie.value)
    .executeTakeFirstOrThrow();
  return { res, cookie, ip: row.ip };
}

describe('TRACKING_IP_MODE=anonymized and TRACKING_COOKIE_DAYS', () => {
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    t = await createTestApp({
      TRACKING_IP_MODE: 'anonymized',
      TRUST_PROXY: 'true',
      TRACKING_COOKIE_DAYS: '7',
    });
    code = (await seedPromo(t, await t.apiKey(), 'https://land.example/')).promo.code;
  });
  afterAll(() => t.close());

  it('stores an IPv4 address cut to its /24', async () => {
    expect((await clickFrom(t, code, '203.0.113.77')).ip).toBe('203.0.113.0');
  });

  it('stores an IPv6 address cut to its /48', async () => {
    expect((await clickFrom(t, code, '2001:db8:abcd:12:3456:789a:bcde:f012')).ip).toBe('2001:db8:abcd::');
  });

  it('keeps the click cookie that many days', async () => {
    const { cookie } = await clickFrom(t, code, '203.0.113.5');
    expect(cookie.maxAge).toBe(7 * DAY_SECONDS);
  });
});

describe('TRACKING_IP_MODE=none', () => {
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    t = await createTestApp({ TRACKING_IP_MODE: 'none', TRUST_PROXY: 'true' });
    code = (await seedPromo(t, await t.apiKey(), 'https://land.example/')).promo.code;
  });
  afterAll(() => t.close());

  it('stores no address', async () => {
    expect((await clickFrom(t, code, '203.0.113.77')).ip).toBeNull();
    expect((await clickFrom(t, code, '2001:db8:abcd:12::1')).ip).toBeNull();
  });

  it('keeps the click cookie 30 days by default', async () => {
    const { cookie } = await clickFrom(t, code, '203.0.113.5');
    expect(cookie.maxAge).toBe(30 * DAY_SECONDS);
  });
});

describe('TRACKING_CACHE_RESYNC_SECONDS', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Only the intervals are faked (the resync is one), from before the app starts; the rest of the
    // clock runs, so the database and the change notifications work as usual.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    t = await createTestApp({
      TRACKING_CACHE_RESYNC_SECONDS: '120',
      TRACKING_FALLBACK_URL: 'https://fallback.example/',
    });
  });
  afterAll(async () => {
    await t.close();
    vi.useRealTimers();
  });

  it('reloads the promo cache in full at that interval, picking up a change no notification announced', async () => {
    const key = await t.apiKey();
    const { promo, link } = await seedPromo(t, key, 'https://old.example/');
    const marker = (await seedPromo(t, key, 'https://marker.example/')).promo;
    const location = async (code = promo.code) =>
      (await t.app.inject({ url: `/c/${code}` })).headers.location;
    expect(await location()).toBe('https://old.example/');
    // The seeding's own notifications arrive late under load and would reload the promo: a last
    // notified change, seen once it lands, says every earlier one has been heard and applied.
    await t.db.updateTable('promos').set({ enabled: false }).where('id', '=', marker.id).execute();
    await expect.poll(() => location(marker.code)).toBe('https://fallback.example/');

    // With its trigger off for the transaction, the change sends no NOTIFY: only a full reload
    // can see it (the trigger is back on at the commit, so nothing else is affected).
    await t.db.transaction().execute(async (trx) => {
      await sql`alter table destination_links disable trigger destination_links_notify`.execute(trx);
      await trx
        .updateTable('destination_links')
        .set({ url: 'https://new.example/' })
        .where('id', '=', link.id)
        .execute();
      await sql`alter table destination_links enable trigger destination_links_notify`.execute(trx);
    });
    // Once a later notified change lands, a notification of the update would have too: none came.
    await t.db.updateTable('promos').set({ enabled: true }).where('id', '=', marker.id).execute();
    await expect.poll(() => location(marker.code)).toBe('https://marker.example/');
    expect(await location()).toBe('https://old.example/');
    await vi.advanceTimersByTimeAsync(120_000);
    await expect.poll(location).toBe('https://new.example/');
  });
});
