import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/core/auth/create-admin.ts';
import { issueSetupToken } from '../../src/core/auth/setup.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sessionCookie = (res: { cookies: { name: string; value: string; [k: string]: unknown }[] }) =>
  res.cookies.find((c) => c.name === 'affluent_session');

describe('first administrator through the setup link', () => {
  // A platform of its own: every other test here adds staff, and setup is only for an empty one.
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await createTestApp();
  });
  afterAll(() => fresh.close());

  it('works once, then the platform no longer needs setup', async () => {
    const t = fresh;
    expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needs_setup: true });
    const token = (await issueSetupToken({ db: t.db, ttlHours: 24 }))!;
    const body = { token, email: 'Owner@Example.com', password: 'Str0ng#pass', name: 'Owner' };

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, password: 'weak' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details.fields[0].path).toBe('password');

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, token: 'wrong' },
    });
    expect(bad.statusCode).toBe(403);

    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user).toMatchObject({ email: 'owner@example.com', role: 'admin', name: 'Owner' });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, email: 'x@example.com' },
    });
    expect(again.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needs_setup: false });
    expect(await issueSetupToken({ db: t.db, ttlHours: 24 })).toBeNull();
  });
});

describe('staff sessions', () => {
  beforeAll(async () => {
    await createAdmin({
      db: t.db,
      input: { email: 'owner@example.com', password: 'Str0ng#pass', name: 'Owner' },
    });
  });

  it('signs in with an HttpOnly SameSite cookie, answers /auth/me, and signs out', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.com', password: 'Str0ng#pass' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookie(res)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const headers = { cookie: `affluent_session=${cookie.value}` };
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'staff', staff: { email: 'owner@example.com' }, api_key: null });

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  it('gives one answer for a wrong password and an unknown email', async () => {
    const wrongPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.com', password: 'Wrong#pass1' },
    });
    const unknownEmail = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'Str0ng#pass' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message);
    expect(sessionCookie(wrongPassword)).toBeUndefined();
  });
});

describe('API keys', () => {
  it('are shown once, work as Bearer or X-Api-Key, and stop working when revoked', async () => {
    const admin = await t.staffCookie();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: admin },
      payload: { name: 'reporting', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const { key, api_key } = created.json();
    expect(key).toMatch(/^afl_/);
    expect(api_key).toMatchObject({ name: 'reporting', scopes: ['read'], revoked_at: null });

    const list = await t.app.inject({ url: '/api/v1/api-keys', headers: { cookie: admin } });
    expect(list.body).not.toContain(key);

    const bearer = await t.call(key, { url: '/api/v1/auth/me' });
    expect(bearer.json()).toMatchObject({
      kind: 'api_key',
      scopes: ['read'],
      api_key: { name: 'reporting' },
    });
    const header = await t.app.inject({ url: '/api/v1/auth/me', headers: { 'x-api-key': key } });
    expect(header.statusCode).toBe(200);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${api_key.id}`,
      headers: { cookie: admin },
    });
    expect(revoked.json().revoked_at).not.toBeNull();
    const after = await t.call(key, { url: '/api/v1/auth/me' });
    expect(after.statusCode).toBe(401);
  });

  it('answers a bad key with 401 in the documented error shape', async () => {
    const res = await t.call('afl_not-a-real-key', {
      url: '/api/v1/auth/me',
      headers: { 'x-request-id': 'req-9' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'the API key is invalid or revoked',
        details: null,
        request_id: 'req-9',
      },
    });
    expect((await t.app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('enforce scopes: a read key cannot manage keys', async () => {
    const read = await t.apiKey(['read']);
    const res = await t.call(read, {
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'x', scopes: ['admin'] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', details: { required_scope: 'admin' } });
    const missing = await t.call(await t.apiKey(), { method: 'DELETE', url: '/api/v1/api-keys/999999' });
    expect(missing.statusCode).toBe(404);
  });
});
