import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin, signInToBackOffice, startE2E, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

// The two forms a newcomer meets first show every problem after one submit, each under its
// field in words that name the rule, with a summary linking to them; changing a field clears it.
describe('forms answer every problem in one round', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    await setUpAdmin(server);
  });

  afterAll(() => stopE2E(browser, server));

  const summary = () => page.getByRole('alert');
  /** The error shown under the input labelled `label` (its aria-describedby names it). */
  async function errorOf(label: string | RegExp): Promise<string | null> {
    const input = page.getByLabel(label, { exact: typeof label === 'string' });
    if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const error = ids.find((id) => id.endsWith('-error'));
    return error ? page.locator(`[id="${error}"]`).textContent() : null;
  }

  it('operator "New affiliate": every field at once, linked from the summary, cleared on change', async () => {
    await signInToBackOffice(page, server);
    await page.goto(`${server.baseUrl}/admin/affiliates/new`);
    await page.getByRole('button', { name: 'Create affiliate' }).click();
    await summary().getByText('Fix this to continue:').waitFor();
    expect(await errorOf('Name')).toBe('is required');

    await page.getByLabel('Contact email').fill('bob-at-example');
    await page.getByLabel('Website').fill('example');
    await page.getByLabel('Phone').fill('call me');
    await page.getByLabel('User email').fill('not an email');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Create affiliate' }).click();
    await summary().getByText('Fix these 6 problems to continue:').waitFor();
    expect(await errorOf('Name')).toBe('is required');
    expect(await errorOf('Contact email')).toBe('enter an email like name@example.com');
    expect(await errorOf('Website')).toBe('enter a web address like https://example.com');
    expect(await errorOf('Phone')).toBe('must be a phone number');
    expect(await errorOf('User email')).toBe('enter an email like name@example.com');
    expect(await errorOf('Initial password')).toContain('at least 8 characters');
    const text = (await summary().textContent()) ?? '';
    expect(text).not.toMatch(/must NOT|match format|>=|must be null/);

    // A summary entry moves to its input.
    await summary().getByRole('link', { name: 'Website' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('url');
    await expect
      .poll(() => page.getByLabel('Website').evaluate((el) => el === document.activeElement))
      .toBe(true);

    // Changing a field clears its error, and only its own.
    await page.getByLabel('Website').fill('https://example.com');
    await expect.poll(() => errorOf('Website')).toBeNull();
    expect(await errorOf('Contact email')).toBe('enter an email like name@example.com');
    await summary().getByText('Fix these 5 problems to continue:').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('One Round Media');
    await page.getByLabel('Contact email').fill('bob@example.com');
    await page.getByLabel('Phone').fill('');
    await page.getByLabel('User email').fill('owner@example.com');
    await page.getByLabel('Initial password').fill('Str0ng#password');
    await page.getByRole('button', { name: 'Create affiliate' }).click();
    await page.getByRole('heading', { name: /One Round Media/ }).waitFor();
  });

  it('portal sign-up: fields, terms, password and website in one answer, cleared on change', async () => {
    await page.goto(`${server.baseUrl}/portal/signup`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await summary().getByText('Fix these 5 problems to continue:').waitFor();
    expect(await errorOf('First name')).toBe('is required');
    expect(await errorOf('Last name')).toBe('is required');
    expect(await errorOf('Email')).toBe('is required');
    expect(await errorOf('Password')).toBe('is required');
    expect(await errorOf(/I accept the terms/)).toBe('must be accepted to apply');

    await page.getByLabel('First name').fill('Ann');
    await expect.poll(() => errorOf('First name')).toBeNull();
    await page.getByLabel('Last name').fill('Lee');
    await page.getByLabel('Email').fill('ann-at-example');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Website').fill('my blog');
    await page.getByRole('button', { name: 'Apply' }).click();
    await summary().getByText('Fix these 4 problems to continue:').waitFor();
    expect(await errorOf('Email')).toBe('enter an email like name@example.com');
    expect(await errorOf('Password')).toContain('at least 8 characters');
    expect(await errorOf('Website')).toBe('enter a web address like https://example.com');
    expect(await errorOf(/I accept the terms/)).toBe('must be accepted to apply');

    await page.getByLabel(/I accept the terms/).check();
    await expect.poll(() => errorOf(/I accept the terms/)).toBeNull();
    expect(await errorOf('Email')).toBe('enter an email like name@example.com');

    await page.getByLabel('Email').fill('ann@example.com');
    await page.getByLabel('Password').fill('Str0ng#password');
    await page.getByLabel('Website').fill('https://ann.example');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
  });
});
