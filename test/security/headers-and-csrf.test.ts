import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PUBLIC_URL = 'https://affiliates.example.com';
const EVIL = 'https://evil.example.net';

let t: TestApp;
let admin: string;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  admin = await t.apiKey(['admin']);
  cookie = await t.staffCookie();
});
afterAll(() => t.close());

const brands = () => t.db.selectFrom('brands').selectAll().orderBy('id').execute();
let counter = 0;
const newBrand = () => ({ name: `Brand ${++counter}`, base_currency: 'EUR' });

/** A request as the back office sends it: the staff session cookie, JSON. */
const asStaff = (options: InjectOptions) =>
  t.app.inject({ ...options, headers: { cookie, ...options.headers } });

describe('security headers', () => {
  it('puts a strict policy on API responses', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/brands' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });

  it('sends no HSTS when PUBLIC_URL is plain http', async () => {
    const plain = await createTestApp({ PUBLIC_URL: 'http://localhost:3000' });
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    } finally {
      await plain.close();
    }
  });

  it('puts the headers on errors too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('keeps /docs working under the policy: no inline script or style', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/docs' });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      res = await t.app.inject({ method: 'GET', url: new URL(res.headers.location!, 'http://x').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const html = res.body;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\son\w+=/);
    const initializer = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
  });
});

describe('cookie-authenticated writes must come from this application', () => {
  const refused = (res: { statusCode: number; json(): any }) => {
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.reason).toBe('cross_site_request');
  };

  it('refuses a write from another origin and changes nothing', async () => {
    const before = await brands();
    refused(
      await asStaff({
        method: 'POST',
        url: '/api/v1/brands',
        headers: { origin: EVIL },
        payload: newBrand(),
      }),
    );
    expect(await brands()).toEqual(before);
  });

  it('refuses a write a browser marks cross-site or same-site, when it names no trusted origin', async () => {
    const before = await brands();
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://shop.example.com' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ]) {
      refused(await asStaff({ method: 'POST', url: '/api/v1/brands', headers, payload: newBrand() }));
    }
    expect(await brands()).toEqual(before);
  });

  it('refuses a forged sign-out, which has no body at all, and the session stays', async () => {
    refused(await asStaff({ method: 'POST', url: '/api/v1/auth/logout', headers: { origin: EVIL } }));
    const me = await asStaff({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode, me.body).toBe(200);
  });

  it('refuses a forged delete', async () => {
    const created = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/affiliate-tiers',
      payload: { name: 'Kept' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/affiliate-tiers/${created.json().id}`;
    refused(await asStaff({ method: 'DELETE', url, headers: { 'sec-fetch-site': 'cross-site' } }));
    const tiers = await t.db.selectFrom('affiliate_tiers').select('id').execute();
    expect(tiers.map((row) => row.id)).toContain(created.json().id);
  });

  it('refuses a forged partner write before looking at the portal session', async () => {
    refused(
      await t.app.inject({
        method: 'PATCH',
        url: '/api/partner/v1/profile',
        headers: { cookie: 'affluent_portal=anything', origin: EVIL },
        payload: {},
      }),
    );
  });

  it("accepts PUBLIC_URL's origin, the Host's own origin and Sec-Fetch-Site same-origin", async () => {
    for (const headers of [
      { origin: PUBLIC_URL },
      { origin: 'http://affluent.internal:8080', host: 'affluent.internal:8080' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin', origin: PUBLIC_URL },
    ]) {
      const res = await asStaff({ method: 'POST', url: '/api/v1/brands', headers, payload: newBrand() });
      expect(res.statusCode, `${JSON.stringify(headers)}: ${res.body}`).toBe(201);
    }
  });

  it('accepts a cookie request with neither Origin nor Sec-Fetch-Site (not a browser)', async () => {
    const res = await asStaff({ method: 'POST', url: '/api/v1/brands', payload: newBrand() });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('leaves reads alone, and API keys, which a forged request cannot carry', async () => {
    const read = await asStaff({ method: 'GET', url: '/api/v1/brands', headers: { origin: EVIL } });
    expect(read.statusCode).toBe(200);
    const res = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/brands',
      headers: { cookie, origin: EVIL },
      payload: newBrand(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('no body a form can send', () => {
  const formTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];

  for (const type of formTypes) {
    it(`refuses ${type.split(';')[0]} on a JSON route and creates nothing`, async () => {
      const before = await brands();
      const res = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/brands',
        headers: { 'content-type': type },
        payload: 'name=Forged&base_currency=EUR',
      });
      expect(res.statusCode, res.body).toBe(415);
      expect(await brands()).toEqual(before);
    });
  }

  it('refuses text/plain on a route without a body (a form posts one anyway)', async () => {
    const res = await asStaff({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { 'content-type': 'text/plain' },
      payload: '',
    });
    expect(res.statusCode, res.body).toBe(415);
    expect((await asStaff({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('takes multipart on the upload route, from this application only', async () => {
    const form = {
      'content-type': 'multipart/form-data; boundary=XYZ',
    };
    const payload = '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nBanner\r\n--XYZ--\r\n';
    refused403(
      await asStaff({ method: 'POST', url: '/api/v1/media', headers: { ...form, origin: EVIL }, payload }),
    );
    const ours = await asStaff({
      method: 'POST',
      url: '/api/v1/media',
      headers: { ...form, origin: PUBLIC_URL },
      payload,
    });
    // Past the checks: the form is read, and it lacks its file.
    expect(ours.statusCode, ours.body).toBe(422);
    expect(ours.json().error.details.fields).toContainEqual(expect.objectContaining({ path: 'file' }));
  });
});

function refused403(res: { statusCode: number; json(): any }) {
  expect(res.statusCode).toBe(403);
  expect(res.json().error.details.reason).toBe('cross_site_request');
}

describe('banner files', () => {
  it('may be embedded by other sites (Cross-Origin-Resource-Policy), the API may not', async () => {
    const api = await t.call(admin, { method: 'GET', url: '/api/v1/brands' });
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
    const missing = await t.app.inject({ method: 'GET', url: '/media/aaaaaaaaaaaaaaaaaaaaaaaa.png' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });
});
