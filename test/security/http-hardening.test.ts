import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let reader: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  reader = await t.apiKey(['read']);
});
afterAll(() => t.close());

const brands = () => t.db.selectFrom('brands').selectAll().orderBy('id').execute();
const tiers = () => t.db.selectFrom('affiliate_tiers').selectAll().orderBy('id').execute();

const fields = (res: { json(): any }) =>
  (res.json().error?.details?.fields ?? []) as { path: string; message: string; in: string }[];

/** Sends a raw JSON text, so lone surrogates and huge numbers reach the server as written. */
const postJson = (url: string, text: string, key: string | null = admin) =>
  t.call(key, { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: text });

async function tierId(value: string): Promise<number> {
  const res = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/affiliate-tiers',
    payload: { name: value },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('text the database cannot store is a 422 naming the field', () => {
  it('refuses a NUL byte in a query string', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/affiliates?q=a%00b' });
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'q', in: 'querystring' }));
  });

  it('refuses a NUL byte in a body string and creates nothing', async () => {
    const before = await brands();
    const res = await postJson('/api/v1/brands', '{"name":"a\\u0000b","base_currency":"EUR"}');
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toEqual([expect.objectContaining({ path: 'name', in: 'body' })]);
    expect(fields(res)[0]!.message).toMatch(/NUL/);
    expect(await brands()).toEqual(before);
  });

  it('refuses a lone surrogate in a body string and creates nothing', async () => {
    const before = await brands();
    const res = await postJson('/api/v1/brands', '{"name":"x\\ud800y","base_currency":"EUR"}');
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toEqual([expect.objectContaining({ path: 'name', in: 'body' })]);
    expect(fields(res)[0]!.message).toMatch(/Unicode/);
    expect(await brands()).toEqual(before);
  });

  it('accepts a surrogate pair (an emoji) and other Unicode', async () => {
    const res = await postJson('/api/v1/brands', '{"name":"Brand \\ud83d\\ude00 é","base_currency":"EUR"}');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('Brand 😀 é');
  });
});

describe('numbers in a query string are plain decimal digits, in range', () => {
  for (const value of ['Infinity', '1e400', '1e1', '0x10', '+1', '-Infinity', 'NaN']) {
    it(`refuses limit=${value}`, async () => {
      const res = await t.call(admin, {
        method: 'GET',
        url: `/api/v1/affiliates?limit=${encodeURIComponent(value)}`,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'limit', in: 'querystring' }));
    });
  }

  it('refuses before_id=Infinity', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/affiliates/1/events?before_id=Infinity' });
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'before_id' }));
  });

  it('refuses an integer beyond what the database holds, even without a maximum in the schema', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/media?width=9999999999999' });
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'width', in: 'querystring' }));
    const ok = await t.call(admin, { method: 'GET', url: '/api/v1/media?width=300' });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('still reads plain numbers and booleans from a query string', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/affiliates?limit=5' });
    expect(res.statusCode, res.body).toBe(200);
    const enabled = await t.call(admin, { method: 'GET', url: '/api/v1/brands?enabled=false' });
    expect(enabled.statusCode, enabled.body).toBe(200);
  });
});

describe('path ids are plain decimal integers', () => {
  it('refuses +id, hex, exponent and padded forms and deletes nothing', async () => {
    const id = await tierId(`Tier ${Date.now()}`);
    const before = await tiers();
    for (const form of [`+${id}`, `0x${id.toString(16)}`, `${id}e0`, `${id}.0`, `%20${id}`, `${id}%20`]) {
      const res = await t.call(admin, { method: 'DELETE', url: `/api/v1/affiliate-tiers/${form}` });
      expect(res.statusCode, `${form}: ${res.body}`).toBe(422);
      expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'id', in: 'params' }));
    }
    expect(await tiers()).toEqual(before);
    const plain = await t.call(admin, { method: 'DELETE', url: `/api/v1/affiliate-tiers/${id}` });
    expect(plain.statusCode, plain.body).toBe(204);
    expect((await tiers()).map((row) => row.id)).not.toContain(id);
  });

  it('refuses an id beyond int4', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/brands/2147483648' });
    expect(res.statusCode, res.body).toBe(422);
  });
});

describe('a JSON body is taken as sent, not coerced', () => {
  it('refuses "false" for a boolean and creates nothing', async () => {
    const before = await brands();
    const res = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/brands',
      payload: { name: 'Coerced', base_currency: 'EUR', enabled: 'false' },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'enabled', in: 'body' }));
    expect(await brands()).toEqual(before);
  });

  // Affiliate 1 does not exist: input that got past validation would be a 404.
  for (const value of ['1e400', '-1e400', '1e10']) {
    it(`refuses ${value} for an integer`, async () => {
      const res = await postJson('/api/v1/affiliates/1/login-urls', `{"expires_in":${value}}`);
      expect(res.statusCode, res.body).toBe(422);
      expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'expires_in', in: 'body' }));
    });
  }
});

describe('authentication and scope come before validation', () => {
  it('answers 401 to a bad body without credentials', async () => {
    const res = await postJson('/api/v1/brands', '{"name":1,"nope":true}', null);
    expect(res.statusCode, res.body).toBe(401);
  });

  it('answers 401 to NUL and a bad path id without credentials', async () => {
    expect((await postJson('/api/v1/brands', '{"name":"a\\u0000"}', null)).statusCode).toBe(401);
    expect((await t.call(null, { method: 'DELETE', url: '/api/v1/affiliate-tiers/0x10' })).statusCode).toBe(
      401,
    );
  });

  it('answers 403 to a bad body without the scope', async () => {
    const res = await postJson('/api/v1/brands', '{"name":1}', reader);
    expect(res.statusCode, res.body).toBe(403);
  });

  it('answers 401 on the partner API before the body is looked at', async () => {
    const res = await t.call(null, {
      method: 'PATCH',
      url: '/api/partner/v1/profile',
      payload: { nope: { deeply: ['wrong'] } },
    });
    expect(res.statusCode, res.body).toBe(401);
  });
});

describe('a malformed multipart upload is a 4xx', () => {
  const upload = (contentType: string, payload: string) =>
    t.call(admin, {
      method: 'POST',
      url: '/api/v1/media',
      headers: { 'content-type': contentType },
      payload,
    });

  it('refuses multipart without a boundary', async () => {
    const res = await upload('multipart/form-data', 'whatever');
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.json().error.code).toBeTypeOf('string');
  });

  it('refuses a truncated multipart body', async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nBan';
    const res = await upload('multipart/form-data; boundary=XYZ', body);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
  });

  it('refuses NUL in a multipart text field, naming it', async () => {
    const body = [
      '--XYZ',
      'Content-Disposition: form-data; name="title"',
      '',
      'a\u0000b',
      '--XYZ',
      'Content-Disposition: form-data; name="file"; filename="a.gif"',
      'Content-Type: image/gif',
      '',
      'GIF89a',
      '--XYZ--',
      '',
    ].join('\r\n');
    const res = await upload('multipart/form-data; boundary=XYZ', body);
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toContainEqual(expect.objectContaining({ path: 'title' }));
  });
});
