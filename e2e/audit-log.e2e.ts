import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, setUpAdmin, signInToBackOffice, startE2E, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

// The audit log as an administrator reads it: a brand created and a currency switched off, each
// with who did it, and the filter that narrows the log to one kind of change.
describe('audit log', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    await signInToBackOffice(page, server);
  });
  afterAll(() => stopE2E(browser, server));

  it('shows who changed the catalog and the settings, and filters by what changed', async () => {
    expect(
      (await operator('POST', '/api/v1/brands', { name: 'Audit Casino', base_currency: 'EUR' })).status,
    ).toBe(201);
    expect((await operator('PATCH', '/api/v1/currencies/ISK', { enabled: false })).status).toBe(200);

    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const table = page.getByRole('region', { name: 'Audit log' });
    await table
      .getByRole('row', { name: /Currencies ISK/ })
      .getByText('Disabled')
      .waitFor();
    await table
      .getByRole('row', { name: /Brands/ })
      .getByText('Created')
      .waitFor();

    await page.getByLabel('What').selectOption('currency');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => table.getByRole('row', { name: /Brands/ }).count()).toBe(0);
    await table.getByRole('row', { name: /Currencies ISK/ }).waitFor();
    expect(page.url()).toContain('entity=currency');
  });
});
