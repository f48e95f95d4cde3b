import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, approvedAffiliate, setUpAdmin, startE2E, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

// The operator's site on another host than the platform's (localhost vs 127.0.0.1): its cookies
// are first-party there and never the platform's. Each page loads /t.js as the operator would.
describe('the click id script (/t.js) on the operator’s landing page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let landing: http.Server;
  let site = '';
  let operator: ApiCall;

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    landing = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const options = url.pathname.startsWith('/promo') ? ' data-param="btag" data-days="7"' : '';
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Lucky</title><h1>${url.pathname}</h1>
        <script src="${server.baseUrl}/t.js"${options}></script>`);
    });
    await new Promise<void>((resolve) => landing.listen(0, '127.0.0.1', resolve));
    site = `http://localhost:${(landing.address() as AddressInfo).port}`;
    operator = await setUpAdmin(server);
  });

  afterAll(async () => {
    await stopE2E(browser, server);
    landing?.close();
  });

  const clickId = () => page.evaluate(() => (window as any).affluent.clickId() as string | null);
  const siteCookies = async () =>
    (await page.context().cookies(site)).filter((c) => c.name === 'affluent_click_id');

  it('keeps the click id of the tracking link in a cookie of the operator’s site, for the sign-up page to send', async () => {
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: brand.json.id,
      name: 'Welcome',
      url: `${site}/welcome?click_id={{click_id}}`,
    });
    expect(link.status, JSON.stringify(link.json)).toBe(201);
    const affiliateId = await approvedAffiliate(
      server,
      operator,
      { email: 'tia@partner.example', password: 'Partner#pass1' },
      { first_name: 'Tia', last_name: 'Partner' },
    );
    const campaign = await operator('POST', '/api/v1/campaigns', {
      affiliate_id: affiliateId,
      brand_id: brand.json.id,
      name: 'Script',
    });
    const promo = await operator('POST', `/api/v1/campaigns/${campaign.json.id}/promos`, {
      destination_link_id: link.json.id,
    });
    expect(promo.status, JSON.stringify(promo.json)).toBe(201);

    const served = await page.request.get(`${server.baseUrl}/t.js`);
    expect(served.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    expect(served.headers()['cache-control']).toBe('public, max-age=3600');
    expect(served.headers()['cross-origin-resource-policy']).toBe('cross-origin');

    // The visitor follows the tracking link and lands on the operator's site with the click id.
    await page.goto(`${server.baseUrl}/c/${promo.json.code}`);
    await page.getByRole('heading', { name: '/welcome' }).waitFor();
    const landed = new URL(page.url()).searchParams.get('click_id');
    expect(landed).toMatch(/^[0-9A-Z]{26}$/);
    expect(await clickId()).toBe(landed);
    const [cookie, ...others] = await siteCookies();
    expect(others).toHaveLength(0);
    expect(cookie).toMatchObject({
      value: landed,
      domain: 'localhost',
      path: '/',
      sameSite: 'Lax',
      httpOnly: false,
    });
    // 30 days by default.
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(cookie!.expires * 1000 - Date.now()).toBeLessThan(30.1 * 86_400_000);

    // A later page without the id in its URL still has it.
    await page.goto(`${site}/signup`);
    await page.getByRole('heading', { name: '/signup' }).waitFor();
    expect(await clickId()).toBe(landed);

    // The operator's server sends it with the registration: the customer is the affiliate's.
    const key = await operator('POST', '/api/v1/api-keys', { name: 'S2S', scopes: ['events'] });
    const registered = await fetch(`${server.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.json.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'registration',
        event_id: 'signup-1',
        brand_id: brand.json.id,
        customer_id: 'player-1',
        occurred_at: new Date().toISOString(),
        click_id: await clickId(),
      }),
    });
    expect(registered.status).toBe(201);
    const { event } = await registered.json();
    expect(event.attribution).toMatchObject({
      status: 'attributed',
      method: 'click_id',
      affiliate_id: affiliateId,
    });
  });

  it('reads the parameter and keeps the cookie for the days the script tag names, and ignores what is no click id', async () => {
    await page.context().clearCookies();
    await page.goto(`${site}/promo?btag=01HVCLICKFROMBTAG000000000&click_id=ignored`);
    await page.getByRole('heading', { name: '/promo' }).waitFor();
    expect(await clickId()).toBe('01HVCLICKFROMBTAG000000000');
    const [cookie] = await siteCookies();
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(cookie!.expires * 1000 - Date.now()).toBeLessThan(7.1 * 86_400_000);

    // Markup in the parameter is not a click id: nothing is stored, the earlier id stays.
    await page.goto(`${site}/welcome?click_id=${encodeURIComponent('<b>x</b>')}`);
    await page.getByRole('heading', { name: '/welcome' }).waitFor();
    expect(await clickId()).toBe('01HVCLICKFROMBTAG000000000');
    expect((await siteCookies()).map((c) => c.value)).toEqual(['01HVCLICKFROMBTAG000000000']);

    // No cookie on the platform's own host from the script.
    const platformCookies = await page.context().cookies(server.baseUrl);
    expect(platformCookies.filter((c) => c.name === 'affluent_click_id')).toEqual([]);

    await page.context().clearCookies();
    await page.goto(`${site}/welcome`);
    await page.getByRole('heading', { name: '/welcome' }).waitFor();
    expect(await clickId()).toBeNull();
  });
});
