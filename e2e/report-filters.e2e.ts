import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
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

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
// The router writes a string of digits JSON-quoted ("5"), so that it reads back as a string.
const campaignOf = (page: Page) => new URL(page.url()).searchParams.get('campaign')?.replaceAll('"', '');
const firstCells = (table: Locator) =>
  table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));

// Rita has two campaigns (2 clicks on Spring push, 1 on Autumn drive) and two sub-affiliates
// (Sam with one registration, Tia with two). A report filtered by picking a campaign by its name
// shows only that campaign's row; the sub-affiliate report sorts by a column, both ways, and its
// export follows. The back office at desktop width, the portal at phone width.
describe('report filters and the sub-affiliate report sort', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  let ritaId: number;
  let samId: number;
  let tiaId: number;
  let autumnId: number;
  const rita = { email: 'rita@filters.example', password: 'Aff1liate#pass' };

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    ritaId = await approvedAffiliate(server, operator, rita, { first_name: 'Rita', last_name: 'Reports' });
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: brand.json.id,
      name: 'Welcome',
      url: 'https://lucky.example/welcome?btag={{click_id}}',
    });
    for (const [name, clicks] of [
      ['Spring push', 2],
      ['Autumn drive', 1],
    ] as const) {
      const campaign = await operator('POST', '/api/v1/campaigns', {
        affiliate_id: ritaId,
        brand_id: brand.json.id,
        name,
      });
      expect(campaign.status, JSON.stringify(campaign.json)).toBe(201);
      if (name === 'Autumn drive') autumnId = campaign.json.id;
      const promo = await operator('POST', `/api/v1/campaigns/${campaign.json.id}/promos`, {
        destination_link_id: link.json.id,
      });
      for (let i = 0; i < clicks; i++) {
        const visit = await fetch(`${server.baseUrl}/c/${promo.json.code}`, { redirect: 'manual' });
        expect(visit.status).toBe(302);
      }
    }
    const sub = async (first: string, company: string) => {
      const id = await approvedAffiliate(
        server,
        operator,
        { email: `${first.toLowerCase()}@filters.example`, password: 'Aff1liate#pass' },
        { first_name: first, last_name: 'Sub', company_name: company },
      );
      const referred = await operator('PATCH', `/api/v1/affiliates/${id}`, { referrer_id: ritaId });
      expect(referred.status, JSON.stringify(referred.json)).toBe(200);
      return id;
    };
    samId = await sub('Sam', 'Sam Sub Media');
    tiaId = await sub('Tia', 'Tia Traffic');
    const opened = await operator('PATCH', `/api/v1/affiliates/${ritaId}`, {
      extra_permissions: ['registrations_report'],
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    const sent = await operator('POST', '/api/v1/events', {
      events: [
        { event_id: 's1', customer_id: 's1', affiliate_id: samId },
        { event_id: 't1', customer_id: 't1', affiliate_id: tiaId },
        { event_id: 't2', customer_id: 't2', affiliate_id: tiaId },
      ].map((e) => ({
        ...e,
        type: 'registration',
        brand_id: brand.json.id,
        occurred_at: new Date().toISOString(),
      })),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
  });

  // The clicks are written by the click writer a moment later (expect.poll runs only in a test).
  async function clicksWritten() {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect
      .poll(async () => {
        const report = await operator('POST', '/api/v1/reports/performance', {
          from: today,
          to: tomorrow,
          group_by: [],
          columns: ['clicks'],
          filters: { affiliate: [ritaId] },
        });
        return report.json.totals?.[0]?.clicks;
      })
      .toBe(3);
  }

  afterAll(() => stopE2E(browser, server));

  /** Picks a campaign by typing part of its name, as a person would. */
  async function pickCampaign(form: Locator, typed: string, name: string) {
    const filters = form.locator('details.report-filters');
    if ((await filters.getAttribute('open')) === null) await filters.locator('summary').click();
    const input = form.getByRole('combobox', { name: 'Campaigns', exact: true });
    await input.fill(typed);
    await form.getByRole('option', { name, exact: true }).click();
    await form.getByRole('list', { name: 'Chosen: Campaigns' }).getByText(name).waitFor();
  }

  /** The sub-affiliate report by registrations: sorted down, then up, each in the address. */
  async function sortsSubReport(at: Page) {
    const form = at.getByRole('form', { name: 'Sub-affiliate report' });
    await form.getByLabel('Period', { exact: true }).selectOption('today');
    await form.getByLabel('Add to columns').selectOption('registrations');
    await form.getByRole('button', { name: 'Run report' }).click();
    await at.waitForURL(/sub_cols=registrations/);
    const table = at.getByTestId('report-table');
    // The default order is the sub-affiliates' (Sam joined first).
    await expect.poll(() => firstCells(table)).toEqual([`Sam Sub Media #${samId}`, `Tia Traffic #${tiaId}`]);
    await table.getByRole('button', { name: 'Registrations' }).click();
    await at.waitForURL(/sub_sort=registrations/);
    expect(at.url()).toContain('sub_dir=desc');
    await expect.poll(() => firstCells(table)).toEqual([`Tia Traffic #${tiaId}`, `Sam Sub Media #${samId}`]);
    await table.getByRole('button', { name: 'Registrations' }).click();
    await at.waitForURL(/sub_dir=asc/);
    await expect.poll(() => firstCells(table)).toEqual([`Sam Sub Media #${samId}`, `Tia Traffic #${tiaId}`]);
    await table.getByRole('button', { name: 'Sub-affiliate' }).click();
    await at.waitForURL(/sub_sort=sub_affiliate_name/);
    expect(await table.locator('th[aria-sort="ascending"]').textContent()).toContain('Sub-affiliate');
    await table.getByRole('button', { name: 'Registrations' }).click();
    await at.waitForURL(/sub_dir=desc/);
    // The export is the report as shown: Tia's two registrations first.
    const download = at.waitForEvent('download');
    await at.getByRole('button', { name: 'CSV', exact: true }).click();
    const csv = fs
      .readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain('Tia Traffic');
    expect(csv[2]).toContain('Sam Sub Media');
  }

  it('the back office picks a campaign by name and sees only its row, and sorts the sub-affiliate report', async () => {
    await clicksWritten();
    await signInToBackOffice(page, server);
    await page.goto(`${server.baseUrl}/admin/reports?period=today&group=campaign&cols=clicks`);
    const form = page.getByRole('form', { name: 'Report' });
    await pickCampaign(form, 'autumn', 'Autumn drive');
    await form.getByRole('button', { name: 'Run report' }).click();
    await expect.poll(() => campaignOf(page)).toBe(String(autumnId));
    const table = page.getByTestId('report-table');
    await expect.poll(() => firstCells(table)).toEqual([`Autumn drive #${autumnId}`]);
    expect(await table.locator('tbody tr').first().locator('td').last().textContent()).toBe('1');

    // Opened from its address, the filter shows the campaign's name, not its id.
    await page.reload();
    await page
      .getByRole('form', { name: 'Report' })
      .getByRole('list', { name: 'Chosen: Campaigns' })
      .getByText('Autumn drive')
      .waitFor();

    await page.goto(`${server.baseUrl}/admin/affiliates/${ritaId}?tab=sub_affiliates`);
    await sortsSubReport(page);
  });

  it('the portal, at phone width, picks its campaign by name and sorts its sub-affiliate report', async () => {
    await clicksWritten();
    const portal = await newPage(await browser.newContext({ viewport: { width: 390, height: 844 } }));
    await submitPortalSignIn(portal, server, rita);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    await portal.goto(`${server.baseUrl}/portal/reports?period=today&group=campaign&cols=clicks`);
    const form = portal.getByRole('form', { name: 'Report' });
    await pickCampaign(form, 'spring', 'Spring push');
    await expect.poll(() => overflow(portal)).toBeLessThanOrEqual(0);
    await form.getByRole('button', { name: 'Run report' }).click();
    await expect.poll(() => campaignOf(portal)).toMatch(/^\d+$/);
    const table = portal.getByTestId('report-table');
    await expect.poll(() => firstCells(table)).toEqual([expect.stringMatching(/^Spring push #\d+$/)]);
    expect(await table.locator('tbody tr').first().locator('td').last().textContent()).toBe('2');
    await expect.poll(() => overflow(portal)).toBeLessThanOrEqual(0);

    await portal.goto(`${server.baseUrl}/portal/sub-affiliates?tab=report`);
    await sortsSubReport(portal);
    await expect.poll(() => overflow(portal)).toBeLessThanOrEqual(0);
  });
});
