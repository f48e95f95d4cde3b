import fs from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { makeAffiliate, makeTrafficSource } from './helpers.ts';

let t: TestApp;
let key: string;
const dataDir = `.tmp/test-media-${process.pid}`;
beforeAll(async () => {
  t = await createTestApp({ DATA_DIR: dataDir, PUBLIC_URL: 'https://aff.example' });
  key = await t.apiKey();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.call(key, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

/** A real (blank) PNG of the given size. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----affluent-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('brands', () => {
  it('validates, normalises the tracking domain and refuses duplicate names', async () => {
    const bad = await api('POST', '/brands', { name: 'X', base_currency: 'ZZZ' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields[0].path).toBe('base_currency');
    const brand = await api('POST', '/brands', {
      name: 'Nova',
      base_currency: 'eur',
      tracking_domain: 'go.nova.example',
    });
    expect(brand.statusCode, brand.body).toBe(201);
    expect(brand.json()).toMatchObject({ base_currency: 'EUR', tracking_domain: 'https://go.nova.example' });
    expect((await api('POST', '/brands', { name: 'nova', base_currency: 'EUR' })).statusCode).toBe(409);
    const path = await api('PATCH', `/brands/${brand.json().id}`, {
      tracking_domain: 'https://x.example/path',
    });
    expect(path.statusCode).toBe(422);
    // Other cases of this file make brands too (in any order): count only the names tried here.
    const names = (await api('GET', '/brands')).json().data.map((b: { name: string }) => b.name);
    expect(names.filter((n: string) => ['x', 'nova'].includes(n.toLowerCase()))).toEqual(['Nova']);
  });
});

describe('destination links and build-link', () => {
  it('checks URL templates and the A/B split, and builds one link per affiliate and source', async () => {
    const brand = (
      await api('POST', '/brands', {
        name: 'Orbit',
        base_currency: 'USD',
        tracking_domain: 'https://t.orbit.example',
      })
    ).json();
    const bad = await api('POST', '/destination-links', {
      brand_id: brand.id,
      name: 'x',
      url: 'javascript:alert(1)',
      ab_split: 10,
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['url', 'url_ab']);
    const link = await api('POST', '/destination-links', {
      brand_id: brand.id,
      name: 'Games',
      link_type: 'game',
      url: 'https://orbit.example/{{_p_game}}?btag={{click_id}}',
    });
    expect(link.statusCode, link.body).toBe(201);
    const affiliateId = await makeAffiliate(t.db, 'Builder');
    const source = await makeTrafficSource(t.db, 'PPC');
    const body = { link_id: link.json().id, affiliate_id: affiliateId, source_id: source };
    const first = await api('POST', '/tracking-links', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().tracking_link).toMatch(/^https:\/\/t\.orbit\.example\/c\/[a-z0-9]{12}$/);
    const again = await api('POST', '/tracking-links', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().promo.id).toBe(first.json().promo.id);
    const other = await api('POST', '/tracking-links', { ...body, source_id: null });
    expect(other.statusCode).toBe(201);
    expect(other.json().promo.campaign_id).toBe(first.json().promo.campaign_id);
    const click = await t.app.inject({ url: `/c/${first.json().promo.code}?game=star%20quest` });
    expect(click.headers.location).toMatch(/^https:\/\/orbit\.example\/star%20quest\?btag=[0-9A-Z]{26}$/);
    const refused = await api('POST', '/tracking-links', { ...body, source_id: 999_999 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.fields[0].path).toBe('source_id');
  });
});

describe('media library', () => {
  it('uploads banners, reads their size, filters them and serves the file publicly', async () => {
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      ...multipart(
        { title: 'Leaderboard', language: 'en', tags: 'Summer, sport' },
        { name: 'x.png', type: 'image/png', data: png(728, 90) },
      ),
      headers: { ...multipart({}).headers, authorization: `Bearer ${key}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const media = up.json();
    expect(media).toMatchObject({
      format: 'png',
      width: 728,
      height: 90,
      orientation: 'horizontal',
      tags: ['summer', 'sport'],
    });
    expect(media.url).toMatch(/^https:\/\/aff\.example\/media\/[a-z0-9]{24}\.png$/);
    const file = await t.app.inject({ url: new URL(media.url).pathname });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.length).toBe(media.byte_size);

    const notImage = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      ...multipart(
        { title: 'Fake' },
        { name: 'x.png', type: 'image/png', data: Buffer.from('<?php echo 1;') },
      ),
      headers: { ...multipart({}).headers, authorization: `Bearer ${key}` },
    });
    expect(notImage.statusCode).toBe(422);
    expect(notImage.json().error.details.fields[0].path).toBe('file');
    const noTitle = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      ...multipart({}, { name: 'x.png', type: 'image/png', data: png(10, 10) }),
      headers: { ...multipart({}).headers, authorization: `Bearer ${key}` },
    });
    expect(noTitle.statusCode).toBe(422);

    const svg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      ...multipart(
        { title: 'Square', is_public: 'false' },
        {
          name: 's.svg',
          type: 'image/svg+xml',
          data: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="250" height="250"><script>alert(1)</script></svg>',
          ),
        },
      ),
      headers: { ...multipart({}).headers, authorization: `Bearer ${key}` },
    });
    expect(svg.statusCode, svg.body).toBe(201);
    expect(svg.json()).toMatchObject({ format: 'svg', orientation: 'square', is_public: false });
    const served = await t.app.inject({ url: new URL(svg.json().url).pathname });
    expect(served.headers['content-security-policy']).toContain("default-src 'none'");

    expect(
      (await api('GET', '/media?orientation=horizontal')).json().data.map((m: { id: number }) => m.id),
    ).toEqual([media.id]);
    expect((await api('GET', '/media?tag=SPORT&width=728&height=90')).json().data).toHaveLength(1);
    expect((await api('GET', '/media?privacy=private')).json().data.map((m: { id: number }) => m.id)).toEqual(
      [svg.json().id],
    );
    expect((await api('PATCH', `/media/${media.id}`, { title: 'Top banner' })).json().title).toBe(
      'Top banner',
    );
    expect((await api('DELETE', `/media/${media.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ url: new URL(media.url).pathname })).statusCode).toBe(404);
  });
});

describe('media upload form', () => {
  const upload = (fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      ...multipart(fields, { name: 'x.png', type: 'image/png', data: png(10, 10) }),
      headers: { ...multipart({}).headers, authorization: `Bearer ${key}` },
    });
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses brand 0 and a title over 200 characters, naming the field and storing nothing', async () => {
    const before = await count();
    const zero = await upload({ title: 'Zero brand', brand_id: '0' });
    expect(zero.statusCode, zero.body).toBe(422);
    expect(zero.json().error.details.fields).toEqual([
      { path: 'brand_id', message: 'must be a positive whole number' },
    ]);
    const long = await upload({ title: 'x'.repeat(201) });
    expect(long.statusCode, long.body).toBe(422);
    expect(long.json().error.details.fields).toEqual([
      { path: 'title', message: 'must be at most 200 characters' },
    ]);
    expect(await count()).toBe(before);
    // Exactly the limit is accepted.
    expect((await upload({ title: 'x'.repeat(200) })).statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
  });
});

describe('referral links', () => {
  it('gives each affiliate one code whose link leads to the sign-up form', async () => {
    const affiliateId = await makeAffiliate(t.db, 'Parent');
    const link = await api('GET', `/affiliates/${affiliateId}/referral-link`);
    expect(link.statusCode).toBe(200);
    const { code, url } = link.json();
    expect(url).toBe(`https://aff.example/r/${code}`);
    expect((await api('GET', `/affiliates/${affiliateId}/referral-link`)).json().code).toBe(code);
    const res = await t.app.inject({ url: `/r/${code}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/portal/signup?ref=${code}`);
    expect(res.cookies.find((c) => c.name === 'affluent_ref')?.value).toBe(code);
    const { resolveReferralCode } = await import('../../src/core/affiliates/referral-link.ts');
    expect(await resolveReferralCode(t.db, code)).toBe(affiliateId);
    expect(await resolveReferralCode(t.db, 'nope')).toBeNull();
  });
});
