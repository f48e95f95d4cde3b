/**
 * Everflow's and Smartico's call limits per key (low here): over the limit the call is refused in
 * the vendor's error shape with 429 and Retry-After before anything is done; another key is not
 * held up; a refused key counts against its address.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

const LIMIT = 3;
let t: TestApp;
let admin: string;

const ef = (key: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/everflow${url}`,
    headers: { 'x-eflow-api-key': key, ...(payload ? { 'content-type': 'application/json' } : {}) },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
const sm = (key: string, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/smartico/api${url}`,
    headers: { authorization: key, ...(payload ? { 'content-type': 'application/json' } : {}) },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
const affiliatesNamed = async (name: string) =>
  (await t.db.selectFrom('affiliates').select('id').where('name', '=', name).execute()).length;

/** Uses up a key's window with cheap reads that succeed. */
async function useUp(call: () => Promise<{ statusCode: number; body: string }>) {
  for (let i = 0; i < LIMIT; i++) {
    const res = await call();
    expect(res.statusCode, res.body).toBe(200);
  }
}

beforeAll(async () => {
  t = await createTestApp({
    EVERFLOW_CALLS_PER_30_SECONDS: String(LIMIT),
    SMARTICO_CALLS_PER_MINUTE: String(LIMIT),
  });
  admin = await t.apiKey(['admin']);
}, 120_000);
afterAll(() => t?.close());

describe('Everflow call limits', () => {
  it('says the quota on every answer, refuses a create over it with 429 { error } and Retry-After, creates nothing; another key creates', async () => {
    const [key, other] = [await t.apiKey(['write']), await t.apiKey(['write'])];
    for (let i = 0; i < LIMIT; i++) {
      const res = await ef(key, 'GET', '/v1/meta/timezones');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1 - i));
    }
    const name = `Over the limit ${randomUUID()}`;
    const refused = await ef(key, 'POST', '/v1/networks/affiliates', { name, account_status: 'active' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: expect.stringMatching(/^Rate limit exceeded: more than 3 calls in 30 seconds/),
    });
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(30);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(await affiliatesNamed(name)).toBe(0);

    const created = await ef(other, 'POST', '/v1/networks/affiliates', { name, account_status: 'active' });
    expect(created.statusCode, created.body).toBe(200);
    expect(await affiliatesNamed(name)).toBe(1);
  });

  it('counts bad input against the key too, and refuses it over the limit before looking at it', async () => {
    const key = await t.apiKey(['read']);
    await useUp(() => ef(key, 'GET', '/v1/meta/languages'));
    const res = await ef(key, 'POST', '/v1/networks/affiliatestable?page_size=0', { filters: {} });
    expect(res.statusCode).toBe(429);
    expect(Object.keys(res.json())).toEqual(['error']);
  });

  it('counts calls with an unknown key against the address: 401 until the limit, then 429', async () => {
    const bad = `nope-${randomUUID()}`;
    const answers = [];
    for (let i = 0; i <= LIMIT; i++) answers.push((await ef(bad, 'GET', '/v1/meta/timezones')).statusCode);
    // Other tests of this file never send a refused key to Everflow: the address's window is ours.
    expect(answers).toEqual([401, 401, 401, 429]);
    const good = await ef(await t.apiKey(['read']), 'GET', '/v1/meta/timezones');
    expect(good.statusCode, good.body).toBe(200);
  });

  it('lists 429 in /docs for its routes', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = spec.paths?.['/everflow/v1/networks/affiliatestable']?.post;
    expect(op?.responses?.['429']).toBeDefined();
    expect(op?.description).toMatch(/At most 3 calls per key in a 30-second window/);
  });
});

describe('Smartico call limits', () => {
  it('refuses an update over the limit with 429 in its error style and Retry-After, changes nothing; another key updates', async () => {
    const [key, other] = [await t.apiKey(['write']), await t.apiKey(['write'])];
    const created = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: { name: `Smartico limited ${randomUUID()}`, status: 'active' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    await useUp(() => sm(key, 'GET', `/af2_aff_op?filter=${encodeURIComponent(JSON.stringify({ id }))}`));

    const refused = await sm(key, 'PUT', `/af2_aff_op/${id}`, { company: 'Refused Ltd' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      errCode: 429,
      code: 'rate_limited',
      errMsg: expect.stringMatching(/more than 3 calls in 60 seconds/),
      fields: [],
      request_id: expect.any(String),
    });
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    const after = await t.call(admin, { url: `/api/v1/affiliates/${id}` });
    expect(after.json().company_name ?? null).toBeNull();

    const updated = await sm(other, 'PUT', `/af2_aff_op/${id}`, { company: 'Accepted Ltd' });
    expect(updated.statusCode, updated.body).toBe(200);
    const read = await t.call(admin, { url: `/api/v1/affiliates/${id}` });
    expect(read.json().company_name).toBe('Accepted Ltd');
  });

  it('refuses bad JSON over the limit with 429 before looking at it', async () => {
    const key = await t.apiKey(['read']);
    await useUp(() => sm(key, 'GET', '/af2_aff_op?range=[0,1]'));
    const res = await sm(key, 'GET', '/af2_aff_op?filter={not json');
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ errCode: 429, code: 'rate_limited' });
  });
});
