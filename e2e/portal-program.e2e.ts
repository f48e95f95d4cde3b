import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  signInToPortal,
  startE2E,
  stopE2E,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const PIA = { email: 'pia@partner.example', password: 'Partner#pass1' };

// What the operator publishes for affiliates to read in the portal: a new version of the terms,
// which the affiliate is asked to accept, and the operator then sees the date it was accepted.
describe('the program in the portal', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let operator: ApiCall;
  let affiliateId = 0;

  beforeAll(async () => {
    ({ server, browser, page: admin } = await startE2E());
    operator = await setUpAdmin(server);
    const v1 = await operator('POST', '/api/v1/terms-versions', {
      title: 'Program terms',
      body: 'Play fair.',
    });
    expect(v1.status, JSON.stringify(v1.json)).toBe(201);
    affiliateId = await approvedAffiliate(server, operator, PIA, { first_name: 'Pia', last_name: 'Partner' });
    await signInToBackOffice(admin, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('the operator publishes terms v2, the affiliate is asked to accept it and does, the operator sees when', async () => {
    await admin
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Terms and conditions', exact: true })
      .click();
    await admin.getByRole('heading', { name: 'Terms and conditions', level: 1 }).waitFor();
    await admin.getByLabel('Title', { exact: true }).fill('Program terms 2027');
    await admin.getByLabel('What changed', { exact: true }).fill('Paid ads must be disclosed.');
    await admin.getByLabel('Terms', { exact: true }).fill('Play fair.\n\nDisclose paid ads.');
    await admin.getByRole('button', { name: 'Publish' }).click();
    await admin.getByText('Version 2 published.').waitFor();
    const rows = admin.getByRole('table', { name: 'Terms versions' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain('Program terms 2027');

    const portal = await newPage(await browser.newContext());
    await signInToPortal(portal, server, PIA);
    const banner = portal.getByTestId('terms-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('version 2');
    await banner.getByRole('link', { name: 'Read the new terms' }).click();
    await portal.getByRole('heading', { name: 'Program terms 2027' }).waitFor();
    await portal.getByText('Disclose paid ads.').waitFor();
    await portal.getByText('Paid ads must be disclosed.').waitFor();
    await portal.getByRole('button', { name: 'I accept version 2' }).click();
    await portal.getByTestId('terms-accepted').waitFor();
    expect(await portal.getByTestId('terms-accepted').textContent()).toMatch(/You accepted version 2 on /);
    await portal.getByRole('link', { name: 'Home', exact: true }).click();
    await portal.waitForURL(`${server.baseUrl}/portal`);
    expect(await portal.getByTestId('terms-banner').count()).toBe(0);

    const terms = await operator('GET', `/api/v1/affiliates/${affiliateId}/terms`);
    expect(terms.json.acceptances.map((a: { version: number }) => a.version)).toEqual([2, 1]);
    await admin.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}`);
    const status = admin.getByTestId('affiliate-terms-status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Accepted version 2 \(in force\) on /);
    await admin.getByRole('table', { name: 'Terms accepted' }).getByText('Program terms 2027').waitFor();
  });
});
