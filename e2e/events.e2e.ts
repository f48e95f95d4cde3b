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

const PIA = { email: 'pia@partner.example', password: 'Partner#pass1' };
const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

// The operator's platform sends events; the operator follows a customer from the events log to
// its timeline and reads why it belongs to its affiliate, then attributes one nobody owns.
describe('events, customers and attribution in the back office', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  const ids: Record<string, number> = {};
  let clickId = '';
  let code = '';

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name, exact: true });
  const customer = async (externalId: string) =>
    (await operator('GET', `/api/v1/customers?q=${externalId}`)).json.data[0];

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    // Pia signs in to the portal; Otto is an affiliate the operator keeps.
    ids['Pia Partner'] = await approvedAffiliate(server, operator, PIA, {
      first_name: 'Pia',
      last_name: 'Partner',
      company_name: 'Pia Partner',
    });
    const otto = await operator('POST', '/api/v1/affiliates', { name: 'Otto Outreach', status: 'active' });
    expect(otto.status, JSON.stringify(otto.json)).toBe(201);
    ids['Otto Outreach'] = otto.json.id;
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    ids.brand = brand.json.id;
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: ids.brand,
      name: 'Welcome page',
      url: 'https://lucky.example/welcome?btag={{click_id}}',
    });
    expect(link.status, JSON.stringify(link.json)).toBe(201);
    for (const [name, campaign] of [
      ['Pia Partner', 'Spring push'],
      ['Otto Outreach', 'Forum threads'],
    ] as const) {
      const made = await operator('POST', '/api/v1/campaigns', {
        affiliate_id: ids[name],
        brand_id: ids.brand,
        name: campaign,
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      ids[campaign] = made.json.id;
    }
    const promo = await operator('POST', `/api/v1/campaigns/${ids['Spring push']}/promos`, {
      destination_link_id: link.json.id,
      title: 'Sidebar',
    });
    expect(promo.status, JSON.stringify(promo.json)).toBe(201);

    ids.promo = promo.json.id;
    code = promo.json.code;
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('the platform sends events after a click on a tracking link', async () => {
    // A visitor follows Pia's tracking link; the landing receives the click id.
    const res = await fetch(`${server.baseUrl}/c/${code}?sub1=spring&webID=w-77`, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' },
    });
    expect(res.status).toBe(302);
    clickId = new URL(res.headers.get('location')!).searchParams.get('btag')!;
    expect(clickId).toMatch(/^[0-9A-Z]{26}$/);
    await expect
      .poll(async () => (await operator('GET', '/api/v1/tracking/metrics')).json.clicks.flushed)
      .toBe(1);

    // Each event happens after the click; the deposit comes in a later call, as it would.
    const common = { brand_id: ids.brand, currency: 'EUR' };
    const send = async (events: Record<string, unknown>[]) => {
      const sent = await operator('POST', '/api/v1/events', {
        events: events.map((e) => ({ ...common, ...e })),
      });
      expect(sent.status, JSON.stringify(sent.json)).toBe(200);
      expect(sent.json.created).toBe(events.length);
    };
    await send([
      {
        type: 'registration',
        event_id: 'reg-1001',
        customer_id: 'player-1001',
        occurred_at: new Date().toISOString(),
        click_id: clickId,
        coupon_code: 'NOPE',
        country: 'NL',
      },
      // A registration that arrives three days late, naming a click nobody recorded.
      {
        type: 'registration',
        event_id: 'reg-2002',
        customer_id: 'player-2002',
        occurred_at: ago(3 * 24 * 60 * MINUTE),
        click_id: '01AAAAAAAAAAAAAAAAAAAAAAAA',
      },
    ]);
    await send([
      {
        type: 'deposit',
        event_id: 'dep-1001',
        customer_id: 'player-1001',
        occurred_at: new Date().toISOString(),
        amount: 2500,
      },
      {
        type: 'deposit',
        event_id: 'dep-2002',
        customer_id: 'player-2002',
        occurred_at: ago(MINUTE),
        amount: 1000,
      },
    ]);
    ids.player1001 = (await customer('player-1001')).id;
    ids.player2002 = (await customer('player-2002')).id;
  });

  it('follows a customer from the events log to its timeline and reads the attribution explanation', async () => {
    await nav('Events log').click();
    const rows = page.locator('section[aria-label="Events"] tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    // Both times are shown; the late registration says how late it came.
    const late = rows.filter({ hasText: 'player-2002' }).filter({ hasText: 'Registration' });
    expect(await late.textContent()).toContain('3 days late');
    expect(await rows.filter({ hasText: 'FTD' }).count()).toBe(2);

    await page.getByLabel('Type').selectOption('registration');
    await page.getByLabel('Attributed').selectOption('yes');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('type=registration');
    expect(await rows.first().textContent()).toContain('Pia Partner');

    await rows.first().getByTestId('event-customer-link').click();
    await page.getByRole('heading', { level: 1, name: 'Customer player-1001' }).waitFor();
    const profile = page.getByTestId('customer-profile');
    const field = (label: string) => profile.locator(`dd[data-field="${label}"]`).textContent();
    await expect.poll(() => field('Affiliate')).toBe('Pia Partner');
    expect(await field('Attributed')).toMatch(/^by click id, /);
    expect(await field('Click')).toBe(clickId);
    expect(await field('Click parameters')).toBe('sub1=springwebID=w-77');
    expect(await field('First deposit')).toMatch(/^25\.00 EUR, /);
    const totals = page.getByTestId('customer-totals');
    expect(await totals.getByRole('row', { name: /^Deposits/ }).textContent()).toBe('Deposits25.00 EUR (1)');
    expect(await totals.getByRole('row', { name: /^Net deposits/ }).textContent()).toBe(
      'Net deposits25.00 EUR',
    );

    const timeline = page.getByRole('list', { name: 'Timeline' });
    const kinds = await timeline
      .locator(':scope > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(['click', 'event', 'attribution', 'event']);
    const click = timeline.locator('li[data-kind="click"]');
    expect(await click.locator('dd[data-field="Parameters"]').textContent()).toBe('sub1=springwebID=w-77');

    // The decision: who won, by which click, within which window, and the coupon code passed over.
    const decision = timeline.locator('li[data-kind="attribution"]');
    await expect.poll(() => decision.getByRole('heading').textContent()).toBe('Attributed: Pia Partner');
    const why = decision.getByTestId('explanation');
    expect(await why.locator('.explanation-summary').textContent()).toMatch(
      new RegExp(
        `^Attributed to Pia Partner by click ${clickId} on promo \\w+, .* before the event \\(window 30 days\\)\\.`,
      ),
    );
    expect(await why.locator('dd[data-field="winner"]').textContent()).toContain(
      `Click id: click ${clickId}`,
    );
    expect(await why.getByText('Lifetime: the first attribution holds').count()).toBe(1);
    const rejected = why.getByTestId('rejected-candidate');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.textContent()).toBe(
      'Coupon code NOPE unknown no coupon code NOPE exists for this brand',
    );

    // The deposit came later and followed the customer's binding.
    const deposit = timeline.locator('li[data-kind="event"]').nth(1);
    expect(await deposit.getByRole('heading').textContent()).toBe('Deposit 25.00 EUR FTD');
    expect(await deposit.locator('summary').textContent()).toMatch(/^Attribution: Belongs to Pia Partner/);
  });

  it('attributes an unattributed customer through the queue, after asking', async () => {
    await nav('Unattributed').click();
    const rows = page.locator('section[aria-label="Unattributed customers"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('player-2002');
    await page.getByText('2 events waiting in all.').waitFor();

    // Open the customer first: its timeline says why nothing matched.
    await rows.first().getByTestId('customer-link').click();
    await page.getByRole('heading', { level: 1, name: 'Customer player-2002' }).waitFor();
    const registration = page
      .getByRole('list', { name: 'Timeline' })
      .locator('li[data-kind="event"]')
      .first();
    expect(await registration.getByTestId('rejected-candidate').textContent()).toBe(
      'Click id 01AAAAAAAAAAAAAAAAAAAAAAAA unknown no click 01AAAAAAAAAAAAAAAAAAAAAAAA was recorded',
    );
    await page.goBack();

    await page.getByRole('button', { name: 'Attribute player-2002' }).click();
    const form = page.getByRole('form', { name: 'Attribute customer' });
    // Every problem in one answer, and nothing is sent.
    await form.getByRole('button', { name: 'Attribute', exact: true }).click();
    await form.getByText('Fix these 2 problems to continue:').waitFor();
    expect(await form.getByText('choose the affiliate the customer belongs to').count()).toBe(2);
    expect((await customer('player-2002')).affiliate_id).toBeNull();

    await form.getByLabel('Affiliate').fill('Otto');
    await form.getByRole('button', { name: `Choose Otto Outreach #${ids['Otto Outreach']}` }).click();
    await form.getByLabel('Campaign').selectOption({ label: 'Forum threads' });
    await form.getByLabel('Reason').fill('Support ticket 42: the player came from Otto’s forum');
    await form.getByRole('button', { name: 'Attribute', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Attribute customer player-2002 to Otto Outreach?' });
    await dialog
      .getByText('its 2 events nobody owns yet go to Otto Outreach (campaign Forum threads)')
      .waitFor();
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await customer('player-2002')).affiliate_id).toBeNull();
    await form.getByRole('button', { name: 'Attribute', exact: true }).click();
    await dialog.getByRole('button', { name: 'Attribute customer' }).click();

    await page.getByRole('status').getByText('Customer player-2002 now belongs to Otto Outreach.').waitFor();
    await page.getByText('Nothing to attribute.').waitFor();
    const moved = await customer('player-2002');
    expect(moved).toMatchObject({
      affiliate_id: ids['Otto Outreach'],
      campaign_id: ids['Forum threads'],
      attribution_method: 'operator',
    });
    const events = await operator('GET', `/api/v1/events?customer_ref=${ids.player2002}`);
    expect(events.json.data).toHaveLength(2);
    expect(
      events.json.data.map((e: { attribution: { affiliate_id: number } }) => e.attribution.affiliate_id),
    ).toEqual([ids['Otto Outreach'], ids['Otto Outreach']]);

    // The decision stands in the customer's timeline, with who made it and why.
    await page.goto(`${server.baseUrl}/admin/customers/${ids.player2002}`);
    const decision = page.getByRole('list', { name: 'Timeline' }).locator('li[data-kind="attribution"]');
    // Names arrive after the timeline (one search for the affiliates it points at).
    await expect
      .poll(() => decision.getByRole('heading').textContent())
      .toBe('Attributed by an operator: Otto Outreach');
    expect(await decision.textContent()).toContain('By admin@example.com');
    expect(await decision.locator('dd', { hasText: 'Support ticket 42' }).count()).toBe(1);
  });

  it('filters the customers table', async () => {
    await nav('Customers').click();
    const rows = page.locator('section[aria-label="Customers"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Customer id').fill('player-1');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Pia Partner');
    await page.getByLabel('Country').fill('DE');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No customers match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(2);
  });

  it('creates a coupon code, and an event carrying it is attributed by it; a used code can only be disabled', async () => {
    await nav('Coupon codes').click();
    await page.getByText('No coupon codes yet.').waitFor();
    await page.getByRole('button', { name: 'Create the first coupon code' }).click();
    const form = page.getByRole('form', { name: 'New coupon code' });
    await form.getByLabel('Code', { exact: true }).fill('spring 25');
    await form.getByLabel('Affiliate').fill('Otto');
    await form.getByRole('button', { name: `Choose Otto Outreach #${ids['Otto Outreach']}` }).click();
    await form.getByLabel('Campaign').selectOption({ label: 'Forum threads' });
    await form.getByRole('button', { name: 'Create coupon code' }).click();
    // The server's word for the code stands under it; nothing was created.
    await expect
      .poll(() => form.getByLabel('Code', { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    expect((await operator('GET', '/api/v1/coupon-codes')).json.data).toEqual([]);

    await form.getByLabel('Code', { exact: true }).fill('SPRING25');
    await form.getByRole('button', { name: 'Create coupon code' }).click();
    await page.getByRole('status').getByText('Coupon code SPRING25 created.').waitFor();
    const row = page.locator('section[aria-label="Coupon codes"] tbody tr').filter({ hasText: 'SPRING25' });
    await expect.poll(() => row.textContent()).toContain('Otto Outreach');
    expect(await row.textContent()).toContain(`campaign #${ids['Forum threads']}`);

    await operator('POST', '/api/v1/events', {
      type: 'registration',
      event_id: 'reg-3003',
      brand_id: ids.brand,
      customer_id: 'player-3003',
      occurred_at: new Date().toISOString(),
      coupon_code: 'spring25',
    });
    expect(await customer('player-3003')).toMatchObject({
      affiliate_id: ids['Otto Outreach'],
      attribution_method: 'coupon_code',
    });

    await page.reload();
    await row.getByRole('button', { name: 'Disable SPRING25' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable coupon code SPRING25?' });
    await dialog.getByText('Events already attributed by it keep it').waitFor();
    await dialog.getByRole('button', { name: 'Disable code' }).click();
    await page.getByRole('status').getByText('Coupon code SPRING25 disabled.').waitFor();
    await expect.poll(() => row.textContent()).toContain('disabled');
    expect((await operator('GET', '/api/v1/coupon-codes')).json.data).toMatchObject([
      { code: 'SPRING25', enabled: false, used: true },
    ]);
  });

  it("sets a brand's fraud rules, and a matching customer shows its flag", async () => {
    await nav('Fraud rules').click();
    const fast = page.getByRole('form', { name: 'Fast registration' });
    await fast.getByLabel('Mode').selectOption('hold');
    await fast.getByLabel('Seconds').fill('0');
    await fast.getByRole('button', { name: 'Save rule' }).click();
    await fast.getByText('must be a whole number of seconds from 1 to 3600').first().waitFor();
    await fast.getByLabel('Seconds').fill('30');
    await fast.getByRole('button', { name: 'Save rule' }).click();
    await fast.getByRole('status').waitFor();

    const country = page.getByRole('form', { name: 'Country not allowed' });
    await country.getByLabel('Mode').selectOption('flag');
    await country.getByLabel('Countries allowed').fill('nl, be');
    await country.getByRole('button', { name: 'Save rule' }).click();
    await country.getByRole('status').waitFor();
    const rules = (await operator('GET', `/api/v1/brands/${ids.brand}/fraud-rules`)).json.data;
    expect(rules.find((r: { rule: string }) => r.rule === 'fast_registration')).toMatchObject({
      mode: 'hold',
      params: { seconds: 30 },
    });
    expect(rules.find((r: { rule: string }) => r.rule === 'country_not_allowed')).toMatchObject({
      mode: 'flag',
      params: { countries: ['BE', 'NL'] },
    });

    await operator('POST', '/api/v1/events', {
      type: 'registration',
      event_id: 'reg-4004',
      brand_id: ids.brand,
      customer_id: 'player-4004',
      occurred_at: new Date().toISOString(),
      affiliate_id: ids['Pia Partner'],
      country: 'DE',
    });
    await page.goto(`${server.baseUrl}/admin/customers/${(await customer('player-4004')).id}`);
    const flag = page.getByRole('list', { name: 'Timeline' }).locator('li[data-kind="fraud_flag"]');
    expect(await flag.getByRole('heading').textContent()).toBe(
      'Fraud rule matched: country not allowed flagged',
    );
    expect(await flag.textContent()).toContain('country DE is not among the allowed BE, NL');
  });

  it("shows the affiliate its own customers in the portal, the operator's ids masked", async () => {
    const portal = await newPage(await browser.newContext());
    await submitPortalSignIn(portal, server, PIA);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Customers' }).click();
    const rows = portal.locator('section[aria-label="Customers"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const shown = await portal.getByTestId('portal-customer-id').allTextContents();
    expect(shown.sort()).toEqual(['pl*******01', 'pl*******04']);
    const deposited = rows.filter({ hasText: 'pl*******01' });
    expect(await deposited.textContent()).toContain('25.00 EUR');
    expect(await deposited.textContent()).toContain('Spring push');
    expect(await deposited.textContent()).toContain('sub1=spring');

    await portal.getByLabel('First deposit').selectOption('yes');
    await expect.poll(() => rows.count()).toBe(1);
    await portal.getByLabel('Brand').selectOption({ label: 'Lucky' });
    await expect.poll(() => rows.count()).toBe(1);

    // Her coupon codes, and not Otto's.
    const made = await operator('POST', '/api/v1/coupon-codes', {
      brand_id: ids.brand,
      code: 'PIA10',
      affiliate_id: ids['Pia Partner'],
      campaign_id: ids['Spring push'],
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    await portal
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: 'Coupon codes' })
      .click();
    const codes = portal.locator('section[aria-label="Coupon codes"] tbody tr');
    await expect.poll(() => codes.count()).toBe(1);
    expect(await codes.first().textContent()).toBe('PIA10LuckySpring pushalwaysactive—');
    await portal.context().close();
  });
});
