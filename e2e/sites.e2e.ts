import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, startWithAffiliate, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

const OWNER = { email: 'sites@partner.example', password: 'Partner#pass1' };

// Sites: the affiliate adds its website in the portal (at phone width), the operator approves it
// on the affiliate's page, and the portal shows it approved.
describe('sites', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let office: Page;
  let operator: ApiCall;
  let affiliateId = 0;

  beforeAll(async () => {
    ({ server, browser, owner, office, operator, affiliateId } = await startWithAffiliate(OWNER, {
      first_name: 'Sita',
      last_name: 'Web',
    }));
  });

  afterAll(() => stopE2E(browser, server));

  it('adds a site in the portal and the operator approves it', async () => {
    await owner.setViewportSize({ width: 390, height: 844 });
    await owner.goto(`${server.baseUrl}/portal/sites`);
    await owner.getByRole('button', { name: 'Add a site' }).click();
    await owner.getByRole('button', { name: 'Add site' }).click();
    await owner.getByText('is required').first().waitFor();
    await owner.getByLabel('Name').fill('Gadget Shop');
    await owner.getByLabel('Address', { exact: true }).fill('https://gadgets.example.com');
    await owner.getByLabel('Category').selectOption({ label: 'Gifts and gadgets' });
    await owner.getByLabel('Lowest price (optional)').fill('5');
    await owner.getByLabel('Highest price (optional)').fill('250.50');
    await owner.getByRole('button', { name: 'Add site' }).click();
    const table = owner.getByRole('table', { name: 'Sites' });
    await table.getByText('Waiting for review').waitFor();
    // Nothing of the page is wider than the phone.
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const sites = await operator('GET', `/api/v1/affiliates/${affiliateId}/sites`);
    expect(sites.json.data).toMatchObject([
      { name: 'Gadget Shop', price_from: 500, price_till: 25050, review_status: 'pending' },
    ]);

    await office.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}`);
    const panel = office.getByRole('region', { name: 'Sites' });
    await expect.poll(() => office.getByTestId('affiliate-pending-sites').textContent()).toBe('1 to review.');
    await panel.getByRole('button', { name: 'Approve Gadget Shop' }).click();
    await expect
      .poll(() => office.getByTestId('affiliate-pending-sites').textContent())
      .toBe('Every site is reviewed.');

    await owner.reload();
    await owner.getByRole('table', { name: 'Sites' }).getByText('Approved').waitFor();
    const after = await operator('GET', `/api/v1/affiliates/${affiliateId}/sites`);
    expect(after.json.data.map((s: { review_status: string }) => s.review_status)).toEqual(['approved']);
  });
});
