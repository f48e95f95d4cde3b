import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiCall,
  approvedAffiliate,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  submitPortalSignIn,
  uploadBanner,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const PIA = { email: 'pia@partner.example', password: 'Partner#pass1' };
// CI keeps .tmp (.ci/run), so the screenshots of a run can be looked at afterwards.
const SHOTS = path.resolve(import.meta.dirname, '../.tmp/screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

// Every page of the back office and the portal fits a phone (nothing scrolls sideways, the
// navigation folds behind a menu, Sign out stays), and a wide screen is used.
describe('the shell at 390 px and 1440 px', () => {
  let server: TestServer;
  let browser: Browser;
  let operator: ApiCall;
  const ids: Record<string, number | string> = {};

  beforeAll(async () => {
    let page: Page;
    ({ server, browser, page } = await startE2E());
    await page.close();
    fs.mkdirSync(SHOTS, { recursive: true });
    operator = await setUpAdmin(server);
    ids.affiliate = await approvedAffiliate(server, operator, PIA, {
      first_name: 'Pia',
      last_name: 'Partner',
      company_name: 'Pia Partner Media International Holdings',
    });
    // Terms published after Pia signed up: every portal page shows the banner asking to accept them.
    const terms = await operator('POST', '/api/v1/terms-versions', {
      title: 'Affiliate program terms and conditions with a rather long title for a phone',
      summary: 'Paid search on the brand names is no longer allowed anywhere in the world.',
      body: 'Play fair.\n\nhttps://lucky.example/a/very/long/address/that/must/wrap/on/a/phone/screen/too',
    });
    expect(terms.status, JSON.stringify(terms.json)).toBe(201);
    for (const name of [
      'Acme Media Worldwide',
      'Zenith Traffic Partners',
      'Northwind Performance Marketing',
    ]) {
      const res = await operator('POST', '/api/v1/affiliates', {
        name,
        status: 'active',
        email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
        website_url: `https://${name.split(' ')[0]!.toLowerCase()}.example/a/rather/long/path/to/a/landing`,
        labels: ['Seed', 'Casino', 'Sports'],
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    ids.brand = brand.json.id;
    const plan = await operator('POST', '/api/v1/commission-plans', {
      name: 'Hybrid deal with a rather long name for a phone',
      brand_id: ids.brand,
      currency: 'EUR',
      definition: {
        cpa: { amount: 3000, qualification: { min_first_deposit: 2000, within_days: 7 } },
        revshare: { basis: 'ngr', rate: '25', deductions: ['bonuses', { admin_fee_percent: '10' }] },
      },
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(201);
    ids.plan = plan.json.id;
    const v2 = await operator('POST', `/api/v1/commission-plans/${ids.plan}/versions`, {
      definition: { cpa: { amount: 3500, qualification: { min_first_deposit: 2000, within_days: 7 } } },
    });
    expect(v2.status, JSON.stringify(v2.json)).toBe(201);
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: brand.json.id,
      name: 'Welcome page',
      url: 'https://lucky.example/welcome/with/a/very/long/path/that/does/not/break?btag={{click_id}}&aff={{affiliate_id}}',
    });
    expect(link.status, JSON.stringify(link.json)).toBe(201);
    ids.link = link.json.id;
    ids.media = await uploadBanner(server, {
      title: 'A banner with a rather long title for a phone',
      brand_id: brand.json.id,
    });
    // A click, so the click log and one click's page have something to show.
    const campaign = await operator('POST', '/api/v1/campaigns', {
      affiliate_id: ids.affiliate,
      brand_id: ids.brand,
      name: 'Walk',
    });
    ids.campaign = campaign.json.id;
    const promo = await operator('POST', `/api/v1/campaigns/${campaign.json.id}/promos`, {
      destination_link_id: ids.link,
    });
    const visit = await fetch(
      `${server.baseUrl}/c/${promo.json.code}?sub1=a-rather-long-placement-name-for-a-phone`,
      {
        redirect: 'manual',
      },
    );
    expect(visit.status).toBe(302);
    // Customers, one attributed with a deposit and one nobody owns, and a coupon code, for the events screens.
    const sent = await operator('POST', '/api/v1/events', {
      events: [
        ['registration', 'player-with-a-rather-long-operator-id-1001', { affiliate_id: ids.affiliate }],
        ['deposit', 'player-with-a-rather-long-operator-id-1001', { amount: 123456789, currency: 'EUR' }],
        ['registration', 'player-2002', { click_id: '01AAAAAAAAAAAAAAAAAAAAAAAA', coupon_code: 'SPRING' }],
      ].map(([type, customer, extra], i) => ({
        type,
        event_id: `e-${i}`,
        brand_id: ids.brand,
        customer_id: customer,
        occurred_at: new Date().toISOString(),
        ...(extra as object),
      })),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    const customers = (await operator('GET', '/api/v1/customers')).json.data as {
      id: number;
      affiliate_id: number | null;
    }[];
    ids.customer = customers.find((c) => c.affiliate_id)!.id;
    ids.unattributed = customers.find((c) => !c.affiliate_id)!.id;
    const inquiry = await operator('POST', `/api/v1/affiliates/${ids.affiliate}/inquiries`, {
      subject: 'Proof of identity and address for the verification of a rather long account name',
      expected_reply:
        'A scan of your passport and https://lucky.example/a/very/long/address/that/must/wrap/on/a/phone',
      due_date: '2099-12-31',
    });
    expect(inquiry.status, JSON.stringify(inquiry.json)).toBe(201);
    ids.inquiry = inquiry.json.id;
    const message = await operator('POST', `/api/v1/affiliates/${ids.affiliate}/messages`, {
      subject: 'Welcome to the program, with a subject long enough to wrap on a phone screen',
      body: 'Your account manager is here: https://lucky.example/a/very/long/address/that/must/wrap/on/a/phone',
    });
    expect(message.status, JSON.stringify(message.json)).toBe(201);
    const coupon = await operator('POST', '/api/v1/coupon-codes', {
      brand_id: ids.brand,
      code: 'SPRING-WELCOME-BONUS-2026',
      affiliate_id: ids.affiliate,
      description: 'Given out in the spring newsletter, valid for the whole season',
      valid_until: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });
    expect(coupon.status, JSON.stringify(coupon.json)).toBe(201);
  });

  afterAll(() => stopE2E(browser, server));

  async function signedIn(viewport: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    const page = await newPage(context);
    await signInToBackOffice(page, server, ADMIN);
    await submitPortalSignIn(page, server, PIA);
    await page.waitForURL(`${server.baseUrl}/portal`);
    return { context, page };
  }

  const backOffice = () => [
    '/admin',
    '/admin/affiliates',
    '/admin/affiliates/new',
    `/admin/affiliates/${ids.affiliate}`,
    `/admin/affiliates/${ids.affiliate}?tab=sub_affiliates&sub_by=month`,
    `/admin/affiliates/${ids.affiliate}/edit`,
    `/admin/affiliates/${ids.affiliate}?tab=messages`,
    '/admin/inquiries',
    `/admin/inquiries/${ids.inquiry}`,
    '/admin/messages',
    '/admin/brands',
    '/admin/brands/new',
    `/admin/brands/${ids.brand}`,
    '/admin/destination-links',
    '/admin/destination-links/new',
    `/admin/destination-links/${ids.link}`,
    '/admin/media',
    `/admin/media/${ids.media}`,
    '/admin/campaigns',
    '/admin/campaigns/new',
    `/admin/campaigns/${ids.campaign}`,
    '/admin/traffic-sources',
    '/admin/customers',
    `/admin/customers/${ids.customer}`,
    `/admin/customers/${ids.unattributed}`,
    '/admin/events',
    '/admin/unattributed',
    '/admin/coupon-codes',
    '/admin/fraud-rules',
    '/admin/api-keys',
    '/admin/staff',
    '/admin/outbox',
    '/admin/audit-log',
    '/admin/program',
    '/admin/terms',
    '/admin/no-such-page',
    '/admin/clicks',
    `/admin/clicks/${ids.click}`,
    '/admin/commission-plans',
    '/admin/commission-plans/new',
    '/admin/commissions',
    '/admin/commission-backtest',
    `/admin/commission-plans/${ids.plan}`,
    `/admin/commission-plans/${ids.plan}/publish`,
    `/admin/plan-assignments?brand=${ids.brand}&affiliate=${ids.affiliate}`,
    `/admin/affiliates/${ids.affiliate}?tab=postbacks`,
    '/admin/webhooks',
    '/admin/bills',
    '/admin/cash-outs',
    '/admin/payouts',
    '/admin/reports',
    '/admin/reports?period=last_30_days&group=day,affiliate,country&cols=clicks,unique_clicks,registrations,ftd_count,ftd_amount,deposit_amount,ngr,total_commission',
  ];
  const portal = [
    '/portal',
    '/portal/campaigns',
    '/portal/customers',
    '/portal/coupon-codes',
    '/portal/commissions',
    '/portal/profile',
    '/portal/security',
    '/portal/team',
    '/portal/events',
    '/portal/postbacks',
    '/portal/postback-log',
    '/portal/bills',
    '/portal/wallet',
    '/portal/commission-plans',
    '/portal/sub-affiliates',
    '/portal/sub-affiliates?tab=report&sub_by=day',
    '/portal/terms',
    '/portal/inquiries',
    `/portal/inquiries/${ids.inquiry}`,
    '/portal/messages',
    '/portal/reports',
    '/portal/reports?period=last_30_days&group=day,campaign,country',
    '/portal/no-such-page',
  ];
  // The pages an emailed link opens carry a token; a made-up one shows what a used one does.
  const signedOut = [
    '/',
    '/setup?token=walk',
    '/admin/login',
    '/admin/set-password?token=walk',
    '/admin/unlock?token=walk',
    '/portal/sign-in',
    '/portal/signup',
    '/portal/forgot-password',
    '/portal/set-password?token=walk',
    '/portal/reset-password?token=walk',
    '/portal/unlock?token=walk',
  ];

  /** Opens the page and waits for its main heading, so what is measured is the rendered page. */
  async function open(page: Page, url: string): Promise<void> {
    await page.goto(`${server.baseUrl}${url}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('at 390 px no page scrolls sideways, and every signed-in page keeps Menu and Sign out', async () => {
    // The click of beforeAll, once the click writer has stored it.
    await expect.poll(async () => (await operator('GET', '/api/v1/clicks')).json.data.length).toBe(1);
    ids.click = (await operator('GET', '/api/v1/clicks')).json.data[0].id;
    const { context, page } = await signedIn(PHONE);
    const wide: string[] = [];
    for (const url of [...backOffice(), ...portal]) {
      await open(page, url);
      if ((await overflow(page)) > 0) wide.push(`${url} (${await overflow(page)} px too wide)`);
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible(), url).toBe(true);
      expect(await page.getByRole('button', { name: 'Menu' }).isVisible(), url).toBe(true);
    }
    expect(wide).toEqual([]);
    const anonymous = await newPage(await browser.newContext({ viewport: PHONE }));
    for (const url of signedOut) {
      await open(anonymous, url);
      if ((await overflow(anonymous)) > 0) wide.push(`${url} (${await overflow(anonymous)} px too wide)`);
    }
    expect(wide).toEqual([]);
    await anonymous.context().close();
    await context.close();
  });

  it('at 390 px the navigation opens from the menu button and closes once a link is followed', async () => {
    const { context, page } = await signedIn(PHONE);
    await open(page, '/admin');
    const nav = page.getByRole('navigation', { name: 'Back office' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await page.getByRole('button', { name: 'Close menu' }).getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Affiliates' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/affiliates`);
    await expect.poll(() => nav.isVisible()).toBe(false);
    // The table scrolls in its own box instead of widening the page.
    const box = page.locator('.table-scroll').first();
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('at 1440 px the affiliates table keeps each name on one line', async () => {
    const { context, page } = await signedIn(DESKTOP);
    await open(page, '/admin/affiliates');
    const names = page.locator('table.table tbody tr td a');
    await names.first().waitFor();
    const lines = await names.evaluateAll((links) => links.map((a) => a.getClientRects().length));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.every((n) => n === 1)).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Back office' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await context.close();
  });

  for (const [label, viewport] of [
    ['390', PHONE],
    ['1440', DESKTOP],
  ] as const) {
    it(`screenshots at ${label} px: home, affiliates, an affiliate, events, customers, portal home, the promo flow`, async () => {
      const { context, page } = await signedIn(viewport);
      const shot = async (name: string) => {
        expect(await overflow(page), name).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`), fullPage: true });
      };
      await open(page, '/admin');
      await shot('home');
      await open(page, '/admin/affiliates');
      await shot('affiliates');
      await open(page, `/admin/affiliates/${ids.affiliate}`);
      await shot('affiliate');
      await open(page, '/admin/events');
      await shot('events');
      await open(page, `/admin/customers/${ids.customer}`);
      await shot('customer');
      await open(page, `/admin/customers/${ids.unattributed}`);
      await shot('customer-unattributed');
      await open(page, '/admin/unattributed');
      await page.getByRole('button', { name: 'Attribute player-2002' }).click();
      await shot('unattributed-attribute');
      await open(page, '/admin/coupon-codes');
      await shot('coupon-codes');
      await open(page, '/admin/fraud-rules');
      await shot('fraud-rules');
      await open(page, `/admin/commission-plans/${ids.plan}/publish`);
      await shot('commission-plan-editor');
      await open(page, `/admin/commission-plans/${ids.plan}`);
      await shot('commission-plan');
      await open(page, '/portal/customers');
      await shot('portal-customers');
      await open(page, '/portal');
      await shot('portal-home');

      await open(page, '/portal/campaigns');
      await page.getByLabel('Campaign name').fill(`Spring push ${label}`);
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByRole('heading', { name: new RegExp(`Spring push ${label}`) }).waitFor();
      await page.getByRole('button', { name: 'Add promo' }).click();
      await page.getByLabel('Landing URL').selectOption({ label: 'Welcome page' });
      await shot('promo-1-landing');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel(/Direct link/).check();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel('Promo title').fill('Sidebar');
      await shot('promo-3-title');
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.getByTestId('tracking-link').waitFor();
      await shot('promo-done');
      await context.close();
    });
  }
});
