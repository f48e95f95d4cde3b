import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';

const PASSWORD = 'Correct-Horse-9';

// An operator manages affiliates: search, open one, edit it, bulk edit a selection through its preview.
describe('affiliates back office', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Calls the API from inside the page, so the session cookie goes along. */
  async function apiPost(path: string, body: unknown): Promise<{ status: number; json: any }> {
    return page.evaluate(
      async ([p, b]) => {
        const res = await fetch(p as string, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b),
        });
        return { status: res.status, json: await res.json() };
      },
      [path, body] as const,
    );
  }

  const nav = () => page.getByRole('navigation', { name: 'Back office' });
  const table = () => page.locator('table.table').first();

  it('signs in as the first administrator and seeds a few affiliates', async () => {
    await page.goto(server.setupUrl);
    await page.getByLabel('Email').fill('admin@example.com');
    await page.getByLabel('Name').fill('Ada Admin');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL(`${server.baseUrl}/admin`);
    for (const name of ['Acme Media', 'Acme Leads', 'Zenith Traffic']) {
      const res = await apiPost('/api/v1/affiliates', { name, status: 'active', labels: ['Seed'] });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
  });

  it('searches the affiliates table', async () => {
    await nav().getByRole('link', { name: 'Affiliates' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/affiliates`);
    await table().getByRole('link', { name: 'Zenith Traffic' }).waitFor();
    await page.getByLabel('Search', { exact: true }).fill('acme');
    await page.getByRole('button', { name: 'Search' }).click();
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
    await page.getByText('must be an email address').waitFor();
    expect(await page.getByLabel('Contact email').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Contact email').fill('hello@acme.test');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Acme Media Ltd').waitFor();
    await page.getByText('hello@acme.test').waitFor();

    await page.getByRole('link', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('company_name').waitFor();
    expect(await history.textContent()).toContain('updated via back office');
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
});
