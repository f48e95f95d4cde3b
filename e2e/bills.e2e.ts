import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  mailTo,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  submitPortalSignIn,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

// Two CPAs of 30.00 EUR earned last month: the operator runs last month's bills, adds 5.00 with a
// comment, approves the bill in bulk (60.00 + 5.00 = 65.00 credited); the affiliate is emailed,
// sees the bill with its correction in the portal and 65 EUR available in the wallet.
describe('bills', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  const partner = { email: 'bill@partner.example', password: 'Aff1liate#pass' };
  const now = new Date();
  const lastMonth = (day: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, 12));

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    expect(brand.status, JSON.stringify(brand.json)).toBe(201);
    const affiliateId = await approvedAffiliate(server, operator, partner, {
      first_name: 'Bill',
      last_name: 'Partner',
    });
    const since = lastMonth(-60).toISOString();
    const plan = await operator('POST', '/api/v1/commission-plans', {
      name: 'CPA EUR',
      brand_id: brand.json.id,
      currency: 'EUR',
      definition: { cpa: { amount: 3000, hold_days: 0, qualification: { min_first_deposit: 2000 } } },
      effective_from: since,
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(201);
    const assigned = await operator('PUT', `/api/v1/brands/${brand.json.id}/commission-plan`, {
      plan_id: plan.json.id,
      effective_from: since,
    });
    expect(assigned.status).toBe(201);
    const key = await operator('POST', '/api/v1/api-keys', { name: 'S2S', scopes: ['events'] });
    const events = [1, 2].flatMap((n) => [
      {
        type: 'registration',
        event_id: `r${n}`,
        brand_id: brand.json.id,
        customer_id: `p${n}`,
        affiliate_id: affiliateId,
        occurred_at: lastMonth(n + 4).toISOString(),
      },
      {
        type: 'deposit',
        event_id: `d${n}`,
        brand_id: brand.json.id,
        customer_id: `p${n}`,
        amount: 2500,
        currency: 'EUR',
        occurred_at: lastMonth(n + 5).toISOString(),
      },
    ]);
    const sent = await fetch(`${server.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.json.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(sent.status, await sent.text()).toBe(200);
  });

  afterAll(() => stopE2E(browser, server));

  it('runs, corrects and approves a bill in the back office; the affiliate sees it and its balance', async () => {
    await signInToBackOffice(page, server);
    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Bills', exact: true })
      .click();
    await page.getByRole('button', { name: 'Run bills' }).click();
    await page.getByText('1 issued, 0 regenerated').waitFor();
    await page.getByRole('link', { name: /^Bill \d+$/ }).click();
    await page.getByRole('heading', { name: /Bill \d+: / }).waitFor();
    await page.getByLabel('Amount (EUR)').fill('5');
    await page.getByLabel('Comment').fill('Traffic bonus');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.getByRole('cell', { name: 'Traffic bonus' }).waitFor();
    // 30.00 + 30.00 = 60.00 issued; + 5.00 = 65.00 to pay.
    await page.getByText('65 EUR').first().waitFor();

    await page.goBack();
    await page.getByRole('checkbox', { name: /Select bill/ }).check();
    await page.getByRole('button', { name: 'Approve 1 selected' }).click();
    await page.getByText('1 approved').waitFor();

    const mail = await mailTo(operator, partner.email, 'bill_approved');
    expect(mail.text).toContain('65.00 EUR was added to your available balance');

    const portal = await newPage(await browser.newContext());
    await submitPortalSignIn(portal, server, partner);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Bills' }).click();
    await portal.getByRole('link', { name: /^Bill \d+$/ }).click();
    await portal.getByRole('cell', { name: 'Traffic bonus' }).waitFor();
    await portal.getByRole('link', { name: 'Download the PDF' }).waitFor();
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Wallet' }).click();
    await expect.poll(() => portal.getByTestId('available-EUR').textContent()).toBe('65 EUR');

    // At phone width nothing scrolls sideways: the bill in the portal and the list in the back office.
    const fits = async (p: Page) =>
      p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await portal.setViewportSize({ width: 390, height: 844 });
    await portal.goBack();
    await portal.getByRole('cell', { name: 'Traffic bonus' }).waitFor();
    expect(await fits(portal)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Approved' }).click();
    await page.getByRole('link', { name: /^Bill \d+$/ }).waitFor();
    expect(await fits(page)).toBe(true);
  });
});
