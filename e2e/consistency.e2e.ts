import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  submitPortalSignIn,
  uploadBanner,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const ANN = { email: 'ann@partner.example', password: 'Partner#pass1' };

// The same patterns on every page: searchable pickers, amounts in major units, a readable history,
// titles, a not-found page inside the shell; and a portal whose words match what exists.
describe('one way of doing things, and a portal that says what exists', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky Star', base_currency: 'EUR' });
    ids.brand = brand.json.id;
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: ids.brand,
      name: 'Welcome page',
      url: 'https://lucky.example/welcome?btag={{click_id}}',
    });
    ids.link = link.json.id;
    for (const [name, description] of [
      ['SEO', 'Search engines: your own site or blog'],
      ['Social media', 'Posts and ads on social networks'],
    ] as const) {
      const source = await operator('POST', '/api/v1/traffic-sources', { name, description });
      ids[name] = source.json.id;
    }
    ids.banner = await uploadBanner(server, { title: 'Spring 300x250', brand_id: ids.brand });
    const named = await operator('PATCH', '/api/v1/settings/program', {
      name: 'Star Partners',
      terms_url: 'https://lucky.example/affiliate-terms',
    });
    expect(named.status, JSON.stringify(named.json)).toBe(200);
  });

  afterAll(() => stopE2E(browser, server));

  /** The error shown under the input labelled `label`, as its aria-describedby names it. */
  async function errorOf(label: string): Promise<string | null> {
    const input = page.getByLabel(label, { exact: true });
    const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const error = ids.find((id) => id.endsWith('-error'));
    return error ? page.locator(`[id="${error}"]`).textContent() : null;
  }

  /** Types into a picker and chooses the option named `option` from its list. */
  async function pick(label: string, typed: string, option: string | RegExp) {
    const input = page.getByRole('combobox', { name: label, exact: true });
    await input.fill(typed);
    await page
      .getByRole('listbox')
      .getByRole('option', { name: option, exact: typeof option === 'string' })
      .click();
  }

  it('signs up with a country and a traffic source, under the program’s name and terms', async () => {
    await page.goto(`${server.baseUrl}/portal/signup`);
    await page.getByRole('heading', { name: 'Apply to Star Partners' }).waitFor();
    await expect.poll(() => page.title()).toBe('Apply · Star Partners');
    const terms = page.getByRole('link', { name: /Read the terms and conditions/ });
    expect(await terms.getAttribute('href')).toBe('https://lucky.example/affiliate-terms');
    await page.getByLabel(/I accept the terms and conditions of Star Partners/).waitFor();

    await page.getByLabel('First name').fill('Ann');
    await page.getByLabel('Last name').fill('Lee');
    // The country list is searched by name; accents and case do not matter.
    await page.getByRole('combobox', { name: 'Country' }).fill('nether');
    expect(await page.getByRole('listbox').getByRole('option').allTextContents()).toEqual([
      'Netherlands (NL)',
    ]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('Netherlands (NL)');
    await page.getByLabel('Main traffic source').selectOption({ label: 'SEO' });
    await page.getByText('Search engines: your own site or blog').waitFor();
    await page.getByLabel('Email').fill(ANN.email);
    await page.getByLabel('Password').fill(ANN.password);
    await page.getByLabel(/I accept the terms/).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();

    const found = await operator('GET', `/api/v1/affiliates?q=${encodeURIComponent(ANN.email)}`);
    expect(found.json.data).toHaveLength(1);
    ids.ann = found.json.data[0].id;
    const ann = await operator('GET', `/api/v1/affiliates/${ids.ann}`);
    expect(ann.json).toMatchObject({ address: { country_code: 'NL' }, traffic_source_id: ids.SEO });
    expect((await operator('POST', `/api/v1/affiliates/${ids.ann}/approve`)).status).toBe(204);
  });

  it('the back office: pickers, an amount in major units, a readable history, titles', async () => {
    await signInToBackOffice(page, server);
    await expect.poll(() => page.title()).toBe('Dashboard · Affluent');
    const favicon = page.locator('link[rel="icon"]');
    expect(await favicon.getAttribute('href')).toBe('/favicon.svg');
    const icon = await fetch(`${server.baseUrl}/favicon.svg`);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');

    await page.goto(`${server.baseUrl}/admin/affiliates/${ids.ann}/edit`);
    await page.getByRole('heading', { name: /Edit/ }).waitFor();
    await expect.poll(() => page.title()).toBe('Edit affiliate · Affluent');
    // A region waits for its country: the field says so and looks disabled.
    await pick('Country', '', 'None');
    const region = page.getByRole('combobox', { name: 'Region' });
    expect(await region.isDisabled()).toBe(true);
    expect(await region.getAttribute('placeholder')).toBe('Choose a country first');
    const style = await region.evaluate((el) => getComputedStyle(el).cursor);
    expect(style).toBe('not-allowed');
    await pick('Country', 'united st', 'United States (US)');
    await pick('Region', 'calif', 'California (CA)');
    await pick('Default currency', 'euro', 'EUR · Euro');
    await pick('Language', 'portuguese (b', /Portuguese \(Brazil\)/);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/affiliates/${ids.ann}`);
    const saved = await operator('GET', `/api/v1/affiliates/${ids.ann}`);
    expect(saved.json).toMatchObject({
      default_currency: 'EUR',
      language: 'pt-BR',
      address: { country_code: 'US', region_code: 'CA' },
    });

    // Billing: a weekday chosen, then unchosen, is refused in the words of the list; the threshold is in euros.
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByLabel('Billing frequency').selectOption('weekly');
    await page.getByLabel('Day of week').selectOption('monday');
    await page.getByLabel('Day of week').selectOption('');
    await page.getByLabel('Invoice threshold in EUR').fill('250.5');
    await page.getByRole('button', { name: 'Save billing' }).click();
    await expect.poll(() => errorOf('Day of week')).toMatch(/^must be one of: Monday, Tuesday, Wednesday/);
    await page.getByLabel('Day of week').selectOption('friday');
    await page.getByLabel('Invoice threshold in EUR').fill('250.505');
    await page.getByRole('button', { name: 'Save billing' }).click();
    await expect.poll(() => errorOf('Invoice threshold in EUR')).toBe('must have at most 2 decimals');
    await page.getByLabel('Invoice threshold in EUR').fill('250.50');
    await page.getByRole('button', { name: 'Save billing' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const billing = await operator('GET', `/api/v1/affiliates/${ids.ann}?relationship=billing`);
    expect(billing.json.relationships.billing).toMatchObject({ invoice_amount_threshold: 25050 });

    // The history names fields and values as people do.
    await page.getByRole('link', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('rowheader', { name: 'Invoice threshold' }).waitFor();
    const rowOf = (field: string) => history.getByRole('row', { name: new RegExp(`^${field}`) }).first();
    await expect.poll(() => rowOf('Invoice threshold').textContent()).toContain('250.50 EUR');
    await expect.poll(() => rowOf('Language').textContent()).toContain('Portuguese (Brazil)');
    await expect.poll(() => rowOf('Country').textContent()).toContain('United States');
    await expect.poll(() => rowOf('Main traffic source').textContent()).toContain('SEO');
    expect(await history.textContent()).not.toMatch(/traffic_source_id|default_currency|minor units/);
    expect(await history.textContent()).toContain('via back office');
  });

  it('crypto currencies are offered only while the operator has them on', async () => {
    const offered = async (expected: string[]) => {
      await page.goto(`${server.baseUrl}/admin/brands/new`);
      await page.getByRole('combobox', { name: 'Base currency' }).fill('bitcoin');
      await expect
        .poll(() => page.getByRole('listbox').getByRole('option').allTextContents())
        .toEqual(expected);
    };
    await offered(['BCH · Bitcoin Cash (crypto)', 'BTC · Bitcoin (crypto)']);
    await page.goto(`${server.baseUrl}/admin/program`);
    await page.getByLabel('BTC · Bitcoin').uncheck();
    await expect.poll(async () => (await operator('GET', '/api/v1/currencies/BTC')).json.enabled).toBe(false);
    await offered(['BCH · Bitcoin Cash (crypto)']);
  });

  it('an unknown address shows "Page not found" inside the shell', async () => {
    await page.goto(`${server.baseUrl}/admin/no-such-page`);
    await page.getByTestId('not-found').getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('navigation', { name: 'Back office' }).waitFor();
    await expect.poll(() => page.title()).toBe('Page not found · Affluent');
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.waitForURL(`${server.baseUrl}/admin`);
  });

  it('the portal: program header, promo flow with a summary, banner HTML, sub-ids, a source added later', async () => {
    const context = await browser.newContext();
    const portal = await newPage(context);
    try {
      await submitPortalSignIn(portal, server, ANN);
      await portal.waitForURL(`${server.baseUrl}/portal`);
      await portal.getByTestId('program-name').getByText('Star Partners').waitFor();
      await expect.poll(() => portal.title()).toBe('Home · Star Partners');

      await portal.goto(`${server.baseUrl}/portal/nowhere`);
      await portal.getByTestId('not-found').waitFor();
      await portal.getByRole('navigation', { name: 'Portal' }).waitFor();

      await portal
        .getByRole('navigation', { name: 'Portal' })
        .getByRole('link', { name: 'Campaigns' })
        .click();
      await portal.getByLabel('Campaign name').fill('Spring');
      await portal.getByRole('button', { name: 'Create campaign' }).click();
      await portal.getByRole('heading', { name: /Spring/ }).waitFor();

      // First promo: a banner and a traffic source; the summary says what will be made.
      await portal.getByRole('button', { name: 'Add promo' }).click();
      await portal.getByLabel('Traffic source').selectOption({ label: 'Social media' });
      await portal.getByText('Once set, the traffic source cannot be changed').waitFor();
      await portal.getByLabel('Landing URL').selectOption({ label: 'Welcome page' });
      await portal.getByRole('button', { name: 'Next' }).click();
      await portal.getByLabel(/Spring 300x250/).check();
      await portal.getByRole('button', { name: 'Next' }).click();
      const summary = portal.getByTestId('promo-summary');
      await summary.waitFor();
      const facts = await summary.textContent();
      expect(facts).toContain('CampaignSpring');
      expect(facts).toContain('Social media (cannot be changed later)');
      expect(facts).toContain('Welcome page');
      expect(facts).toContain('lucky.example');
      expect(facts).toContain('Spring 300x250');
      await portal.getByLabel('Promo title').fill('Sidebar banner');
      await portal.getByRole('button', { name: 'Finish' }).click();

      const card = portal.getByTestId('promo-card').filter({ hasText: 'Sidebar banner' });
      await card.waitFor();
      expect(await card.textContent()).toContain('banner “Spring 300x250”');
      expect(await card.textContent()).toContain('traffic source Social media');
      const link = (await card.getByTestId('tracking-link').textContent())!;
      await card.getByText('Banner HTML').click();
      const code = await card.getByLabel('HTML embed code').inputValue();
      expect(code).toContain(`<a href="${link}"`);
      expect(code).toContain('alt="Spring 300x250" width="300" height="250"');
      expect(code).toContain(link.replace('/c/', '/i/'));

      await card.getByText('Build a link with sub-ids').click();
      await card.getByLabel('sub1').fill('sidebar');
      await card.getByLabel('sub2').fill('spring sale');
      expect(await card.getByTestId('built-link').textContent()).toBe(
        `${link}?sub1=sidebar&sub2=spring+sale`,
      );

      // Second promo: a direct link without a source; the source is added later, once.
      await portal.getByRole('button', { name: 'Add promo' }).click();
      await portal.getByLabel('Landing URL').selectOption({ label: 'Welcome page' });
      await portal.getByRole('button', { name: 'Next' }).click();
      await portal.getByLabel(/Direct link/).check();
      await portal.getByRole('button', { name: 'Next' }).click();
      expect(await portal.getByTestId('promo-summary').textContent()).toContain(
        'None yet: you can add it once, later',
      );
      await portal.getByRole('button', { name: 'Finish' }).click();
      const direct = portal.getByTestId('promo-card').filter({ hasText: 'direct link' });
      await direct.getByLabel('Add a traffic source').selectOption({ label: 'SEO' });
      await direct.getByRole('button', { name: 'Set traffic source' }).click();
      await portal.getByRole('dialog').getByRole('button', { name: 'Set it for good' }).click();
      await expect.poll(() => direct.textContent()).toContain('traffic source SEO');
      expect(await direct.getByLabel('Add a traffic source').count()).toBe(0);
      const promos = await operator('GET', `/api/v1/promos?affiliate_id=${ids.ann}`);
      expect(
        promos.json.data.map((p: { title: string; traffic_source_id: number }) => [
          p.title,
          p.traffic_source_id,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['Sidebar banner', ids['Social media']],
          ['Welcome page', ids.SEO],
        ]),
      );
    } finally {
      await context.close();
    }
  });
});
