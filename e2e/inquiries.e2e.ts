import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, startWithAffiliate, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

const OWNER = { email: 'inquiry@partner.example', password: 'Partner#pass1' };
const PDF = Buffer.from('%PDF-1.4\n% a passport scan\n');

// Correspondence: the operator asks for a document on the affiliate's page, the affiliate answers
// with a file in the portal, the operator reads the file and accepts; then a message each way with
// the unread badges going up and down in both interfaces.
describe('inquiries and messages', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let office: Page;
  let operator: ApiCall;
  let affiliateId = 0;

  beforeAll(async () => {
    ({ server, browser, owner, office, operator, affiliateId } = await startWithAffiliate(OWNER, {
      first_name: 'Ines',
      last_name: 'Quiry',
    }));
  });

  afterAll(() => stopE2E(browser, server));

  it('opens an inquiry, takes an answer with a file in the portal and accepts it', async () => {
    await office.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}`);
    const panel = office.getByRole('region', { name: 'Inquiries' });
    await panel.getByRole('button', { name: 'Ask for documents or information' }).click();
    // Nothing filled in: each field says what is missing, in one answer.
    await panel.getByRole('button', { name: 'Send inquiry' }).click();
    await panel.getByText('is required').first().waitFor();
    expect(await panel.locator('.field-error').count()).toBe(2);
    await panel.getByLabel('Subject').fill('Proof of identity');
    await panel.getByLabel('What the answer must contain').fill('A scan of your passport');
    await panel.getByRole('button', { name: 'Send inquiry' }).click();
    await expect
      .poll(() => office.getByTestId('affiliate-open-inquiries').textContent())
      .toBe("1 waiting for the affiliate's answer.");

    await owner.reload();
    const notice = owner.getByTestId('open-inquiries');
    await notice.getByRole('link', { name: 'Proof of identity' }).click();
    await owner.getByText('A scan of your passport').waitFor();
    await owner.getByRole('textbox', { name: 'Answer' }).fill('Here it is');
    await owner
      .getByLabel('Files')
      .setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF });
    await owner.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => owner.getByTestId('inquiry-status').textContent()).toBe('Answered');
    await owner.getByRole('link', { name: 'passport.pdf' }).waitFor();

    await office.goto(`${server.baseUrl}/admin/inquiries`);
    await office.getByRole('link', { name: 'Proof of identity' }).click();
    await office.getByText('Here it is').waitFor();
    const download = await office.request.get(
      `${server.baseUrl}${await office.getByRole('link', { name: 'passport.pdf' }).getAttribute('href')}`,
    );
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    await office.getByRole('button', { name: 'Accept answer' }).click();
    await expect.poll(() => office.getByTestId('inquiry-status').textContent()).toBe('Accepted');

    await owner.goto(`${server.baseUrl}/portal`);
    await owner.getByRole('heading', { name: /Welcome/ }).waitFor();
    expect(await owner.getByTestId('open-inquiries').count()).toBe(0);
    const list = await operator('GET', `/api/v1/affiliates/${affiliateId}/inquiries`);
    expect(list.json.data.map((i: { status: string }) => i.status)).toEqual(['accepted']);
  });

  it('carries a message each way with unread badges in both interfaces', async () => {
    const portalBadge = () =>
      owner
        .getByRole('navigation', { name: 'Portal' })
        .getByRole('link', { name: /Messages/ })
        .getByTestId('nav-badge');
    await office.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}?tab=messages`);
    const thread = office.getByRole('region', { name: 'Messages' });
    await thread.getByLabel('Subject').fill('Welcome aboard');
    await thread.getByRole('textbox', { name: 'Message' }).fill('Your account manager is here for you.');
    await thread.getByRole('button', { name: 'Send message' }).click();
    await thread.getByRole('heading', { name: 'Welcome aboard' }).waitFor();

    await owner.reload();
    await expect.poll(() => portalBadge().textContent()).toContain('1');
    await owner
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: /Messages/ })
      .click();
    await owner.getByRole('heading', { name: 'Welcome aboard' }).waitFor();
    await expect.poll(() => portalBadge().count()).toBe(0);

    await owner.getByLabel('Subject').fill('Thanks');
    await owner.getByRole('textbox', { name: 'Message' }).fill('Glad to be here.');
    await owner.getByRole('button', { name: 'Send message' }).click();
    await owner.getByRole('heading', { name: 'Thanks' }).waitFor();

    const officeBadge = () =>
      office
        .getByRole('navigation')
        .getByRole('link', { name: /^Messages/ })
        .getByTestId('nav-badge');
    await office.goto(`${server.baseUrl}/admin/messages`);
    await expect.poll(() => officeBadge().textContent()).toContain('1');
    await office.getByRole('link', { name: 'Thanks' }).click();
    await office.getByText('Glad to be here.').waitFor();
    await expect.poll(() => officeBadge().count()).toBe(0);
    const unread = await operator('GET', '/api/v1/messages/unread-count');
    expect(unread.json.unread).toBe(0);
  });
});
