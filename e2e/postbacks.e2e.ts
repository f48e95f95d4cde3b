import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

const PIA = { email: 'pia@tracker.example', password: 'Partner#pass1' };

// An affiliate sets up a postback carrying a custom parameter of its tracking link, a visitor
// follows the link, the operator's platform reports the registration, and the affiliate finds the
// URL its tracker was sent in the postback log.
describe('postbacks in the portal', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  let tracker: http.Server;
  let trackerBase = '';
  const received: string[] = [];
  const ids: Record<string, number> = {};
  let code = '';

  beforeAll(async () => {
    // The tracker listens on loopback, which only development and tests may target.
    process.env.POSTBACKS_ALLOW_PRIVATE = 'true';
    tracker = http.createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    trackerBase = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    ids.pia = await approvedAffiliate(server, operator, PIA, { first_name: 'Pia', last_name: 'Tracker' });
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    ids.brand = brand.json.id;
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: ids.brand,
      name: 'Welcome',
      url: 'https://lucky.example/welcome?btag={{click_id}}',
    });
    const campaign = await operator('POST', '/api/v1/campaigns', {
      affiliate_id: ids.pia,
      brand_id: ids.brand,
      name: 'Spring push',
    });
    const promo = await operator('POST', `/api/v1/campaigns/${campaign.json.id}/promos`, {
      destination_link_id: link.json.id,
    });
    expect(promo.status, JSON.stringify(promo.json)).toBe(201);
    code = promo.json.code;
    await signInToPortal(page, server, PIA);
  });

  afterAll(async () => {
    await stopE2E(browser, server);
    await new Promise((resolve) => tracker.close(resolve));
  });

  it('sends the custom parameter of the click, and shows the URL sent in the log', async () => {
    await page
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: 'Postbacks', exact: true })
      .click();
    await page.getByRole('button', { name: 'New postback' }).click();
    const form = page.getByRole('form', { name: 'New postback' });
    await form.getByLabel('Name').fill('My tracker');
    const template = form.getByLabel('URL template');

    // A wrong syntax is refused with the fix, at the field.
    await template.fill(`${trackerBase}/pb?click={click_id}`);
    await form.getByRole('button', { name: 'Create postback' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent()).toContain('\u0024{click_id}');

    // The variables are clicked in at the caret; webID is a parameter of the tracking link.
    await template.fill(`${trackerBase}/pb?click=`);
    await form
      .getByRole('list', { name: 'Variables' })
      .getByRole('button', { name: 'click_id', exact: true })
      .click();
    await template.press('End');
    await template.pressSequentially('&web=\u0024{webID}');
    await expect.poll(() => template.inputValue()).toBe(`${trackerBase}/pb?click=\${click_id}&web=\${webID}`);
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain(`${trackerBase}/pb?click=`);
    await form.getByRole('button', { name: 'Create postback' }).click();
    const table = page.getByRole('region', { name: 'Postbacks' });
    await expect.poll(() => table.getByText('My tracker').count()).toBe(1);

    // A visitor follows the link with webID; the platform reports the registration with the click.
    const res = await fetch(`${server.baseUrl}/c/${code}?webID=w-77`, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' },
    });
    expect(res.status).toBe(302);
    const clickId = new URL(res.headers.get('location')!).searchParams.get('btag')!;
    await expect
      .poll(async () => (await operator('GET', '/api/v1/tracking/metrics')).json.clicks.flushed)
      .toBe(1);
    const sent = await operator('POST', '/api/v1/events', {
      events: [
        {
          type: 'registration',
          event_id: 'reg-77',
          brand_id: ids.brand,
          customer_id: 'player-77',
          occurred_at: new Date().toISOString(),
          click_id: clickId,
        },
      ],
    });
    expect(sent.json.created, JSON.stringify(sent.json)).toBe(1);
    const expected = `/pb?click=${clickId}&web=w-77`;
    await expect.poll(() => received, { timeout: 30_000 }).toContain(expected);

    await page
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: 'Postback log' })
      .click();
    const log = page.getByRole('region', { name: 'Postback log' });
    await expect.poll(() => log.getByText(`${trackerBase}${expected}`).count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel('URL contains').fill('w-77');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => log.getByRole('row').count()).toBe(2);
  });

  it("shows the back office the affiliate's postbacks and log, and the operator's webhooks", async () => {
    const office = await newPage(browser);
    await signInToBackOffice(office, server);
    await office.goto(`${server.baseUrl}/admin/affiliates/${ids.pia}?tab=postbacks`);
    await expect
      .poll(() => office.getByRole('region', { name: 'Postbacks' }).getByText('My tracker').count())
      .toBe(1);
    const log = office.getByRole('region', { name: 'Postback log' });
    await expect.poll(() => log.getByText('w-77').count()).toBe(1);

    // The operator subscribes an endpoint, is shown its secret once, and sends it a signed test.
    await office
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    const form = office.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('URL').fill(`${trackerBase}/hooks`);
    await form.getByLabel('bill.approved').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect.poll(() => office.getByRole('status').textContent()).toContain('whsec_');
    const endpoints = office.getByRole('region', { name: 'Endpoints' });
    await expect.poll(() => endpoints.getByText(`${trackerBase}/hooks`).count()).toBe(1);
    await endpoints.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => received).toContain('/hooks');
    const hookLog = office.getByRole('region', { name: 'Webhook log' });
    await expect.poll(() => hookLog.getByText('webhook.test').count()).toBe(1);
  });
});
