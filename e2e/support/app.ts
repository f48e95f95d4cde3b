import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

/** The first administrator, as every browser test creates them. */
export const ADMIN = { email: 'admin@example.com', password: 'Correct-Horse-9' };

export interface Person {
  email: string;
  password: string;
}

/** A call to the API as someone signed in: `await operator('POST', '/api/v1/brands', {...})`. */
export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; json: any }>;

/** A page that waits up to 15 s for what it is asked to find. */
export async function newPage(browser: Browser | BrowserContext): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** A server on a fresh data directory, then Chromium with one page: how each browser test starts. */
export async function startE2E(): Promise<{ server: TestServer; browser: Browser; page: Page }> {
  // One after the other: if the server fails to start, no browser is left running behind it.
  const server = await startServer();
  try {
    const browser = await launchBrowser();
    return { server, browser, page: await newPage(browser) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export async function stopE2E(browser: Browser | undefined, server: TestServer | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
}

const post = (server: TestServer, path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Creates the administrator through the setup link's API and returns calls made as them. */
export async function setUpAdmin(server: TestServer): Promise<ApiCall> {
  const token = new URL(server.setupUrl).searchParams.get('token');
  expect((await post(server, '/api/v1/setup', { token, ...ADMIN })).status).toBe(201);
  const cookie = (await post(server, '/api/v1/auth/login', ADMIN)).headers.get('set-cookie')!.split(';')[0]!;
  return async (method, path, body) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: res.status === 204 ? null : await res.json() };
  };
}

export interface OutboxMail {
  template: string;
  text: string;
}

/**
 * The email with `template` sent to `to`, from the development outbox. Emails are jobs written
 * with the change that causes them and sent a moment later, so this waits for it to arrive.
 */
export async function mailTo(operator: ApiCall, to: string, template: string): Promise<OutboxMail> {
  let found: OutboxMail | undefined;
  await expect
    .poll(async () => {
      const outbox = await operator('GET', `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
      found = (outbox.json.data as OutboxMail[]).find((m) => m.template === template);
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

/**
 * Applies to the affiliate program as `who` (a pending affiliate) and returns its id, which the
 * operator looks up: the sign-up answer names none (it is the same for an address already used).
 */
export async function applyAsAffiliate(
  server: TestServer,
  operator: ApiCall,
  who: Person,
  details: { first_name: string; last_name: string; company_name?: string },
): Promise<number> {
  const res = await post(server, '/api/partner/v1/sign-up', { ...who, ...details, terms_accepted: true });
  expect(res.status).toBe(201);
  const found = await operator('GET', `/api/v1/affiliates?q=${encodeURIComponent(who.email)}`);
  expect(found.json.data).toHaveLength(1);
  return found.json.data[0].id;
}

/** An application the operator has approved, so its owner can sign in to the portal. */
export async function approvedAffiliate(
  server: TestServer,
  operator: ApiCall,
  who: Person,
  details: { first_name: string; last_name: string; company_name?: string },
): Promise<number> {
  const id = await applyAsAffiliate(server, operator, who, details);
  expect((await operator('POST', `/api/v1/affiliates/${id}/approve`)).status).toBe(204);
  return id;
}

/** Fills the back office sign-in form and waits for the dashboard. */
export async function signInToBackOffice(page: Page, server: TestServer, who: Person = ADMIN): Promise<void> {
  await page.goto(`${server.baseUrl}/admin/login`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.baseUrl}/admin`);
}

/** Fills the portal sign-in form; where it leads (home, or the two-factor code) is the caller's. */
export async function submitPortalSignIn(page: Page, server: TestServer, who: Person): Promise<void> {
  await page.goto(`${server.baseUrl}/portal/sign-in`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** What a test of both sides starts with: see startWithAffiliate. */
export interface BothSides {
  server: TestServer;
  browser: Browser;
  /** The affiliate's owner, signed in to the portal. */
  owner: Page;
  /** The administrator, signed in to the back office in a context of its own. */
  office: Page;
  operator: ApiCall;
  affiliateId: number;
}

/**
 * A server and Chromium, the administrator, an approved affiliate owned by `who`, the back office
 * signed in on one page and the portal on another: how the tests of the operator and the
 * affiliate working on the same thing start. Nothing is left running if a step fails.
 */
export async function startWithAffiliate(
  who: Person,
  details: { first_name: string; last_name: string; company_name?: string },
): Promise<BothSides> {
  const { server, browser, page: owner } = await startE2E();
  try {
    const operator = await setUpAdmin(server);
    const affiliateId = await approvedAffiliate(server, operator, who, details);
    const office = await newPage(await browser.newContext());
    await signInToBackOffice(office, server);
    await signInToPortal(owner, server, who);
    return { server, browser, owner, office, operator, affiliateId };
  } catch (error) {
    await stopE2E(browser, server);
    throw error;
  }
}

/** Signs in to the portal and waits for its home page (no two-factor step). */
export async function signInToPortal(page: Page, server: TestServer, who: Person): Promise<void> {
  await submitPortalSignIn(page, server, who);
  await page.waitForURL(`${server.baseUrl}/portal`);
}

const BANNER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="250"><rect width="300" height="250" fill="#2456d6"/></svg>';

/** Uploads a banner (a 300×250 SVG) as the back office does, multipart, signed in as ADMIN; its id. */
export async function uploadBanner(
  server: TestServer,
  fields: { title: string; brand_id?: number },
): Promise<number> {
  const cookie = (await post(server, '/api/v1/auth/login', ADMIN)).headers.get('set-cookie')!.split(';')[0]!;
  const form = new FormData();
  form.set('title', fields.title);
  if (fields.brand_id) form.set('brand_id', String(fields.brand_id));
  form.set('file', new Blob([BANNER_SVG], { type: 'image/svg+xml' }), 'banner.svg');
  const res = await fetch(`${server.baseUrl}/api/v1/media`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}
