import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startE2E, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

const { version } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const { email: EMAIL, password: PASSWORD } = ADMIN;

// One operator's first session, step by step; each step starts where the previous one left off.
describe('back office', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
  });

  afterAll(() => stopE2E(browser, server));

  async function expectVisible(text: string | RegExp) {
    await page.getByText(text).first().waitFor();
  }

  it('creates the administrator through the setup link', async () => {
    await page.goto(server.setupUrl);
    await page.getByRole('heading', { name: 'Create the administrator' }).waitFor();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Name').fill('Ada Admin');

    // Checked in the browser before anything is sent.
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill('something else');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expectVisible('does not match the password');

    // Checked by the server: its 422 field error appears next to the password input.
    await page.getByLabel('Password', { exact: true }).fill('weak');
    await page.getByLabel('Confirm password').fill('weak');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expectVisible(/must contain .*uppercase/);
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL(`${server.baseUrl}/admin`);
  });

  it('shows the signed-in shell with the email and version', async () => {
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByTestId('user-email').textContent()).toBe(EMAIL);
    await expect.poll(() => page.getByTestId('version').textContent()).toBe(version);
    await page.getByText('ready', { exact: true }).waitFor();
  });

  it('signs out, and the shell then sends visitors to sign in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/login`);
    await page.goto(`${server.baseUrl}/admin/api-keys`);
    await page.waitForURL(/\/admin\/login\?redirect=/);
  });

  it('refuses a wrong password and signs in with the right one', async () => {
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('Wrong-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('email or password is incorrect');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the redirect came from.
    await page.waitForURL(`${server.baseUrl}/admin/api-keys`);
  });

  it('creates an API key, shows its secret once, and revokes it', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${server.baseUrl}/admin`);
    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await page.waitForURL(`${server.baseUrl}/admin/api-keys`);
    await expectVisible('No API keys yet.');

    await page.getByLabel('Name').fill('CI deploy');
    await page.getByLabel('read', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Create key' }).click();
    // The server's 422 names the `scopes` field; its message shows inside the Scopes group.
    await page.getByRole('group', { name: 'Scopes' }).locator('.field-error').waitFor();

    await page.getByLabel('write', { exact: true }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-api-key').textContent();
    expect(secret).toMatch(/^afl_\w+/);
    await page.getByRole('cell', { name: 'CI deploy' }).waitFor();

    // The secret on screen is a working key.
    const me = await fetch(`${server.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { api_key: { name: string } }).api_key.name).toBe('CI deploy');

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Confirm revoking CI deploy' }).click();
    await expectVisible('No API keys yet.');
    const after = await fetch(`${server.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.status).toBe(401);
  });
});
