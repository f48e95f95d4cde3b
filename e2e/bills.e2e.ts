import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  mailTo,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  signInToPortal,
  startE2E,
  stopE2E,
} from './support/app.ts';
import { earnTwoCpasLastMonth } from './support/earnings.ts';
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

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const affiliateId = await approvedAffiliate(server, operator, partner, {
      first_name: 'Bill',
      last_name: 'Partner',
    });
    await earnTwoCpasLastMonth(server, operator, affiliateId, 'Lucky');
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
    await signInToPortal(portal, server, partner);
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
