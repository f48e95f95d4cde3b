import { afterAll, beforeAll, expect, it } from 'vitest';
import { approvedPartner, createIdentityApp, type IdentityTestApp, portalCookie } from './helpers.ts';

// The portal shows a banner naming the operator acting in a "sign in as" session, so /auth/me says who.
let t: IdentityTestApp;
let staff: string;
beforeAll(async () => {
  t = await createIdentityApp();
  staff = await t.staffCookie();
});
afterAll(() => t.close());

const me = (cookie: string) =>
  t.app.inject({ url: '/api/partner/v1/auth/me', headers: { cookie: `affluent_portal=${cookie}` } });

async function openLink(url: string): Promise<string> {
  const token = new URL(url).searchParams.get('token');
  const res = await t.app.inject({ method: 'POST', url: '/api/partner/v1/auth/sso', payload: { token } });
  expect(res.statusCode, res.body).toBe(200);
  return portalCookie(res)!;
}

it('names the staff user who opened the session with "sign in as affiliate"', async () => {
  const partner = await approvedPartner(t, 'banner');
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/v1/affiliates/${partner.affiliateId}/login-urls`,
    headers: { cookie: staff },
    payload: { expires_in: 60 },
  });
  expect(created.statusCode, created.body).toBe(201);
  const res = await me(await openLink(created.json().url));
  expect(res.statusCode, res.body).toBe(200);
  const acting = res.json().acting_operator;
  const who = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: staff } });
  const { id, name, email } = who.json().staff;
  expect(acting).toEqual({ id, name, email });
  expect(typeof id).toBe('number');
  expect(res.json().user.id).toBe(partner.userId);
});

it('names nobody when the affiliate signed in, or when an API key made the link', async () => {
  const partner = await approvedPartner(t, 'own');
  const own = await me(partner.cookie);
  expect(own.statusCode, own.body).toBe(200);
  expect(own.json().acting_operator).toBeNull();

  const created = await t.call(t.admin, {
    method: 'POST',
    url: `/api/v1/affiliates/${partner.affiliateId}/login-urls`,
    payload: { expires_in: 60 },
  });
  expect(created.statusCode, created.body).toBe(201);
  const viaKey = await me(await openLink(created.json().url));
  expect(viaKey.statusCode, viaKey.body).toBe(200);
  expect(viaKey.json().acting_operator).toBeNull();
});
