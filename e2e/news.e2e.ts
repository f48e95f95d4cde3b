import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, mailTo, startWithAffiliate, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

const OWNER = { email: 'news@partner.example', password: 'Partner#pass1' };

// News: the operator writes and publishes an item in the back office; the affiliate is emailed,
// finds it in the portal's News, opens it with its banner, and reads the brand's contacts, on a
// desktop and on a phone.
describe('news and contacts', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let office: Page;
  let operator: ApiCall;

  beforeAll(async () => {
    ({ server, browser, owner, office, operator } = await startWithAffiliate(OWNER, {
      first_name: 'Nora',
      last_name: 'News',
    }));
  });

  afterAll(() => stopE2E(browser, server));

  it('publishes a news item in the back office that the affiliate reads in the portal', async () => {
    await office.goto(`${server.baseUrl}/admin/news`);
    const form = office.getByRole('form', { name: 'Write a news item' });
    // Nothing filled in: both missing fields are named in one answer.
    await form.getByRole('button', { name: 'Save draft' }).click();
    await form.getByText('is required').first().waitFor();
    expect(await form.locator('.field-error').count()).toBe(2);
    await form.getByLabel('Title').fill('Double CPA in July');
    await form
      .getByLabel('Text')
      .fill('All **new players** count.\n\n- every country\n- every brand\n\n<b>not bold</b>');
    await form.getByLabel('Banner link').fill(`${server.baseUrl}/logo.svg`);
    await form.getByRole('button', { name: 'Save draft' }).click();
    await office.getByRole('button', { name: 'Publish Double CPA in July' }).click();
    await office.getByRole('button', { name: 'Unpublish Double CPA in July' }).waitFor();

    const mail = await mailTo(operator, OWNER.email, 'news_published');
    expect(mail.text).toContain('All new players count.');

    await owner.goto(`${server.baseUrl}/portal`);
    await owner.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'News' }).click();
    const card = owner.getByRole('article', { name: 'Double CPA in July' });
    await card.getByText('All new players count.').waitFor();
    await card.getByRole('link', { name: 'Double CPA in July', exact: true }).click();
    await owner.waitForURL(/\/portal\/news\/\d+$/);
    await owner.getByRole('heading', { name: 'Double CPA in July', level: 1 }).waitFor();
    expect(await owner.locator('.news-item strong').textContent()).toBe('new players');
    expect(await owner.locator('.news-item li').count()).toBe(2);
    // HTML typed into the text is shown as text.
    await owner.getByText('<b>not bold</b>').waitFor();
    expect(await owner.locator('.news-item b').count()).toBe(0);
    expect(await owner.locator('img.news-banner').getAttribute('src')).toBe(`${server.baseUrl}/logo.svg`);

    await owner.setViewportSize({ width: 390, height: 844 });
    await owner.reload();
    await owner.getByRole('heading', { name: 'Double CPA in July', level: 1 }).waitFor();
    expect(await owner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await owner.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows the brand's contacts the operator set", async () => {
    const brand = await operator('POST', '/api/v1/brands', { name: 'Contact Casino', base_currency: 'EUR' });
    await office.goto(`${server.baseUrl}/admin/contacts`);
    const form = office.getByRole('form', { name: 'Contacts of Contact Casino' });
    await form.getByLabel('Support email').fill('team@contact.example');
    await form.getByLabel('Telegram').fill('@contactcasino');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor();
    expect(brand.status).toBe(201);

    await owner.goto(`${server.baseUrl}/portal/contacts`);
    const section = owner.getByRole('region', { name: 'Contact Casino' });
    await section.getByRole('link', { name: 'team@contact.example' }).waitFor();
    await section.getByText('@contactcasino').waitFor();
    await owner.setViewportSize({ width: 390, height: 844 });
    expect(await owner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
