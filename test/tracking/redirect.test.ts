import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { seedPromo } from './helpers.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await createTestApp({
    TRACKING_FALLBACK_URL: 'https://fallback.example/x',
    TRACKING_FLUSH_INTERVAL_MS: '10',
  });
  key = await t.apiKey();
});
afterAll(() => t.close());

const click = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const flush = () => t.app.tracking.clicks.flush();

describe('click redirect', () => {
  it('fills placeholders, encodes values and records the click', async () => {
    const { promo, affiliateId, campaign } = await seedPromo(
      t,
      key,
      'https://casino.example/land/{{_p_game}}?cid={{click_id}}&aff={{affiliate_id}}&p={{promo_id}}&c={{campaign_id}}&s1={{sub1}}&s2={{ sub2 }}&x={{webID}}&missing={{nope}}',
    );
    const res = await click(
      `/c/${promo.code}/pretty-name?sub1=a b&sub2=100%25%20sure&webID=%E2%82%ACuro&webID=second&game=x/y&affiliate_id=999`,
      {
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
        referer: 'https://blog.example/post',
      },
    );
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    const clickId = res.cookies.find((c) => c.name === 'affluent_click')!.value;
    expect(clickId).toMatch(/^[0-9A-Z]{26}$/);
    expect(location.pathname).toBe('/land/x%2Fy');
    expect(location.searchParams.get('cid')).toBe(clickId);
    expect(location.searchParams.get('aff')).toBe(String(affiliateId));
    expect(location.searchParams.get('p')).toBe(String(promo.id));
    expect(location.searchParams.get('c')).toBe(String(campaign.id));
    expect(location.searchParams.get('s1')).toBe('a b');
    expect(location.search).toContain('s1=a%20b');
    expect(location.searchParams.get('s2')).toBe('100% sure');
    expect(location.search).toContain('s2=100%25%20sure');
    expect(location.searchParams.get('x')).toBe('€uro');
    expect(location.searchParams.get('missing')).toBe('');

    await flush();
    const row = await t.db
      .selectFrom('clicks')
      .selectAll()
      .where('id', '=', clickId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      promo_id: promo.id,
      campaign_id: campaign.id,
      affiliate_id: affiliateId,
      sub1: 'a b',
      sub2: '100% sure',
      referrer: 'https://blog.example/post',
      device_type: 'mobile',
      is_bot: false,
      is_unique: true,
      country: null,
      ip: '127.0.0.1',
    });
    expect(row.params).toEqual({ webID: ['€uro', 'second'], game: 'x/y', affiliate_id: '999' });
  });

  it('stores awkward values (quotes, backslashes, tabs, newlines, NUL) as sent', async () => {
    const { promo } = await seedPromo(t, key, 'https://a.example/?s={{sub3}}');
    const awkward = 'a"b\\c\td\ne\rf{g},h';
    // Twice in one batch (which works each query string out once: drain stops the timed flush
    // until start), the second with an awkward user agent and referrer.
    await t.app.tracking.clicks.drain(Date.now() + 1000);
    const url = `/c/${promo.code}?sub3=${encodeURIComponent(awkward)}&k%00ey=v%00al&j=${encodeURIComponent('{"x":1}')}`;
    const ids: string[] = [];
    const headers: Record<string, string>[] = [
      {},
      { 'user-agent': 'UA\\x\ty', referer: 'https://r.example/\\' },
    ];
    for (const h of headers) {
      const res = await click(url, h);
      ids.push(res.cookies.find((c) => c.name === 'affluent_click')!.value);
    }
    expect(t.app.tracking.clicks.pending).toBe(2);
    await flush();
    t.app.tracking.clicks.start();
    const rows = await t.db.selectFrom('clicks').selectAll().where('id', 'in', ids).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.sub3).toBe(awkward);
      expect(row.params).toEqual({ key: 'val', j: '{"x":1}' });
    }
    const second = rows.find((r) => r.id === ids[1])!;
    expect([second.user_agent, second.referrer]).toEqual(['UA\\x\ty', 'https://r.example/\\']);
    expect(t.app.tracking.metrics().clicks.rejected).toBe(0);
  });

  it('sends unknown and disabled codes to the fallback URL, counted, never a 500', async () => {
    // Tests in a file run one after another, so only this test's requests change the tables.
    const stored = async () => {
      await flush();
      await t.app.tracking.impressions.flush();
      return JSON.stringify(
        [
          await t.db.selectFrom('clicks').select('id').orderBy('id').execute(),
          await t.db.selectFrom('promo_impressions').selectAll().execute(),
        ],
        (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
      );
    };
    const before = t.app.tracking.metrics().redirects;
    for (const url of ['/c/doesnotexist', '/c/', '/c/x?%E0%A4%A=1&a=%', '/i/unknown']) {
      const res = await click(url);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    expect((await click('/c/doesnotexist')).headers.location).toBe('https://fallback.example/x');

    const { promo } = await seedPromo(t, key, 'https://a.example/');
    const auth = { authorization: `Bearer ${key}` };
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/promos/${promo.id}`,
      headers: auth,
      payload: { enabled: false },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const snapshot = await stored();
    expect((await click(`/c/${promo.code}`)).headers.location).toBe('https://fallback.example/x');
    expect((await click('/c/doesnotexist')).headers.location).toBe('https://fallback.example/x');
    expect((await click('/i/unknown')).statusCode).toBeLessThan(500);
    // Neither a click nor an impression is recorded for a code that does not (or no longer) lead anywhere.
    expect(await stored()).toBe(snapshot);
    const after = t.app.tracking.metrics().redirects;
    expect(after.unknown - before.unknown).toBe(5);
    expect(after.impressions_unknown - before.impressions_unknown).toBe(2);
    expect(after.disabled - before.disabled).toBe(1);
  });

  it('marks repeat visitors, bots and HEAD requests', async () => {
    const { promo } = await seedPromo(t, key, 'https://a.example/');
    const first = await click(`/c/${promo.code}`, {
      'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)',
    });
    const seen = first.cookies.find((c) => c.name === 'affluent_seen')!;
    const second = await click(`/c/${promo.code}`, {
      cookie: `affluent_seen=${seen.value}`,
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
    });
    expect(second.statusCode).toBe(302);
    const head = await t.app.inject({ method: 'HEAD', url: `/c/${promo.code}` });
    expect(head.statusCode).toBe(302);
    await flush();
    const rows = await t.db
      .selectFrom('clicks')
      .selectAll()
      .where('promo_id', '=', promo.id)
      // Not by id: two clicks in the same millisecond have ids in random order.
      .orderBy('is_bot', 'desc')
      .execute();
    expect(rows.map((r) => [r.is_bot, r.is_unique])).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('reloads the cache when a link changes, and splits A/B', async () => {
    const { promo, link } = await seedPromo(t, key, 'https://old.example/');
    expect((await click(`/c/${promo.code}`)).headers.location).toBe('https://old.example/');
    const auth = { authorization: `Bearer ${key}` };
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/destination-links/${link.id}`,
      headers: auth,
      payload: { url: 'https://new.example/?c={{click_id}}', url_ab: 'https://b.example/', ab_split: 100 },
    });
    expect(patched.statusCode).toBe(200);
    expect((await click(`/c/${promo.code}`)).headers.location).toBe('https://b.example/');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/destination-links/${link.id}`,
      headers: auth,
      payload: { ab_split: 0 },
    });
    expect((await click(`/c/${promo.code}`)).headers.location).toMatch(
      /^https:\/\/new\.example\/\?c=[0-9A-Z]{26}$/,
    );
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/destination-links/${link.id}`,
      headers: auth,
      payload: { enabled: false },
    });
    expect((await click(`/c/${promo.code}`)).headers.location).toBe('https://fallback.example/x');
  });

  it('counts impressions per promo and answers a GIF', async () => {
    const { promo } = await seedPromo(t, key, 'https://a.example/');
    for (let i = 0; i < 3; i++) {
      const res = await click(`/i/${promo.code}`);
      expect(res.headers['content-type']).toBe('image/gif');
      expect(res.rawPayload.length).toBeGreaterThan(20);
    }
    await t.app.tracking.impressions.flush();
    const rows = await t.db
      .selectFrom('promo_impressions')
      .selectAll()
      .where('promo_id', '=', promo.id)
      .execute();
    expect(rows.reduce((n, r) => n + Number(r.impressions), 0)).toBe(3);
  });

  it('answers on the listening server before Fastify, malformed URLs included', async () => {
    const { promo } = await seedPromo(t, key, 'https://served.example/?s={{sub1}}');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const res = await fetch(`${base}/c/${promo.code}?sub1=%C3%A9t%C3%A9`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://served.example/?s=%C3%A9t%C3%A9');
    expect(res.headers.get('x-request-id')).toBeNull();
    const bad = await fetch(`${base}/c/%ZZ%`, { redirect: 'manual' });
    expect(bad.headers.get('location')).toBe('https://fallback.example/x');
    const post = await fetch(`${base}/c/${promo.code}`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('marks the affiliate as having run traffic, which the affiliates search filters on', async () => {
    const { promo, affiliateId } = await seedPromo(t, key, 'https://land.example/');
    const quiet = await seedPromo(t, key, 'https://land.example/');
    const search = async () =>
      (await t.call(key, { url: '/api/v1/affiliates?ran_traffic_in_last_hours=1&page_size=500' }))
        .json()
        .data.map((a: { id: number }) => a.id);
    expect(await search()).not.toContain(affiliateId);
    await click(`/c/${promo.code}`);
    await flush();
    const found = await search();
    expect(found).toContain(affiliateId);
    expect(found).not.toContain(quiet.affiliateId);
  });

  it('exposes counters on the metrics endpoint', async () => {
    const res = await t.call(key, { url: '/api/v1/tracking/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ clicks: { dropped: 0 }, redirects: { answered: expect.any(Number) } });
  });
});
