import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  setUpAdmin,
  signInToPortal,
  startE2E,
  stopE2E,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const PARTNER = { email: 'pia@partner.example', password: 'Partner#pass1' };

// A partner builds a campaign and a tracking link in the portal, and a visitor follows it.
describe('portal campaigns and the tracking link', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let landing: http.Server;
  let landingUrl = '';
  let operator: ApiCall;

  beforeAll(async () => {
    // The brand's landing page: a server of our own on this machine.
    landing = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Lucky landing</title><h1>Welcome to Lucky</h1><p id="q">${req.url}</p>`);
    });
    await new Promise<void>((resolve) => landing.listen(0, '127.0.0.1', resolve));
    landingUrl = `http://127.0.0.1:${(landing.address() as AddressInfo).port}`;

    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    await approvedAffiliate(server, operator, PARTNER, { first_name: 'Pia', last_name: 'Partner' });

    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    expect(brand.status).toBe(201);
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: brand.json.id,
      name: 'Welcome page',
      url: `${landingUrl}/welcome?btag={{click_id}}&aff={{affiliate_id}}&s1={{sub1}}`,
    });
    expect(link.status).toBe(201);
  });

  afterAll(async () => {
    await stopE2E(browser, server);
    landing?.close();
  });

  it('creates a campaign and a promo in three steps, then the link leads to the landing', async () => {
    await signInToPortal(page, server, PARTNER);

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByLabel('Campaign name').fill('Spring push');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: /Spring push/ }).waitFor();

    await page.getByRole('button', { name: 'Add promo' }).click();
    await page.getByLabel('Landing URL').selectOption({ label: 'Welcome page' });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel(/Direct link/).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Promo title').fill('Sidebar');
    await page.getByRole('button', { name: 'Finish' }).click();

    const link = (await page.getByTestId('tracking-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/c/[a-z0-9]{12}$`));

    await page.goto(`${link}?sub1=spring%20sale`);
    await page.getByRole('heading', { name: 'Welcome to Lucky' }).waitFor();
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(`${landingUrl}/welcome`);
    expect(landed.searchParams.get('btag')).toMatch(/^[0-9A-Z]{26}$/);
    expect(landed.searchParams.get('s1')).toBe('spring sale');
    const cookies = await page.context().cookies(server.baseUrl);
    expect(cookies.find((c) => c.name === 'affluent_click')?.value).toBe(landed.searchParams.get('btag'));

    await page.goto(`${server.baseUrl}/portal/campaigns`);
    await page.getByRole('link', { name: 'Spring push' }).click();
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('button', { name: 'Unarchive' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Add promo' }).count()).toBe(0);

    const metrics = await operator('GET', '/api/v1/tracking/metrics');
    expect(metrics.json.redirects.answered).toBeGreaterThanOrEqual(1);
  });
});
