import fs from 'node:fs';
import path from 'node:path';
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

// CI keeps .tmp (.ci/run), so the screenshots of a run can be looked at afterwards.
const SHOTS = path.resolve(import.meta.dirname, '../.tmp/screenshots');
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// Three clicks on one promo and a customer who registers and deposits 25.00 EUR, all today: the
// operator builds a report by day and affiliate, sorts it, saves it as a favorite, opens it again,
// exports it as CSV, and sees the dashboard's figures and charts; the affiliate sees its own.
describe('reports', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  let affiliateId: number;
  let subId: number;
  const partner = { email: 'rita@partner.example', password: 'Aff1liate#pass' };

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    fs.mkdirSync(SHOTS, { recursive: true });
    operator = await setUpAdmin(server);
    affiliateId = await approvedAffiliate(server, operator, partner, {
      first_name: 'Rita',
      last_name: 'Reports',
    });
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: brand.json.id,
      name: 'Welcome',
      url: 'https://lucky.example/welcome?btag={{click_id}}',
    });
    const campaign = await operator('POST', '/api/v1/campaigns', {
      affiliate_id: affiliateId,
      brand_id: brand.json.id,
      name: 'Spring push',
    });
    expect(campaign.status, JSON.stringify(campaign.json)).toBe(201);
    const promo = await operator('POST', `/api/v1/campaigns/${campaign.json.id}/promos`, {
      destination_link_id: link.json.id,
    });
    for (const sub1 of ['a', 'b', 'c']) {
      const visit = await fetch(`${server.baseUrl}/c/${promo.json.code}?sub1=${sub1}`, {
        redirect: 'manual',
      });
      expect(visit.status).toBe(302);
    }
    // Rita referred Sam (her sub-affiliate), who brought one registration of his own.
    subId = await approvedAffiliate(
      server,
      operator,
      { email: 'sam@partner.example', password: 'Aff1liate#pass' },
      { first_name: 'Sam', last_name: 'Sub', company_name: 'Sam Sub Media' },
    );
    const referred = await operator('PATCH', `/api/v1/affiliates/${subId}`, { referrer_id: affiliateId });
    expect(referred.status, JSON.stringify(referred.json)).toBe(200);
    // Rita may see registrations (an extra permission), so her sub-affiliate report can show them.
    const opened = await operator('PATCH', `/api/v1/affiliates/${affiliateId}`, {
      extra_permissions: ['registrations_report'],
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    const sent = await operator('POST', '/api/v1/events', {
      events: [
        { type: 'registration', event_id: 'r1', customer_id: 'p1', affiliate_id: affiliateId },
        { type: 'deposit', event_id: 'd1', customer_id: 'p1', amount: 2500, currency: 'EUR' },
        { type: 'registration', event_id: 'r2', customer_id: 'p2', affiliate_id: subId },
      ].map((e) => ({ ...e, brand_id: brand.json.id, occurred_at: new Date().toISOString() })),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
  });

  afterAll(() => stopE2E(browser, server));

  it('builds a grouped report, sorts it, saves and opens a favorite, exports CSV, and shows the dashboard', async () => {
    // The clicks are written by the click writer a moment later.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect
      .poll(async () => {
        const report = await operator('POST', '/api/v1/reports/performance', {
          from: today,
          to: tomorrow,
          group_by: [],
          columns: ['clicks', 'registrations'],
        });
        return report.json.totals
          ?.map((t: { clicks: number }) => t.clicks)
          .reduce((a: number, b: number) => a + b, 0);
      })
      .toBe(3);
    await signInToBackOffice(page, server);
    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Reports', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const report = page.getByRole('form', { name: 'Report' });
    await report.getByLabel('Period').selectOption('today');
    await report.getByLabel('Add to group by').selectOption('day');
    await report.getByLabel('Add to group by').selectOption('affiliate');
    for (const metric of ['clicks', 'registrations', 'deposit_amount']) {
      await report.getByLabel('Add to columns').selectOption(metric);
    }
    await report.getByRole('button', { name: 'Run report' }).click();
    await page.waitForURL(/group=day%2Caffiliate|group=day,affiliate/);

    const table = page.getByTestId('report-table');
    const row = table.locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain(`#${affiliateId}`);
    const cells = await row.locator('td').allTextContents();
    // day, affiliate, currency, clicks 3, registrations 1, deposits 2500 minor units = 25.00 EUR.
    expect(cells.slice(3)).toEqual(['3', '1', expect.stringMatching(/^25[.,]00 EUR$/)]);
    await table.locator('tfoot tr').first().getByText('Total').waitFor();
    // Without ANALYTICS_URL every report is PostgreSQL's, and says so; no choice of store.
    await expect.poll(() => page.getByTestId('report-source').textContent()).toBe('Answered by PostgreSQL');
    expect(await page.getByLabel('Source', { exact: true }).count()).toBe(0);

    await table.getByRole('button', { name: 'Clicks' }).click();
    await page.waitForURL(/sort=clicks/);
    expect(page.url()).toContain('dir=desc');

    await page.getByLabel('Favorite name').fill('Today by affiliate');
    await page.getByRole('button', { name: 'Save as favorite' }).click();
    const favorites = page.getByTestId('favorites');
    await favorites.getByRole('button', { name: 'Today by affiliate', exact: true }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV', exact: true }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toContain('clicks');
    // The header, Rita's row (3 clicks first), Sam's (his one registration).
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(',3,1,2500');

    // A fresh report screen opens the favorite as it was saved: grouping, columns and sort.
    await page.goto(`${server.baseUrl}/admin/reports`);
    await page
      .getByTestId('favorites')
      .getByRole('button', { name: 'Today by affiliate', exact: true })
      .click();
    await page.waitForURL(/period=today/);
    for (const part of [
      /group=day(%2C|,)affiliate/,
      /cols=clicks(%2C|,)registrations(%2C|,)deposit_amount/,
      /sort=clicks/,
    ])
      expect(page.url()).toMatch(part);
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain(`#${affiliateId}`);

    // At phone width the report fits: the table scrolls in its own box, the page never sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'reports-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, 'reports-1440.png'), fullPage: true });

    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await expect
      .poll(() =>
        page.getByTestId('quick-stats').getByLabel('Today').getByTestId('stat-clicks').textContent(),
      )
      .toBe('3');
    await expect.poll(() => page.getByTestId('chart').locator('svg').count()).toBe(3);
    await expect
      .poll(() => page.getByRole('img', { name: 'Clicks per country' }).locator('svg path').count())
      .toBeGreaterThan(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-390.png'), fullPage: true });

    // The affiliate's home shows its own figures and charts; its report screen runs.
    const portal = await newPage(await browser.newContext());
    await submitPortalSignIn(portal, server, partner);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    await expect
      .poll(() =>
        portal.getByTestId('quick-stats').getByLabel('Today').getByTestId('stat-clicks').textContent(),
      )
      .toBe('3');
    await expect.poll(() => portal.getByTestId('chart').locator('svg').count()).toBe(3);
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Reports' }).click();
    await portal.getByRole('form', { name: 'Report' }).getByLabel('Period').selectOption('today');
    await portal.getByRole('form', { name: 'Report' }).getByLabel('Add to group by').selectOption('campaign');
    await portal.getByRole('button', { name: 'Run report' }).click();
    await expect
      .poll(() => portal.getByTestId('report-table').locator('tbody').textContent())
      .toContain('Spring push');
    await expect.poll(() => portal.getByTestId('report-source').textContent()).toBe('Answered by PostgreSQL');

    // With a report currency in her profile, the report converts into it unless she picks native.
    const profile = await portal.evaluate(async () => {
      const res = await fetch('/api/partner/v1/profile', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
        body: JSON.stringify({ report_currency: 'EUR' }),
      });
      return res.status;
    });
    expect(profile).toBe(200);
    await portal.goto(`${server.baseUrl}/portal/reports?period=today`);
    const form = portal.getByRole('form', { name: 'Report' });
    await expect.poll(() => form.getByLabel('Currency').inputValue()).toBe('EUR');
    await portal.getByTestId('report-conversion').waitFor();
    await form.getByLabel('Currency').selectOption('');
    await portal.getByRole('button', { name: 'Run report' }).click();
    await portal.waitForURL(/currency=native/);
    await expect.poll(() => portal.getByTestId('report-conversion').count()).toBe(0);

    // The sub-affiliate tab: Sam, level 1, with his registration, by day.
    await portal
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: 'Sub-affiliates' })
      .click();
    await portal.getByRole('tab', { name: 'Report' }).click();
    const subForm = portal.getByRole('form', { name: 'Sub-affiliate report' });
    await subForm.getByLabel('Period', { exact: true }).selectOption('today');
    await subForm.getByLabel('By period').selectOption('day');
    await subForm.getByLabel('Add to columns').selectOption('registrations');
    await subForm.getByRole('button', { name: 'Run report' }).click();
    await portal.waitForURL(/sub_by=day/);
    const subRow = portal.getByTestId('report-table').locator('tbody tr').first();
    await expect.poll(() => subRow.textContent()).toContain(`Sam Sub Media #${subId}`);
    const subCells = await subRow.locator('td').allTextContents();
    // day, sub-affiliate, level 1, currency (EUR, her report currency), registrations 1.
    expect(subCells.slice(2)).toEqual(['1', 'EUR', '1']);
    await portal.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => overflow(portal)).toBeLessThanOrEqual(0);
    await portal.screenshot({ path: path.join(SHOTS, 'sub-affiliate-report-390.png'), fullPage: true });
  });
});
