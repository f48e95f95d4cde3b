import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrackingLog } from '../../src/core/clicks/tracking-runtime.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { seedPromo } from './helpers.ts';

// A destination link's URL ends up in the Location header of every click: what a header cannot
// carry must be refused or encoded when the link is saved, a placeholder must never choose the
// host, and a click the handler cannot answer must not end the process.

const FALLBACK = 'https://fallback.example/%E2%82%AC';
let t: TestApp;
let key: string;
let base: string;
const logs: { details: Record<string, unknown>; message: string }[] = [];
const log: TrackingLog = { warn: (details, message) => logs.push({ details, message }) };

beforeAll(async () => {
  // The fallback is written unencoded on purpose: the handler encodes it once.
  t = await createTestApp({ TRACKING_FALLBACK_URL: 'https://fallback.example/€' }, (app) => {
    app.tracking.log = log;
  });
  key = await t.apiKey();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(() => t.close());

/** A click on the listening server, where a throw in the handler would end the process. */
const get = (path: string) => fetch(`${base}${path}`, { redirect: 'manual' });
const redirects = () => t.app.tracking.metrics().redirects;
const logsFor = (promoId: number) => logs.filter((l) => l.details.promo_id === promoId);

async function brand(): Promise<number> {
  const res = await t.call(key, {
    method: 'POST',
    url: '/api/v1/brands',
    payload: { name: `Brand ${Math.random()}`, base_currency: 'EUR' },
  });
  return res.json().id;
}

async function links(): Promise<string> {
  const rows = await t.db.selectFrom('destination_links').selectAll().orderBy('id').execute();
  return JSON.stringify(rows);
}

const IN_HOST = 'may have placeholders only in the path, query or fragment, not in the host or port';
const CONTROL = 'must not contain control characters such as line breaks or tabs';

describe('destination link URLs', () => {
  it('stores non-ASCII URLs percent-encoded with a punycode host, and clicks send them as stored', async () => {
    const cases: [string, string][] = [
      ['https://brand.example/promo/€100', 'https://brand.example/promo/%E2%82%AC100'],
      [
        'https://brand.example/🎰?bonus=🎁#top 10',
        'https://brand.example/%F0%9F%8E%B0?bonus=%F0%9F%8E%81#top%2010',
      ],
      ['https://例え.jp/', 'https://xn--r8jz45g.jp/'],
      ['https://Brand.Example:443/a b/ü', 'https://brand.example/a%20b/%C3%BC'],
    ];
    for (const [url, stored] of cases) {
      const { link, promo } = await seedPromo(t, key, url);
      expect(link.url, url).toBe(stored);
      const read = await t.call(key, { url: `/api/v1/destination-links/${link.id}` });
      expect(read.json().url).toBe(stored);
      const res = await get(`/c/${promo.code}`);
      expect(res.status, url).toBe(302);
      expect(res.headers.get('location'), url).toBe(stored);
    }
  });

  it('refuses control characters with 422 on create and change, and stores nothing', async () => {
    const brandId = await brand();
    const created = await t.call(key, {
      method: 'POST',
      url: '/api/v1/destination-links',
      payload: { brand_id: brandId, name: 'Good', url: 'https://brand.example/ok' },
    });
    const before = await links();
    // (NUL is refused for every text field before this check: test/security covers it.)
    for (const c of ['\r\n', '\n', '\r', '\t', '\u0001', '\u001f', '\u007f', '\u0085']) {
      const url = `https://brand.example/a${c}Set-Cookie:x=1`;
      const post = await t.call(key, {
        method: 'POST',
        url: '/api/v1/destination-links',
        payload: { brand_id: brandId, name: 'Bad', url, url_ab: url, ab_split: 50 },
      });
      expect(post.statusCode, JSON.stringify(c)).toBe(422);
      expect(post.json().error.details.fields).toEqual([
        expect.objectContaining({ path: 'url', message: CONTROL }),
        expect.objectContaining({ path: 'url_ab', message: CONTROL }),
      ]);
      const patch = await t.call(key, {
        method: 'PATCH',
        url: `/api/v1/destination-links/${created.json().id}`,
        payload: { url },
      });
      expect(patch.statusCode, JSON.stringify(c)).toBe(422);
      expect(patch.json().error.details.fields).toEqual([
        expect.objectContaining({ path: 'url', message: CONTROL }),
      ]);
    }
    expect(await links()).toBe(before);
  });

  it('refuses placeholders in the host or port and a user name, naming the field, and stores nothing', async () => {
    const brandId = await brand();
    const created = await t.call(key, {
      method: 'POST',
      url: '/api/v1/destination-links',
      payload: { brand_id: brandId, name: 'Good', url: 'https://brand.example/ok' },
    });
    const before = await links();
    const cases: [string, string][] = [
      ['https://{{sub2}}/landing', IN_HOST],
      ['https://brand.example{{sub1}}/p', IN_HOST],
      ['https://{{sub1}}.brand.example/p', IN_HOST],
      ['https://brand.example:{{port}}/p', IN_HOST],
      ['https://brand.example@{{sub1}}/p', IN_HOST],
      ['https://brand.example@evil.example/p', 'must not contain a user name or password'],
    ];
    for (const [url, message] of cases) {
      const post = await t.call(key, {
        method: 'POST',
        url: '/api/v1/destination-links',
        payload: { brand_id: brandId, name: 'Bad', url },
      });
      expect(post.statusCode, url).toBe(422);
      expect(post.json().error.details.fields, url).toEqual([
        expect.objectContaining({ path: 'url', message }),
      ]);
      const ab = await t.call(key, {
        method: 'PATCH',
        url: `/api/v1/destination-links/${created.json().id}`,
        payload: { url_ab: url, ab_split: 50 },
      });
      expect(ab.statusCode, url).toBe(422);
      expect(ab.json().error.details.fields, url).toEqual([
        expect.objectContaining({ path: 'url_ab', message }),
      ]);
      expect(ab.json().error.message, url).toBe(`url_ab: ${message}`);
    }
    expect(await links()).toBe(before);
  });

  it('keeps the saved host whatever the visitor or the promo fills in', async () => {
    const { link, campaign } = await seedPromo(
      t,
      key,
      'https://brand.example/{{sub1}}?next={{sub2}}&g={{game}}',
    );
    const promo = (
      await t.call(key, {
        method: 'POST',
        url: `/api/v1/campaigns/${campaign.id}/promos`,
        payload: {
          destination_link_id: link.id,
          custom_params: { game: '//evil.example/\r\nSet-Cookie: a=b €' },
        },
      })
    ).json();
    const hostile = [
      '//evil.example',
      '@evil.example',
      '\\\\evil.example',
      'evil.example:443',
      '%2F%2Fevil.example',
    ];
    for (const value of hostile) {
      const q = encodeURIComponent(value);
      const res = await get(`/c/${promo.code}?sub1=${q}&sub2=${q}`);
      expect(res.status, value).toBe(302);
      const location = res.headers.get('location')!;
      expect(location.startsWith('https://brand.example/'), location).toBe(true);
      const parsed = new URL(location);
      expect(parsed.host, value).toBe('brand.example');
      expect(parsed.username).toBe('');
      expect(decodeURIComponent(parsed.pathname.slice(1))).toBe(value);
      expect(parsed.searchParams.get('next')).toBe(value);
      expect(parsed.searchParams.get('g')).toBe('//evil.example/\r\nSet-Cookie: a=b €');
      expect(location).toContain('&g=%2F%2Fevil.example%2F%0D%0ASet-Cookie%3A%20a%3Db%20%E2%82%AC');
    }
  });
});

describe('links stored before these checks', () => {
  it('send clicks to the fallback URL, counted and logged once per promo, and the server keeps serving', async () => {
    const bad = await seedPromo(t, key, 'https://brand.example/ok');
    const hostile = await seedPromo(t, key, 'https://brand.example/ok');
    const good = await seedPromo(t, key, 'https://brand.example/fine');
    // What an older version accepted, written straight to the table as it was then.
    await t.db
      .updateTable('destination_links')
      .set({ url: 'https://brand.example/a\r\nSet-Cookie: x=1' })
      .where('id', '=', bad.link.id)
      .execute();
    await t.db
      .updateTable('destination_links')
      .set({ url: 'https://{{sub2}}/landing' })
      .where('id', '=', hostile.link.id)
      .execute();
    await t.app.tracking.changed(
      { table: 'destination_links', id: bad.link.id },
      { table: 'destination_links', id: hostile.link.id },
    );
    const before = redirects();
    for (let i = 0; i < 3; i++) {
      const res = await get(`/c/${bad.promo.code}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(FALLBACK);
      const forged = await get(`/c/${hostile.promo.code}?sub2=evil.example`);
      expect(forged.headers.get('location')).toBe(FALLBACK);
    }
    expect((await get(`/i/${bad.promo.code}`)).status).toBe(200);
    expect((await get(`/c/${good.promo.code}`)).headers.get('location')).toBe('https://brand.example/fine');
    expect((await get('/healthz')).status).toBe(200);
    expect(redirects().invalid_link - before.invalid_link).toBe(6);
    expect(redirects().failed - before.failed).toBe(0);
    expect(logsFor(bad.promo.id)).toEqual([
      {
        details: {
          promo_id: bad.promo.id,
          destination_link_id: bad.link.id,
          problem: `url ${CONTROL}`,
        },
        message: `Clicks on promo ${bad.promo.id} go to the fallback URL: its destination link's url ${CONTROL}`,
      },
    ]);
    expect(logsFor(hostile.promo.id).map((l) => l.details.problem)).toEqual([`url ${IN_HOST}`]);
    const metrics = await t.call(key, { url: '/api/v1/tracking/metrics' });
    expect(metrics.json().redirects.invalid_link).toBe(redirects().invalid_link);
    expect(metrics.json().redirects.failed).toBe(redirects().failed);
  });

  it('are sent normalised when they only lack the encoding', async () => {
    const old = await seedPromo(t, key, 'https://brand.example/ok');
    await t.db
      .updateTable('destination_links')
      .set({ url: 'https://例え.jp/€100?q={{sub1}}', url_ab: 'https://{{sub1}}/', ab_split: 0 })
      .where('id', '=', old.link.id)
      .execute();
    await t.app.tracking.changed({ table: 'destination_links', id: old.link.id });
    const res = await get(`/c/${old.promo.code}?sub1=ü`);
    // An unused B side (ab_split 0) does not matter.
    expect(res.headers.get('location')).toBe('https://xn--r8jz45g.jp/%E2%82%AC100?q=%C3%BC');
  });

  it('with a bad B side send every click to the fallback URL', async () => {
    const old = await seedPromo(t, key, 'https://brand.example/a');
    await t.db
      .updateTable('destination_links')
      .set({ url_ab: 'https://brand.example{{sub1}}/', ab_split: 1 })
      .where('id', '=', old.link.id)
      .execute();
    await t.app.tracking.changed({ table: 'destination_links', id: old.link.id });
    expect((await get(`/c/${old.promo.code}`)).headers.get('location')).toBe(FALLBACK);
    expect(logsFor(old.promo.id).map((l) => l.details.problem)).toEqual([`url_ab ${IN_HOST}`]);
  });
});

describe('a click that fails unexpectedly', () => {
  it('answers the fallback URL when it fails before answering, counted and logged once', async () => {
    const { promo, link } = await seedPromo(t, key, 'https://brand.example/x');
    const real = t.app.tracking.cache.get(promo.code)!;
    // A route whose template could not make a header, as a bug elsewhere might leave one.
    const broken = { ...real, a: { origin: 'https://brand.example', parts: ['/\r\nx'] } };
    const spy = vi
      .spyOn(t.app.tracking.cache, 'get')
      .mockImplementation((code) => (code === promo.code ? broken : undefined));
    try {
      const before = redirects();
      for (let i = 0; i < 2; i++) {
        const res = await get(`/c/${promo.code}`);
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(FALLBACK);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      expect(redirects().failed - before.failed).toBe(2);
      expect(redirects().answered - before.answered).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const logged = logsFor(promo.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ promo_id: promo.id, destination_link_id: link.id });
    expect(logged[0]!.message).toMatch(
      new RegExp(`^A request for promo ${promo.id} failed: .*location`, 'i'),
    );
    expect((await get(`/c/${promo.code}`)).headers.get('location')).toBe('https://brand.example/x');
  });

  it('keeps the answer already sent when recording the click fails', async () => {
    const { promo } = await seedPromo(t, key, 'https://brand.example/y');
    const spy = vi.spyOn(t.app.tracking.clicks, 'next').mockImplementation(() => {
      throw new Error('queue broke');
    });
    const before = redirects();
    try {
      const res = await get(`/c/${promo.code}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://brand.example/y');
    } finally {
      spy.mockRestore();
    }
    expect(redirects().failed - before.failed).toBe(1);
    expect(logsFor(promo.id).map((l) => l.message)).toEqual([
      `A request for promo ${promo.id} failed: queue broke`,
    ]);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('still answers an impression with the pixel', async () => {
    const { promo } = await seedPromo(t, key, 'https://brand.example/z');
    const spy = vi.spyOn(t.app.tracking.impressions, 'count').mockImplementation(() => {
      throw new Error('counter broke');
    });
    const before = redirects();
    try {
      const res = await get(`/i/${promo.code}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(20);
    } finally {
      spy.mockRestore();
    }
    expect(redirects().failed - before.failed).toBe(1);
    expect(logsFor(promo.id).map((l) => l.message)).toEqual([
      `A request for promo ${promo.id} failed: counter broke`,
    ]);
  });
});
