import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  applyAsAffiliate,
  approvedAffiliate,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  submitPortalSignIn,
} from './support/app.ts';
import { png } from './support/images.ts';
import type { TestServer } from './support/server.ts';

const PIA = { email: 'pia@first-run.example', password: 'Partner#pass1' };

// A newcomer's first hour: the checklist on the home page ticks itself step by step, empty lists
// say what to do, the numbers show where people look, and the click log opens one click.
describe('first-run guidance and numbers', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  const ids = { brand: 0, link: 0, affiliate: 0, promo: 0, code: '' };

  const step = (name: string) => page.locator(`[data-testid="setup-checklist"] li[data-step="${name}"]`);
  const done = async (name: string) => (await step(name).getAttribute('data-done')) === 'true';
  const home = async () => {
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByTestId('setup-checklist').waitFor();
  };
  /** A visitor following the promo's tracking link; the server records it within a moment. */
  const click = async (query = '', agent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0') => {
    const res = await fetch(`${server.baseUrl}/c/${ids.code}${query}`, {
      redirect: 'manual',
      headers: { 'user-agent': agent },
    });
    expect(res.status).toBe(302);
  };

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('ticks the checklist after each step, from the real data', async () => {
    await home();
    // Commission plans count once this version has them; until then the step says so.
    const plans = (await step('commission_plan').getAttribute('data-available')) === 'true';
    await page.getByRole('heading', { name: `Set up your program: ${plans ? 6 : 5} steps to go` }).waitFor();
    for (const name of ['brand', 'destination_link', 'banner', 'affiliate', 'click'])
      expect(await done(name)).toBe(false);
    if (!plans) expect(await step('commission_plan').textContent()).toContain('Comes with commission plans.');

    // The brand through the checklist's own button.
    await step('brand').getByRole('link', { name: 'New brand' }).click();
    await page.getByLabel('Name').fill('Lucky');
    await page.getByRole('button', { name: 'Create brand' }).click();
    await page.getByRole('link', { name: 'Lucky' }).waitFor();
    await home();
    expect(await done('brand')).toBe(true);
    expect(await done('destination_link')).toBe(false);
    ids.brand = (await operator('GET', '/api/v1/brands')).json.data[0].id;

    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: ids.brand,
      name: 'Welcome page',
      url: 'https://lucky.example/welcome?btag={{click_id}}',
    });
    expect(link.status).toBe(201);
    ids.link = link.json.id;
    await home();
    expect(await done('destination_link')).toBe(true);
    expect(await done('banner')).toBe(false);

    await step('banner').getByRole('link', { name: 'Upload banner' }).click();
    await page.getByRole('button', { name: 'Upload your first banner' }).click();
    const form = page.getByRole('form', { name: 'Upload a banner' });
    await form
      .getByLabel('Image file')
      .setInputFiles({ name: 'b.png', mimeType: 'image/png', buffer: png(300, 250) });
    await form.getByLabel('Title').fill('Square');
    await form.getByRole('button', { name: 'Upload banner' }).click();
    await page.getByRole('link', { name: 'Square' }).waitFor();
    await home();
    expect(await done('banner')).toBe(true);
    expect(await done('affiliate')).toBe(false);

    ids.affiliate = await approvedAffiliate(server, operator, PIA, {
      first_name: 'Pia',
      last_name: 'Partner',
    });
    await home();
    expect(await done('affiliate')).toBe(true);
    expect(await done('click')).toBe(false);

    const campaign = await operator('POST', '/api/v1/campaigns', {
      affiliate_id: ids.affiliate,
      brand_id: ids.brand,
      name: 'Spring push',
    });
    const promo = await operator('POST', `/api/v1/campaigns/${campaign.json.id}/promos`, {
      destination_link_id: ids.link,
      title: 'Sidebar',
    });
    ids.promo = promo.json.id;
    ids.code = promo.json.code;
    await click('?sub1=spring');
    await expect
      .poll(async () => {
        await home();
        return done('click');
      })
      .toBe(true);
    await page
      .getByRole('heading', { name: plans ? 'Set up your program: 1 step to go' : 'Set-up complete' })
      .waitFor();
  });

  it('counts pending applications in the navigation and shows invited staff as invited', async () => {
    await applyAsAffiliate(
      server,
      operator,
      { email: 'new@first-run.example', password: 'Partner#pass1' },
      {
        first_name: 'Nia',
        last_name: 'New',
      },
    );
    await page.goto(`${server.baseUrl}/admin`);
    const badge = page.getByRole('navigation', { name: 'Back office' }).getByTestId('nav-badge');
    await expect.poll(() => badge.textContent()).toBe('1 pending application');

    expect(
      (await operator('POST', '/api/v1/staff', { email: 'ivo@first-run.example', role: 'support' })).status,
    ).toBe(201);
    await page.goto(`${server.baseUrl}/admin/staff`);
    const row = page.getByRole('row').filter({ hasText: 'ivo@first-run.example' });
    expect(await row.getByTestId('staff-status').textContent()).toBe('invited');
    const me = page.getByRole('row').filter({ hasText: 'admin@example.com' });
    expect(await me.getByTestId('staff-status').textContent()).toBe('active');
  });

  it('filters the click log and opens one click with every stored field', async () => {
    await click('?sub1=newsletter&sub2=may&utm_source=mail');
    await click('?sub1=spring', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)');
    await expect.poll(async () => (await operator('GET', '/api/v1/clicks')).json.data.length).toBe(3);
    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Click log' })
      .click();
    const rows = page.locator('section[aria-label="Clicks"] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);

    await page.getByLabel('sub1').fill('spring');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(page.url()).toContain('sub1=spring');
    await page.getByLabel('Bots').selectOption('no');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.count()).toBe(1);

    await page.getByLabel('sub1').fill('nothing-like-this');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No clicks match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(3);

    // One click opens with every field: sub-ids, the other parameters, what it points at.
    await page.getByLabel('sub1').fill('newsletter');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByTestId('click-link').click();
    const detail = page.getByTestId('click-detail');
    await detail.waitFor();
    const field = (label: string) => detail.locator(`dd[data-field="${label}"]`).textContent();
    expect(await field('sub1')).toBe('newsletter');
    expect(await field('sub2')).toBe('may');
    expect(await field('Promo')).toContain('Sidebar');
    expect(await field('Affiliate')).toContain(`#${ids.affiliate}`);
    expect(await field('Destination link')).toContain('Welcome page');
    expect(await field('Other parameters')).toContain('"utm_source": "mail"');
    expect(await field('Bot')).toBe('no');
    expect(await field('Click id')).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('shows the counts on the home page, the affiliate, the link and in the portal', async () => {
    const today = (scope: Page | ReturnType<Page['locator']>) =>
      scope.getByTestId('clicks-today').first().textContent();
    await page.goto(`${server.baseUrl}/admin`);
    await expect.poll(() => today(page.locator('section[aria-labelledby="home-clicks-title"]'))).toBe('3');
    await page.goto(`${server.baseUrl}/admin/affiliates/${ids.affiliate}`);
    await expect.poll(() => today(page.locator('section[aria-labelledby="affiliate-clicks"]'))).toBe('3');
    await page.goto(`${server.baseUrl}/admin/destination-links`);
    await expect.poll(() => today(page.getByRole('row').filter({ hasText: 'Welcome page' }))).toBe('3');

    const portal = await newPage(await browser.newContext());
    await submitPortalSignIn(portal, server, PIA);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    const mine = portal.locator('section[aria-labelledby="my-clicks"]');
    await expect.poll(() => mine.getByTestId('clicks-today').textContent()).toBe('3');
    expect(await mine.getByTestId('unique-today').textContent()).toBe('3 unique');
    expect(await mine.getByTestId('clicks-last_30_days').textContent()).toBe('3');

    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Campaigns' }).click();
    const campaignRow = portal.getByRole('row').filter({ hasText: 'Spring push' });
    await expect.poll(() => campaignRow.getByTestId('clicks-today').textContent()).toBe('3');
    await campaignRow.getByRole('link', { name: 'Spring push' }).click();
    const card = portal.getByTestId('promo-card').filter({ hasText: 'Sidebar' });
    await expect.poll(() => card.getByTestId('clicks-today').textContent()).toBe('3');
    await portal.context().close();
  });

  it('says what to do next on an empty list, with the button to do it', async () => {
    await page.goto(`${server.baseUrl}/admin/api-keys`);
    await page.getByText('No API keys yet.').waitFor();
    await page.getByRole('button', { name: 'Create a key' }).click();
    expect(await page.evaluate(() => document.activeElement?.closest('form')?.id)).toBe('create-api-key');

    await page.goto(`${server.baseUrl}/admin/affiliates?q=nobody-has-this-name`);
    await page.getByText('No affiliates match.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: /Pia/ }).first().waitFor();
    expect(new URL(page.url()).search).toBe('');
  });
});
