import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as verify } from '../verifier/verify-statement.mjs';
import {
  type ApiCall,
  approvedAffiliate,
  newPage,
  setUpAdmin,
  signInToPortal,
  startE2E,
  stopE2E,
} from './support/app.ts';
import { earnTwoCpasLastMonth } from './support/earnings.ts';
import type { TestServer } from './support/server.ts';

// Last month's bill of two CPAs (30.00 + 30.00 = 60.00 EUR), approved: the affiliate's portal
// shows its statement verified, downloads it, and the command-line verifier accepts it, until
// one byte is changed.
describe('verifiable history', () => {
  let server: TestServer;
  let browser: Browser;
  let operator: ApiCall;
  const partner = { email: 'history@partner.example', password: 'Aff1liate#pass' };

  beforeAll(async () => {
    let page: Page;
    ({ server, browser, page } = await startE2E());
    await page.close();
    operator = await setUpAdmin(server);
    const affiliateId = await approvedAffiliate(server, operator, partner, {
      first_name: 'History',
      last_name: 'Partner',
    });
    await earnTwoCpasLastMonth(server, operator, affiliateId, 'Ledger Luck');
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const run = await operator('POST', '/api/v1/bills/run', {
      period_start: day(start),
      period_end: day(end),
      affiliate_ids: [affiliateId],
    });
    expect(run.status, JSON.stringify(run.json)).toBe(200);
    const bills = await operator('GET', `/api/v1/bills?affiliate_id=${affiliateId}`);
    const approved = await operator('POST', `/api/v1/bills/${bills.json.data[0].id}/approve`);
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
  });

  afterAll(() => stopE2E(browser, server));

  it('shows the statement verified in the portal; the downloaded file verifies, and fails with one byte changed', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const portal = await newPage(context);
    await signInToPortal(portal, server, partner);
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Bills' }).click();
    await portal.getByRole('link', { name: /^Bill \d+$/ }).click();
    await expect
      .poll(() => portal.getByTestId('statement-verified').textContent())
      .toMatch(/^Verified: every record behind this bill is in your signed history/);

    const download = portal.waitForEvent('download');
    await portal.getByRole('link', { name: 'Download the statement (JSON)' }).click();
    const file = await (await download).path();
    const keys = `${server.baseUrl}/.well-known/affluent-history-keys.json`;
    const said: string[] = [];
    expect(await verify([file, '--keys', keys], (l) => said.push(l))).toBe(0);
    expect(said).toEqual(['verified']);

    // 3000 → 3001 in one commission: the record no longer matches its hash.
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('"amount":3000');
    fs.writeFileSync(file, text.replace('"amount":3000', '"amount":3001'));
    said.length = 0;
    expect(await verify([file, '--keys', keys], (l) => said.push(l))).toBe(1);
    expect(said[0]).toMatch(/^not verified: record \d+ \(\w+ \d+\) was changed/);

    // At phone width the statement fits without sideways scrolling.
    await portal.setViewportSize({ width: 390, height: 844 });
    await portal.getByTestId('statement-verified').waitFor();
    expect(await portal.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });

  it('shows in the events log which plan the affiliate was given, from when and why', async () => {
    const context = await browser.newContext();
    const portal = await newPage(context);
    await signInToPortal(portal, server, partner);
    await portal
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: 'Events log' })
      .click();
    const row = portal.getByRole('row').filter({ hasText: 'Plan assigned' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(
      /CPA EUR Ledger Luck, from .+\. Reason: Launch terms for the brand/,
    );
    await context.close();
  });

  it('offers the statement as a PDF from the same page', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const portal = await newPage(context);
    await signInToPortal(portal, server, partner);
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Bills' }).click();
    await portal.getByRole('link', { name: /^Bill \d+$/ }).click();
    const download = portal.waitForEvent('download');
    await portal.getByRole('link', { name: 'as a PDF' }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });

  it('shows the statement not verified when the published keys do not include the key that signed it', async () => {
    const context = await browser.newContext();
    const portal = await newPage(context);
    // An impostor's key file: what the page sees if the statement was signed by a key the
    // installation never published (or someone swapped the key file).
    const stranger = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    await portal.route('**/.well-known/affluent-history-keys.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          keys: [
            {
              id: 'ed25519-stranger',
              algorithm: 'Ed25519',
              public_key: stranger,
              created_at: new Date().toISOString(),
              retired_at: null,
            },
          ],
        }),
      }),
    );
    await signInToPortal(portal, server, partner);
    await portal.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Bills' }).click();
    await portal.getByRole('link', { name: /^Bill \d+$/ }).click();
    const alert = portal.getByTestId('statement-not-verified');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Not verified:.*signed with key ed25519-\w+, which is not one of the published keys/,
    );
    expect(await portal.getByTestId('statement-verified').count()).toBe(0);
    await context.close();
  });
});
