import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXEMPT } from '../security/support/operator-routes.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
  portalCookie,
  uniqueEmail,
} from './helpers.ts';

let t: IdentityTestApp;
let admin: string;
beforeAll(async () => {
  t = await createIdentityApp();
  admin = await t.staffCookie();
});
afterAll(() => t.close());

const asStaff = (cookie: string, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const STAFF_PASSWORD = 'St4ff#password';

/** A signed-in staff user with the role, created through the staff API and the emailed link. */
async function staffWith(
  role: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; cookie: string }> {
  const email = uniqueEmail(role);
  const created = await asStaff(admin, 'POST', '/api/v1/staff', { email, role, name: role, ...extra });
  expect(created.statusCode, created.body).toBe(201);
  const token = await t.linkToken(email, 'set_password');
  const set = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/set-password',
    payload: { token, password: STAFF_PASSWORD },
  });
  expect(set.statusCode, set.body).toBe(200);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: STAFF_PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = login.cookies.find((c) => c.name === 'affluent_session')!;
  return { id: created.json().id, cookie: `affluent_session=${cookie.value}` };
}

describe('staff management', () => {
  it('adds staff who set their password once, lists them, changes roles, and keeps an administrator', async () => {
    const email = uniqueEmail('finance');
    const created = await asStaff(admin, 'POST', '/api/v1/staff', { email, role: 'finance', name: 'Fin' });
    expect(created.json()).toMatchObject({
      email,
      role: 'finance',
      status: 'active',
      managed_affiliates_only: false,
    });
    expect((await asStaff(admin, 'POST', '/api/v1/staff', { email, role: 'finance' })).statusCode).toBe(409);
    expect(
      (await asStaff(admin, 'POST', '/api/v1/staff', { email: uniqueEmail('x'), role: 'boss' })).statusCode,
    ).toBe(422);
    // No password yet: signing in fails like any wrong password.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: STAFF_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    const token = await t.linkToken(email, 'set_password');
    expect((await t.lastEmail(email)).text).toContain('/admin/set-password?token=');
    const set = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/set-password',
        payload: { token, password: STAFF_PASSWORD },
      });
    expect((await set()).statusCode).toBe(200);
    expect((await set()).statusCode).toBe(410);
    // An affiliate user's endpoint does not take a staff link (and vice versa).
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: STAFF_PASSWORD },
    });
    const cookie = `affluent_session=${login.cookies.find((c) => c.name === 'affluent_session')!.value}`;
    expect((await asStaff(cookie, 'GET', '/api/v1/auth/me')).json().scopes).toEqual(['finance']);

    const id = created.json().id;
    const list = await asStaff(admin, 'GET', '/api/v1/staff');
    expect(list.json().data.map((s: { email: string }) => s.email)).toContain(email);
    const promoted = await asStaff(admin, 'PATCH', `/api/v1/staff/${id}`, { role: 'read_only' });
    expect(promoted.json().role).toBe('read_only');
    expect((await asStaff(cookie, 'GET', '/api/v1/auth/me')).json().scopes).toEqual(['read']);

    const me = (await asStaff(admin, 'GET', '/api/v1/auth/me')).json().staff.id;
    expect((await asStaff(admin, 'PATCH', `/api/v1/staff/${me}`, { role: 'support' })).statusCode).toBe(409);
    expect((await asStaff(admin, 'PATCH', `/api/v1/staff/${me}`, { status: 'blocked' })).statusCode).toBe(
      409,
    );

    const blocked = await asStaff(admin, 'PATCH', `/api/v1/staff/${id}`, { status: 'blocked' });
    expect(blocked.json().status).toBe('blocked');
    expect((await asStaff(cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('never leaves the platform without an active administrator', async () => {
    const me = (await asStaff(admin, 'GET', '/api/v1/auth/me')).json().staff.id;
    const all = (await asStaff(admin, 'GET', '/api/v1/staff')).json().data as { id: number; role: string }[];
    // With an admin API key, demote every administrator but one; the last one stays.
    const patch = (id: number, payload: unknown) =>
      t.call(t.admin, { method: 'PATCH', url: `/api/v1/staff/${id}`, payload: payload as object });
    for (const s of all.filter((s) => s.role === 'admin' && s.id !== me)) {
      expect((await patch(s.id, { role: 'read_only' })).statusCode).toBe(200);
    }
    expect((await patch(me, { role: 'support' })).statusCode).toBe(409);
    expect((await patch(me, { status: 'blocked' })).statusCode).toBe(409);
    expect((await patch(me, { name: 'Still admin' })).json()).toMatchObject({
      role: 'admin',
      name: 'Still admin',
    });
  });
});

describe('operator roles', () => {
  const ROLES = ['admin', 'affiliate_manager', 'finance', 'support', 'read_only'] as const;
  type Role = (typeof ROLES)[number];
  let partner: Partner;
  let cookies: Record<Role, string>;
  beforeAll(async () => {
    partner = await approvedPartner(t, 'rolesubject');
    cookies = {} as typeof cookies;
    for (const role of ROLES) cookies[role] = (await staffWith(role)).cookie;
  });

  /** A pending application whose user is locked: what decline and unlock act on. */
  async function subject(): Promise<{ affiliateId: number; userId: number }> {
    const created = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: { name: 'Role subject', users: [{ email: uniqueEmail('subject'), first_name: 'S' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const affiliateId = created.json().id as number;
    const user = await t.db
      .updateTable('affiliate_users')
      .set({ locked_at: new Date() })
      .where('affiliate_id', '=', affiliateId)
      .returning('id')
      .executeTakeFirstOrThrow();
    return { affiliateId, userId: user.id };
  }
  const stateOf = async (s: { affiliateId: number; userId: number }) => ({
    status: (
      await t.db
        .selectFrom('affiliates')
        .select('status')
        .where('id', '=', s.affiliateId)
        .executeTakeFirstOrThrow()
    ).status,
    locked:
      (
        await t.db
          .selectFrom('affiliate_users')
          .select('locked_at')
          .where('id', '=', s.userId)
          .executeTakeFirstOrThrow()
      ).locked_at !== null,
  });

  interface Case {
    method: string;
    url: (s: { affiliateId: number; userId: number }) => string;
    payload?: () => unknown;
    allowed: Role[];
    /** The exact answer to an allowed role, and what it did, read back. */
    status: number;
    effect?: (res: LightMyRequestResponse, s: { affiliateId: number; userId: number }) => Promise<void>;
    /** Acts on a fresh subject (a change that cannot be made twice). */
    changes?: boolean;
  }
  const cases: Case[] = [
    {
      method: 'GET',
      url: () => '/api/v1/staff',
      allowed: ['admin'],
      status: 200,
      effect: async (res) => expect(res.json().data.length).toBeGreaterThanOrEqual(ROLES.length),
    },
    {
      method: 'POST',
      url: () => '/api/v1/staff',
      payload: () => ({ email: uniqueEmail('newstaff'), role: 'admin' }),
      allowed: ['admin'],
      status: 201,
      effect: async (res) => {
        const list = await asStaff(cookies.admin, 'GET', '/api/v1/staff');
        expect(list.json().data.map((s: { id: number }) => s.id)).toContain(res.json().id);
      },
    },
    {
      method: 'POST',
      url: () => '/api/v1/api-keys',
      payload: () => ({ name: 'k', scopes: ['read'] }),
      allowed: ['admin'],
      status: 201,
      effect: async (res) => {
        const me = await t.app.inject({
          url: '/api/v1/auth/me',
          headers: { authorization: `Bearer ${res.json().key}` },
        });
        expect(me.json().scopes).toEqual(['read']);
      },
    },
    {
      method: 'GET',
      url: () => '/api/v1/dev/outbox',
      allowed: ['admin'],
      status: 200,
      effect: async (res) => expect(res.json().data.length).toBeGreaterThan(0),
    },
    {
      method: 'PATCH',
      url: () => '/api/v1/settings/security',
      payload: () => ({}),
      allowed: ['admin'],
      status: 200,
    },
    { method: 'GET', url: () => '/api/v1/settings/security', allowed: [...ROLES], status: 200 },
    {
      method: 'GET',
      url: () => '/api/v1/roles',
      allowed: [...ROLES],
      status: 200,
      effect: async (res) => expect(JSON.stringify(res.json())).toContain('read_only'),
    },
    {
      method: 'GET',
      url: () => `/api/v1/affiliates/${partner.affiliateId}/events`,
      allowed: [...ROLES],
      status: 200,
      effect: async (res) => expect(res.json().data.length).toBeGreaterThan(0),
    },
    {
      method: 'POST',
      url: () => `/api/v1/affiliates/${partner.affiliateId}/login-urls`,
      payload: () => ({ expires_in: '5m' }),
      allowed: ['admin', 'affiliate_manager', 'support'],
      status: 201,
      effect: async (res) => expect(res.json().url).toContain('/portal/sso?token='),
    },
    {
      method: 'POST',
      url: (s) => `/api/v1/affiliate-users/${s.userId}/unlock`,
      allowed: ['admin', 'affiliate_manager', 'support'],
      status: 204,
      changes: true,
      effect: async (_res, s) => expect(await stateOf(s)).toEqual({ status: 'pending', locked: false }),
    },
    {
      method: 'POST',
      url: (s) => `/api/v1/affiliates/${s.affiliateId}/decline`,
      payload: () => ({}),
      allowed: ['admin', 'affiliate_manager'],
      status: 204,
      changes: true,
      effect: async (_res, s) => expect(await stateOf(s)).toEqual({ status: 'declined', locked: true }),
    },
  ];

  it('lets each role do what it may, with its effect, and answers 403 to the rest, changing nothing', async () => {
    const refused = await subject();
    for (const c of cases) {
      for (const role of ROLES) {
        const allowed = c.allowed.includes(role);
        const target = allowed && c.changes ? await subject() : refused;
        const res = await asStaff(cookies[role], c.method, c.url(target), c.payload?.());
        const where = `${role} ${c.method} ${c.url(target)}: ${res.body}`;
        if (allowed) {
          expect(res.statusCode, where).toBe(c.status);
          await c.effect?.(res, target);
        } else {
          expect(res.statusCode, where).toBe(403);
          expect(res.json().error.code).toBe('forbidden');
        }
      }
    }
    expect(await stateOf(refused)).toEqual({ status: 'pending', locked: true });
  });

  it('gives a read-only user no way to change anything through any operator route', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const open = new Set([
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/unlock',
      '/api/v1/setup',
      '/api/v1/auth/set-password',
    ]);
    // Reads sent as POST (a report's query is a body) and the caller's own report favorites and
    // requests, which any role may keep: each listed with its reason in the authorization suite.
    const ownOrRead = new Set(Object.keys(EXEMPT).filter((route) => route.includes('/reports/')));
    expect(ownOrRead.size).toBe(9);
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      if (!path.startsWith('/api/v1/') || open.has(path)) continue;
      for (const method of Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))) {
        if (ownOrRead.has(`${method.toUpperCase()} ${path.slice('/api/v1'.length)}`)) continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const res = await asStaff(cookies.read_only, method.toUpperCase(), url, {});
        // The scope is checked before the body is validated: always 403, whatever was sent.
        expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('limits a manager to the affiliates they manage', async () => {
    const manager = await staffWith('affiliate_manager', { managed_affiliates_only: true });
    const mine = await approvedPartner(t, 'managed');
    const notMine = await approvedPartner(t, 'unmanaged');
    await t.db
      .updateTable('affiliates')
      .set({ account_manager_id: manager.id })
      .where('id', '=', mine.affiliateId)
      .execute();
    const link = (id: number) =>
      asStaff(manager.cookie, 'POST', `/api/v1/affiliates/${id}/login-urls`, { expires_in: 60 });
    expect((await link(mine.affiliateId)).statusCode).toBe(201);
    expect((await link(notMine.affiliateId)).statusCode).toBe(404);
    expect(
      (await asStaff(manager.cookie, 'GET', `/api/v1/affiliates/${notMine.affiliateId}/events`)).statusCode,
    ).toBe(404);
    expect(
      (await asStaff(manager.cookie, 'POST', `/api/v1/affiliate-users/${notMine.userId}/unlock`)).statusCode,
    ).toBe(404);
    expect(
      (await asStaff(manager.cookie, 'POST', `/api/v1/affiliate-users/${mine.userId}/unlock`)).statusCode,
    ).toBe(204);
    // Unlimited, the same manager reaches every affiliate.
    await asStaff(admin, 'PATCH', `/api/v1/staff/${manager.id}`, { managed_affiliates_only: false });
    expect((await link(notMine.affiliateId)).statusCode).toBe(201);
  });
});

describe('single sign-on login URLs', () => {
  const create = (id: number, expires_in: unknown) =>
    t.call(t.admin, { method: 'POST', url: `/api/v1/affiliates/${id}/login-urls`, payload: { expires_in } });

  it('parse expiries like MultiSafepay and refuse nonsense', async () => {
    const p = await approvedPartner(t, 'ssoparse');
    for (const [value, seconds] of [
      ['5m', 300],
      ['1h', 3600],
      ['2d', 172_800],
      [90, 90],
      ['45', 45],
    ] as const) {
      const res = await create(p.affiliateId, value);
      expect(res.statusCode, res.body).toBe(201);
      const left = (new Date(res.json().expires_at).getTime() - Date.now()) / 1000;
      expect(Math.abs(left - seconds)).toBeLessThan(5);
    }
    for (const bad of ['10x', '0', '2y', '-5m', '']) {
      const res = await create(p.affiliateId, bad);
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(422);
      expect(res.json().error.details.fields[0].path).toBe('expires_in');
    }
    expect((await create(999_999, '5m')).statusCode).toBe(404);
    expect((await t.call(t.admin, { url: '/api/v1/affiliates/999999/events' })).statusCode).toBe(404);
  });

  it('sign the owner in once; a reused or expired link is refused', async () => {
    const p = await approvedPartner(t, 'sso');
    const { url } = (await create(p.affiliateId, '5m')).json();
    expect(url).toMatch(/^http:\/\/localhost:8080\/portal\/sso\?token=/);
    const path = new URL(url).pathname + new URL(url).search;
    const first = await t.app.inject({ url: path });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/portal');
    const cookie = portalCookie(first)!;
    const me = await t.as(cookie, { url: '/api/partner/v1/auth/me' });
    expect(me.json()).toMatchObject({
      user: { id: p.userId },
      affiliate: { id: p.affiliateId },
      two_factor: { verified_at: null },
    });

    const reused = await t.app.inject({ url: path });
    expect(reused.statusCode).toBe(303);
    expect(reused.headers.location).toBe('/portal/sign-in?error=link_invalid');
    expect(portalCookie(reused)).toBeUndefined();

    const short = (await create(p.affiliateId, '1s')).json().url;
    const token = new URL(short).searchParams.get('token');
    // A second later by the (faked) clock, not by waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 1_001);
      const expired = await t.app.inject({
        method: 'POST',
        url: '/api/partner/v1/auth/sso',
        payload: { token },
      });
      expect(expired.statusCode).toBe(410);
    } finally {
      vi.useRealTimers();
    }

    const json = new URL((await create(p.affiliateId, 60)).json().url).searchParams.get('token');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/partner/v1/auth/sso', payload: { token: json } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/partner/v1/auth/sso', payload: { token: json } }))
        .statusCode,
    ).toBe(410);

    const events = await t.as(cookie, { url: '/api/partner/v1/events?type=signed_in' });
    expect(
      events.json().data.filter((e: { data: { method: string } }) => e.data.method === 'sso'),
    ).toHaveLength(2);
  });
});
