import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  uploadBanner,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

// An operator gives an affiliate a campaign with its own commission plan, adds a promo, copies its
// tracking link and archives the campaign; then keeps the traffic sources list.
describe('back office campaigns', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  const ids: Record<string, number> = {};

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    let first: Page;
    ({ server, browser, page: first } = await startE2E());
    await first.close();
    operator = await setUpAdmin(server);
    const affiliate = await operator('POST', '/api/v1/affiliates', { name: 'Pia Partner', status: 'active' });
    expect(affiliate.status, JSON.stringify(affiliate.json)).toBe(201);
    ids.affiliate = affiliate.json.id;
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    ids.brand = brand.json.id;
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: ids.brand,
      name: 'Welcome page',
      url: 'https://lucky.example/welcome',
    });
    expect(link.status, JSON.stringify(link.json)).toBe(201);
    await uploadBanner(server, { title: 'Spring banner', brand_id: ids.brand });
    const plan = await operator('POST', '/api/v1/commission-plans', {
      name: 'Spring CPA',
      brand_id: ids.brand,
      currency: 'EUR',
      definition: { cpa: { amount: 3000, qualification: { min_first_deposit: 2000, within_days: 7 } } },
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(201);
    ids.plan = plan.json.id;
    const source = await operator('POST', '/api/v1/traffic-sources', { name: 'SEO' });
    expect(source.status, JSON.stringify(source.json)).toBe(201);
    // The copy button writes to the clipboard, which the page may use once allowed.
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    page = await newPage(context);
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('creates a campaign with a plan: every problem first, each under its field', async () => {
    await nav('Campaigns').click();
    await page.getByText('No campaigns yet.').waitFor();
    await page.getByRole('link', { name: 'New campaign' }).first().click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();

    // Nothing chosen: the affiliate, the brand and the name, in one round.
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('Fix these 3 problems to continue:').waitFor();
    await page.getByText('choose the affiliate the campaign is for', { exact: true }).waitFor();
    await page.getByText('choose a brand', { exact: true }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Affiliate').fill('Pia');
    await page.getByRole('button', { name: /Choose Pia Partner/ }).click();
    await page.getByLabel('Brand').selectOption({ label: 'Lucky' });
    // The brand's error clears as it is chosen; the name's stays until the name changes.
    await expect.poll(() => page.getByText('choose a brand', { exact: true }).count()).toBe(0);
    // A name of spaces is a bad value the server refuses, under the field.
    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByLabel('Commission plan').selectOption({ label: 'Spring CPA (EUR)' });
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await summary.getByText('Fix this to continue:').waitFor();
    const nameError = page.locator(
      `#${await page.getByLabel('Name', { exact: true }).getAttribute('id')}-error`,
    );
    expect(await nameError.textContent()).toBe('must not be empty');
    expect((await operator('GET', '/api/v1/campaigns?tab=all')).json.paging.total).toBe(0);

    await page.getByLabel('Name', { exact: true }).fill('Spring newsletter');
    expect(await nameError.count()).toBe(0);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { level: 1, name: /Spring newsletter/ }).waitFor();
    await page.getByText('Spring CPA', { exact: true }).waitFor();
    const made = (await operator('GET', `/api/v1/campaigns?affiliate_id=${ids.affiliate}`)).json;
    expect(made.data).toHaveLength(1);
    expect(made.data[0]).toMatchObject({
      name: 'Spring newsletter',
      brand_id: ids.brand,
      commission_plan_id: ids.plan,
      status: 'active',
    });
    ids.campaign = made.data[0].id;
  });

  it('adds a promo and copies its tracking link', async () => {
    await page.getByRole('button', { name: 'Add a promo' }).click();
    const form = page.getByRole('form', { name: 'Add a promo' });
    // No landing: said under it, nothing made.
    await form.getByRole('button', { name: 'Add promo' }).click();
    await form.getByText('choose the landing the link goes to', { exact: true }).waitFor();
    await form.getByLabel('Landing').selectOption({ label: 'Welcome page' });
    await expect
      .poll(() => form.getByText('choose the landing the link goes to', { exact: true }).count())
      .toBe(0);
    await form.getByLabel('Banner').selectOption({ label: 'Spring banner' });
    await form.getByLabel('Traffic source').selectOption({ label: 'SEO' });
    await form.getByLabel('Title').fill('Sidebar banner');
    await form.getByRole('button', { name: 'Add promo' }).click();

    const card = page.getByTestId('promo-card').filter({ hasText: 'Sidebar banner' });
    await card.waitFor();
    const shown = (await card.getByTestId('tracking-link').textContent()) ?? '';
    const promos = (await operator('GET', `/api/v1/promos?campaign_id=${ids.campaign}`)).json;
    expect(promos.paging.total).toBe(1);
    expect(promos.data[0]).toMatchObject({ title: 'Sidebar banner', tracking_link: shown });
    expect(shown).toMatch(/\/c\/[a-z0-9]+$/);
    await card.getByText('Welcome page').waitFor();
    await card.getByText(/banner “Spring banner”.*traffic source SEO/).waitFor();

    await card.getByRole('button', { name: 'Copy' }).click();
    await card.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  });

  it('archives the campaign after asking, and finds it under Archived', async () => {
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive campaign Spring newsletter?' });
    await dialog.getByText(/tracking links keep working/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await operator('GET', `/api/v1/campaigns/${ids.campaign}`)).json.status).toBe('active');

    await page.getByRole('button', { name: 'Archive' }).click();
    await dialog.getByRole('button', { name: 'Archive campaign' }).click();
    await page.getByText('Campaign Spring newsletter archived.').waitFor();
    expect((await operator('GET', `/api/v1/campaigns/${ids.campaign}`)).json.status).toBe('archived');
    // Frozen: no new promo, no changes; the link is still there to copy.
    expect(await page.getByRole('button', { name: 'Add a promo' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change' }).count()).toBe(0);
    await page.getByTestId('tracking-link').waitFor();

    await nav('Campaigns').click();
    await page.getByText('No campaigns match.').or(page.getByText('No campaigns yet.')).waitFor();
    await page.getByRole('link', { name: 'Archived', exact: true }).click();
    await page.getByRole('link', { name: 'Spring newsletter' }).waitFor();
  });

  it('keeps the traffic sources: add, rename, disable after asking', async () => {
    await nav('Traffic sources').click();
    await page.getByRole('cell', { name: 'SEO', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New traffic source' }).click();
    await page.getByRole('button', { name: 'Add traffic source' }).click();
    await page.getByText('must not be empty', { exact: true }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Social');
    await page.getByRole('button', { name: 'Add traffic source' }).click();
    await page.getByText('Traffic source Social added.').waitFor();

    await page.getByRole('button', { name: 'Rename Social' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Social media');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Renamed to Social media.').waitFor();

    await page.getByRole('button', { name: 'Disable Social media' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Social media disabled.').waitFor();
    const sources = (await operator('GET', '/api/v1/traffic-sources')).json.data as {
      name: string;
      status: string;
    }[];
    expect(sources.map((s) => [s.name, s.status]).sort()).toEqual([
      ['SEO', 'active'],
      ['Social media', 'archived'],
    ]);
  });
});
