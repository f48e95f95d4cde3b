import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  submitPortalSignIn,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

// An affiliate's customer qualifies for a CPA of 30.00 EUR (first deposit 25.00 ≥ 20.00, 30 days
// hold): the operator reads its trace and approves it, backtests a draft paying 45.00, lets
// affiliates see the inputs; the affiliate reads the sentence and the inputs in the portal.
describe('commission screens', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  const partner = { email: 'pia@example.com', password: 'Aff1liate#pass' };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);
  const SENTENCE = 'CPA 30.00 EUR: first deposit 25.00 ≥ 20.00';

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name, exact: true });
  const label = (text: string) => page.getByLabel(text, { exact: true });

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    expect(brand.status, JSON.stringify(brand.json)).toBe(201);
    const affiliateId = await approvedAffiliate(server, operator, partner, {
      first_name: 'Pia',
      last_name: 'Partner',
    });
    const since = day(-60).toISOString();
    const plan = await operator('POST', '/api/v1/commission-plans', {
      name: 'CPA EUR',
      brand_id: brand.json.id,
      currency: 'EUR',
      definition: { cpa: { amount: 3000, hold_days: 30, qualification: { min_first_deposit: 2000 } } },
      effective_from: since,
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(201);
    const assigned = await operator('PUT', `/api/v1/brands/${brand.json.id}/commission-plan`, {
      plan_id: plan.json.id,
      effective_from: since,
    });
    expect(assigned.status).toBe(201);
    const key = await operator('POST', '/api/v1/api-keys', { name: 'S2S', scopes: ['events'] });
    const sent = await fetch(`${server.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.json.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            type: 'registration',
            event_id: 'r1',
            brand_id: brand.json.id,
            customer_id: 'p1',
            affiliate_id: affiliateId,
            occurred_at: day(-2).toISOString(),
          },
          {
            type: 'deposit',
            event_id: 'd1',
            brand_id: brand.json.id,
            customer_id: 'p1',
            amount: 2500,
            currency: 'EUR',
            occurred_at: day(-1).toISOString(),
          },
        ],
      }),
    });
    expect(sent.status, await sent.text()).toBe(200);
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('lists the commission, opens its trace and approves it', async () => {
    await nav('Commissions').click();
    const list = page.getByRole('region', { name: 'Commissions' });
    await list.getByText(SENTENCE).waitFor();
    await list.getByRole('button', { name: /^Trace of commission/ }).click();
    const trace = page.getByRole('region', { name: /^Commission \d+$/ });
    await trace.getByText(SENTENCE, { exact: true }).waitFor();
    const inputs = trace.getByRole('region', { name: 'Trace inputs' });
    expect(await inputs.textContent()).toContain('min first deposit');
    await trace.getByText('Started Pending; no change since.').waitFor();
    await trace.getByRole('button', { name: 'Approve' }).click();
    await trace.getByRole('cell', { name: 'Pending → Approved' }).waitFor();
    // The list follows: filtered by status, then a kind it has none of.
    await label('Status').selectOption('approved');
    await page.getByRole('button', { name: 'Filter' }).click();
    await list.getByText(SENTENCE).waitFor();
    await label('Kind').selectOption('cpl');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No commissions match these filters.').waitFor();
  });

  it('backtests a draft paying 45.00: 15.00 more than earned, with its trace', async () => {
    await nav('Backtest').click();
    await label('Plan').selectOption({ label: 'CPA EUR (EUR)' });
    await page.getByLabel('A draft (edit the definition)').check();
    const draft = label('Draft');
    await expect.poll(() => draft.inputValue()).toContain('3000');
    await draft.fill((await draft.inputValue()).replace('3000', '4500'));
    await label('First day').fill(day(-5).toISOString().slice(0, 10));
    await label('Last day').fill(day(0).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const results = page.getByRole('region', { name: 'Backtest results' });
    // Would have paid 4500, earned 3000: 4500 − 3000 = +1500.
    await results
      .getByText('Would have paid 45.00 EUR; actually earned 30.00 EUR; difference +15.00 EUR.')
      .waitFor();
    await results.getByRole('button', { name: 'Traces' }).click();
    await results.getByText(/CPA 45\.00 EUR: first deposit 25\.00 ≥ 20\.00/).waitFor();

    // At phone width the page keeps to the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows affiliates the sentence and the inputs once the operator allows it', async () => {
    await nav('Program').click();
    await label('Commission traces affiliates see').selectOption('sentence_and_inputs');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();

    const portal = await newPage(await browser.newContext({ viewport: { width: 390, height: 844 } }));
    await submitPortalSignIn(portal, server, partner);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    await portal.goto(`${server.baseUrl}/portal/commissions`);
    const list = portal.getByRole('region', { name: 'Commissions' });
    await list.getByText(SENTENCE).waitFor();
    await list.getByText('Inputs').click();
    expect(await list.getByRole('region', { name: /^Inputs of commission/ }).textContent()).toContain(
      'formula',
    );
    expect(
      await portal.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await portal.context().close();
  });
});
