import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiCall,
  applyAsAffiliate,
  approvedAffiliate,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const PIA = { email: 'pia@partner.example', password: 'Partner#pass1' };
const SAM = { email: 'sam@partner.example', password: 'Partner#pass2' };

// Actions that are hard to take back ask first and say what follows; cancelling changes
// nothing. One's own staff row cannot lock one out. "Sign in as" is visible in the portal.
describe('safe actions', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  let helperId: number;
  let linkName: string;

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const helper = await operator('POST', '/api/v1/staff', {
      email: 'helper@example.com',
      name: 'Helper',
      role: 'support',
    });
    expect(helper.status, JSON.stringify(helper.json)).toBe(201);
    helperId = helper.json.id;
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    linkName = 'Welcome page';
    const link = await operator('POST', '/api/v1/destination-links', {
      brand_id: brand.json.id,
      name: linkName,
      url: 'https://lucky.example/welcome',
    });
    expect(link.status, JSON.stringify(link.json)).toBe(201);
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  const helperNow = async () =>
    (await operator('GET', '/api/v1/staff')).json.data.find((s: { id: number }) => s.id === helperId);
  const dialog = () => page.getByRole('dialog');

  it('asks before blocking a staff user or changing a role; cancel changes nothing', async () => {
    await page.goto(`${server.baseUrl}/admin/staff`);
    await page.getByRole('button', { name: 'Block helper@example.com' }).click();
    await dialog().getByText('signed out everywhere').waitFor();
    expect(await dialog().getByRole('heading').textContent()).toBe('Block helper@example.com?');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect((await helperNow()).status).toBe('active');

    await page.getByRole('button', { name: 'Block helper@example.com' }).click();
    await dialog().getByRole('button', { name: 'Block' }).click();
    await page.getByRole('button', { name: 'Unblock helper@example.com' }).waitFor();
    expect((await helperNow()).status).toBe('blocked');

    const role = page.getByLabel('Role of helper@example.com');
    await role.selectOption('finance');
    await dialog().getByRole('heading', { name: 'Make helper@example.com finance?' }).waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect((await helperNow()).role).toBe('support');
    expect(await role.inputValue()).toBe('support');
    await role.selectOption('finance');
    await dialog().getByRole('button', { name: 'Change role' }).click();
    await expect.poll(async () => (await helperNow()).role).toBe('finance');
  });

  it("disables one's own role and block buttons, saying why", async () => {
    await page.goto(`${server.baseUrl}/admin/staff`);
    const block = page.getByRole('button', { name: `Block ${ADMIN.email}` });
    await block.waitFor();
    expect(await block.isDisabled()).toBe(true);
    expect(await page.getByLabel(`Role of ${ADMIN.email}`).isDisabled()).toBe(true);
    const reason = await block.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${reason}"]`).textContent()).toContain('This is you');
  });

  it('asks before disabling a destination link', async () => {
    await page.goto(`${server.baseUrl}/admin/destination-links`);
    await page.getByRole('button', { name: `Disable ${linkName}` }).click();
    await dialog().getByText('go to the fallback URL').waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    const enabled = async () => (await operator('GET', '/api/v1/destination-links')).json.data[0].enabled;
    expect(await enabled()).toBe(true);
    await page.getByRole('button', { name: `Disable ${linkName}` }).click();
    await dialog().getByRole('button', { name: 'Disable link' }).click();
    await page.getByRole('button', { name: `Enable ${linkName}` }).waitFor();
    expect(await enabled()).toBe(false);
  });

  it('asks before approving an application; cancel leaves it pending', async () => {
    const id = await applyAsAffiliate(server, operator, SAM, { first_name: 'Sam', last_name: 'Applicant' });
    await page.goto(`${server.baseUrl}/admin/affiliates/${id}`);
    const application = page.getByRole('region', { name: 'Application' });
    await application.getByRole('button', { name: 'Approve' }).click();
    await dialog().getByText('can sign in to the portal').waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect((await operator('GET', `/api/v1/affiliates/${id}`)).json.status).toBe('pending');
    await application.getByRole('button', { name: 'Approve' }).click();
    await dialog().getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(async () => (await operator('GET', `/api/v1/affiliates/${id}`)).json.status)
      .toBe('active');
  });

  it('shows who acts in a "sign in as" portal session, with a way back', async () => {
    const id = await approvedAffiliate(server, operator, PIA, { first_name: 'Pia', last_name: 'Partner' });
    await page.goto(`${server.baseUrl}/admin/affiliates/${id}`);
    const [portal] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Sign in as affiliate' }).click(),
    ]);
    portal.setDefaultTimeout(15_000);
    await portal.waitForURL(`${server.baseUrl}/portal`);
    const banner = portal.getByTestId('acting-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(ADMIN.email);
    expect(await banner.textContent()).toContain('Pia Partner');

    await banner.getByRole('button', { name: 'Back to the back office' }).click();
    await portal.waitForURL(`${server.baseUrl}/admin/affiliates/${id}`);
    await portal.getByRole('heading', { name: /Pia Partner/ }).waitFor();
    // The portal session is over; the back office one is not.
    await portal.goto(`${server.baseUrl}/portal`);
    await portal.waitForURL(/\/portal\/sign-in/);
    await portal.close();

    // The affiliate's own sign-in shows no banner.
    const own = await browser.newContext();
    const mine = await own.newPage();
    mine.setDefaultTimeout(15_000);
    await mine.goto(`${server.baseUrl}/portal/sign-in`);
    await mine.getByLabel('Email').fill(PIA.email);
    await mine.getByLabel('Password').fill(PIA.password);
    await mine.getByRole('button', { name: 'Sign in' }).click();
    await mine.waitForURL(`${server.baseUrl}/portal`);
    await mine.getByTestId('portal-user-email').waitFor();
    expect(await mine.getByTestId('acting-banner').count()).toBe(0);
    await own.close();
  });
});
