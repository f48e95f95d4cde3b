import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  applyAsAffiliate,
  mailTo,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const PIA = { email: 'pia@partner.example', password: 'Partner#pass1' };
const DAN = { email: 'dan@partner.example', password: 'Partner#pass2' };

// An operator manages affiliates: search, open one, edit it, bulk edit a selection through its
// preview, decide applications and sign in to the portal as an affiliate.
describe('affiliates back office', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    for (const name of ['Acme Media', 'Acme Leads', 'Zenith Traffic']) {
      const res = await operator('POST', '/api/v1/affiliates', { name, status: 'active', labels: ['Seed'] });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  const nav = () => page.getByRole('navigation', { name: 'Back office' });
  const table = () => page.locator('table.table').first();
  const heading = () => page.getByRole('heading', { level: 1 });

  it('searches the affiliates table', async () => {
    await nav().getByRole('link', { name: 'Affiliates' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/affiliates`);
    await table().getByRole('link', { name: 'Zenith Traffic' }).waitFor();
    await page.getByLabel('Search', { exact: true }).fill('acme');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=acme/);
    await expect.poll(() => page.getByTestId('pager-status').textContent()).toContain('2 affiliates');
    expect(await table().getByRole('link', { name: 'Zenith Traffic' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Name' }).click();
    await page.waitForURL(/sort=name/);
    await expect.poll(() => table().locator('tbody tr').first().textContent()).toContain('Acme Leads');
  });

  it('opens an affiliate and edits it, with field errors from the server', async () => {
    await table().getByRole('link', { name: 'Acme Media' }).click();
    await page.getByRole('heading', { name: /Acme Media/ }).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Company name').fill('Acme Media Ltd');
    await page.getByLabel('Contact email').fill('not an email');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.field-error').getByText('enter an email like name@example.com').waitFor();
    expect(await page.getByLabel('Contact email').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Contact email').fill('hello@acme.test');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Acme Media Ltd').waitFor();
    await page.getByText('hello@acme.test').waitFor();

    await page.getByRole('link', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('rowheader', { name: 'Company name' }).waitFor();
    expect(await history.textContent()).toContain('Updated via back office');
  });

  it('bulk edits a selection through its preview', async () => {
    await nav().getByRole('link', { name: 'Affiliates' }).click();
    await page.getByRole('checkbox', { name: 'Select Acme Leads' }).check();
    await page.getByRole('checkbox', { name: 'Select Zenith Traffic' }).check();
    await page.getByRole('button', { name: 'Bulk edit 2 selected' }).click();
    const form = page.getByRole('form', { name: 'Bulk edit' });
    await form.getByLabel('Field').selectOption('labels');
    await form.getByLabel('Operation').selectOption('append');
    await form.getByLabel('Labels (comma separated)').fill('Promo');
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('bulk-summary').textContent()).toContain('2 will change');
    const preview = page.getByRole('region', { name: 'Preview' });
    expect(await preview.textContent()).toContain('Seed, Promo');

    await form.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').getByText('Applied: 2 changed').waitFor();
    const list = (await page.evaluate(async () =>
      (await fetch('/api/v1/affiliates?label=Promo')).json(),
    )) as {
      data: { name: string }[];
    };
    expect(list.data.map((a) => a.name).sort()).toEqual(['Acme Leads', 'Zenith Traffic']);
  });

  it('approves a pending application, and declines another with a reason the server checks', async () => {
    const pia = await applyAsAffiliate(server, operator, PIA, { first_name: 'Pia', last_name: 'Partner' });
    const dan = await applyAsAffiliate(server, operator, DAN, { first_name: 'Dan', last_name: 'Declined' });

    await page.goto(`${server.baseUrl}/admin/affiliates/${pia}`);
    const application = page.getByRole('region', { name: 'Application' });
    await application.getByText(/waiting for a decision/).waitFor();
    await application.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByRole('dialog', { name: 'Approve Pia Partner?' })
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect.poll(() => heading().textContent()).toContain('active');
    expect(await application.count()).toBe(0);
    await page
      .getByRole('navigation', { name: 'Affiliate sections' })
      .getByRole('link', { name: 'Events log' })
      .click();
    await page.getByRole('region', { name: 'Events log' }).getByText('Application approved').waitFor();

    await page.goto(`${server.baseUrl}/admin/affiliates/${dan}`);
    await application.getByRole('button', { name: 'Decline…' }).click();
    const reason = application.getByLabel(/Reason/);
    await reason.fill('x'.repeat(1001));
    await application.getByRole('button', { name: 'Decline application' }).click();
    const confirmDecline = page.getByRole('dialog', { name: 'Decline Dan Declined?' });
    await confirmDecline.getByRole('button', { name: 'Decline application' }).click();
    await application.locator('.field-error').getByText('must be at most 1000 characters').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('Your website is not live yet.');
    await application.getByRole('button', { name: 'Decline application' }).click();
    await confirmDecline.getByRole('button', { name: 'Decline application' }).click();
    await expect.poll(() => heading().textContent()).toContain('declined');
    await application.getByText(/can still be approved/).waitFor();
    const events = await operator('GET', `/api/v1/affiliates/${dan}/events`);
    expect(events.json.data[0]).toMatchObject({
      type: 'application_declined',
      data: { reason: 'Your website is not live yet.' },
    });
  });

  it('signs in as the affiliate in a new tab and sends a user a password reset', async () => {
    await nav().getByRole('link', { name: 'Affiliates' }).click();
    await page.getByLabel('Search', { exact: true }).fill('Pia');
    await page.getByRole('button', { name: 'Filter' }).click();
    await table().getByRole('link', { name: /Pia/ }).click();
    await expect.poll(() => heading().textContent()).toContain('active');

    const [portal] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Sign in as affiliate' }).click(),
    ]);
    portal.setDefaultTimeout(15_000);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    await expect.poll(() => portal.getByTestId('portal-user-email').textContent()).toBe(PIA.email);
    await portal.close();

    // The back office session is untouched.
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('button', { name: `Send password reset: ${PIA.email}` }).click();
    await page.getByRole('status').getByText(`Password reset email sent to ${PIA.email}.`).waitFor();
    await mailTo(operator, PIA.email, 'reset_password');
  });
});
