import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { createApiKey } from '../../src/core/auth/create-api-key.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PER_IP = 3;

let t: TestApp;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({
    RATE_LIMIT_PER_IP: String(PER_IP),
    RATE_LIMIT_PER_KEY: '1000',
    RATE_LIMIT_PER_USER: '1000',
  });
});
afterAll(() => t.close());

/** Each test calls from addresses of its own, so the tests' buckets do not meet. */
const freshAddress = () => `198.51.100.${++address}`;

const from = (remoteAddress: string, headers: InjectOptions['headers'] = {}) =>
  t.app.inject({ method: 'GET', url: '/api/v1/brands', remoteAddress, headers });

/** Uses up the address's bucket; `used` requests from it have counted already. */
async function exhaust(ip: string, used = 0): Promise<void> {
  for (let i = used; i < PER_IP; i++) expect((await from(ip)).statusCode).toBe(401);
  expect((await from(ip)).statusCode).toBe(429);
}

describe('the per-address limit cannot be escaped with a made-up credential', () => {
  const madeUp: [string, Record<string, string>][] = [
    ['a bearer token', { authorization: 'Bearer afl_made_up_key_0000000000' }],
    ['an X-Api-Key', { 'x-api-key': 'afk_made_up_key' }],
    ['a staff session cookie', { cookie: 'affluent_session=made-up' }],
    ['a portal session cookie', { cookie: 'affluent_portal=made-up' }],
  ];

  for (const [what, headers] of madeUp) {
    it(`still limits the address with ${what}`, async () => {
      const ip = freshAddress();
      await exhaust(ip);
      for (let i = 0; i < 3; i++) {
        // A different made-up value each time: none of them may open a bucket.
        const varied = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, `${v}${i}`]));
        expect((await from(ip, varied)).statusCode).toBe(429);
      }
    });
  }

  it('counts refused keys against the address', async () => {
    const ip = freshAddress();
    for (let i = 0; i < PER_IP; i++) {
      expect((await from(ip, { authorization: `Bearer afl_guess_${i}` })).statusCode).toBe(401);
    }
    expect((await from(ip, { authorization: 'Bearer afl_guess_last' })).statusCode).toBe(429);
  });
});

describe('a verified credential has a bucket of its own', () => {
  it('lets a genuine API key through once it has been accepted, while its address is limited', async () => {
    const key = await t.apiKey(['read']);
    const ip = freshAddress();
    // The first request counts against the address: the key is not known to be genuine yet.
    expect((await from(ip, { authorization: `Bearer ${key}` })).statusCode).toBe(200);
    await exhaust(ip, 1);
    for (let i = 0; i < PER_IP + 2; i++) {
      expect((await from(ip, { authorization: `Bearer ${key}` })).statusCode).toBe(200);
    }
  });

  it('lets a genuine staff session through once it has been accepted', async () => {
    const cookie = await t.staffCookie();
    const ip = freshAddress();
    expect((await from(ip, { cookie })).statusCode).toBe(200);
    await exhaust(ip, 1);
    for (let i = 0; i < PER_IP + 2; i++) expect((await from(ip, { cookie })).statusCode).toBe(200);
  });

  it('drops a key from its bucket once it is refused (revoked)', async () => {
    const input = { name: 'to revoke', scopes: ['read'] };
    const { key, apiKey } = await createApiKey({ db: t.db, actor: SYSTEM, input });
    const ip = freshAddress();
    expect((await from(ip, { authorization: `Bearer ${key}` })).statusCode).toBe(200);
    await t.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', apiKey.id).execute();
    await exhaust(ip, 1);
    // Refused once (its bucket still had room), then counted against the exhausted address.
    expect((await from(ip, { authorization: `Bearer ${key}` })).statusCode).toBe(401);
    expect((await from(ip, { authorization: `Bearer ${key}` })).statusCode).toBe(429);
  });
});
