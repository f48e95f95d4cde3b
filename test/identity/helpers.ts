import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { expect, vi } from 'vitest';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app.ts';

export const PASSWORD = 'Aff1liate#pass';

/** Generous sign-in failure limits, so only the tests about them meet them. */
export const RELAXED = { SIGN_IN_FAILURES_PER_IP: '10000', SIGN_IN_FAILURES_PER_ACCOUNT: '10000' };

export interface IdentityTestApp extends TestApp {
  admin: string;
  /** A request as the holder of a portal session cookie value. */
  as(cookie: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** The newest message to `to` in the development outbox. */
  lastEmail(
    to: string,
    template?: string,
  ): Promise<{ subject: string; text: string; html: string; template: string }>;
  /** The token of the first link in the newest message to `to`. */
  linkToken(to: string, template?: string): Promise<string>;
}

export async function createIdentityApp(
  env: Record<string, string> = {},
  extend?: (app: FastifyInstance) => void,
  options: TestAppOptions = {},
): Promise<IdentityTestApp> {
  const t = await createTestApp({ ...RELAXED, ...env }, extend, options);
  const admin = await t.apiKey(['admin']);
  const lastEmail = async (to: string, template?: string) => {
    // Emails are jobs, sent after the change that asked for them committed: run them here.
    await t.jobs.runUntilIdle();
    const res = await t.call(admin, { url: `/api/v1/dev/outbox?to=${encodeURIComponent(to)}&limit=50` });
    expect(res.statusCode).toBe(200);
    const found = res.json().data.find((m: { template: string }) => !template || m.template === template);
    if (!found) throw new Error(`no ${template ?? ''} email to ${to}`);
    return found;
  };
  return {
    ...t,
    admin,
    as: (cookie, options) =>
      t.app.inject({
        ...options,
        headers: { ...(cookie ? { cookie: `affluent_portal=${cookie}` } : {}), ...options.headers },
      }),
    lastEmail,
    linkToken: async (to, template) => {
      const { text } = await lastEmail(to, template);
      const token = /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
      if (!token) throw new Error(`no link in: ${text}`);
      return token;
    },
  };
}

export function portalCookie(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === 'affluent_portal' && c.value)?.value;
}

let counter = 0;
export const uniqueEmail = (label: string) => `${label}${++counter}-${Date.now() % 100000}@example.com`;

export interface Partner {
  affiliateId: number;
  userId: number;
  email: string;
  cookie: string;
}

/** An approved affiliate whose owner is signed in: through sign-up, approval and sign-in. */
export async function approvedPartner(t: IdentityTestApp, label = 'owner'): Promise<Partner> {
  const email = uniqueEmail(label);
  const signUp = await t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/sign-up',
    payload: { email, password: PASSWORD, first_name: 'Ada', last_name: label, terms_accepted: true },
  });
  expect(signUp.statusCode, signUp.body).toBe(201);
  const affiliateId = await affiliateIdOf(t, email);
  const approve = await t.call(t.admin, { method: 'POST', url: `/api/v1/affiliates/${affiliateId}/approve` });
  expect(approve.statusCode, approve.body).toBe(204);
  const signIn = await signInAs(t, email);
  return { affiliateId, userId: signIn.json().user_id, email, cookie: portalCookie(signIn)! };
}

/** The affiliate an application made: the sign-up answer names none (it is the same for a taken address). */
export async function affiliateIdOf(t: TestApp, email: string): Promise<number> {
  const row = await t.db
    .selectFrom('affiliate_users')
    .select('affiliate_id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirstOrThrow();
  return row.affiliate_id;
}

export function signInAs(t: IdentityTestApp, email: string, password = PASSWORD, code?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/auth/sign-in',
    payload: { email, password, ...(code !== undefined ? { code } : {}) },
    headers: {
      'user-agent':
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
    },
  });
}

/** A team member added by the owner who set their password from the emailed link and signed in. */
export async function teamMember(t: IdentityTestApp, owner: Partner, label = 'member'): Promise<Partner> {
  const email = uniqueEmail(label);
  const added = await t.as(owner.cookie, {
    method: 'POST',
    url: '/api/partner/v1/users',
    payload: { email, first_name: label },
  });
  expect(added.statusCode, added.body).toBe(201);
  const token = await t.linkToken(email, 'set_password');
  const set = await t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/auth/password/set',
    payload: { token, password: PASSWORD },
  });
  expect(set.statusCode, set.body).toBe(200);
  const signIn = await signInAs(t, email);
  expect(signIn.statusCode, signIn.body).toBe(200);
  return { affiliateId: owner.affiliateId, userId: added.json().id, email, cookie: portalCookie(signIn)! };
}

/** The authenticator code `steps` time steps away from now. */
export function totpCode(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/**
 * Moves the clock (Date only, faked) to one second into the next time step, so a code made now
 * is judged in the same step, without waiting for the edge. Date keeps running from there; the
 * test restores it with vi.useRealTimers().
 */
export async function awayFromStepEdge(): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 1_000);
}

/** Turns on 2FA for the session's user; returns the secret and the recovery codes. */
export async function enableTwoFactor(t: IdentityTestApp, cookie: string, steps = 0) {
  const setup = await t.as(cookie, { method: 'POST', url: '/api/partner/v1/two-factor/setup' });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json();
  await awayFromStepEdge();
  const confirm = await t.as(cookie, {
    method: 'POST',
    url: '/api/partner/v1/two-factor/confirm',
    payload: { code: totpCode(secret, steps) },
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { secret: secret as string, recoveryCodes: confirm.json().recovery_codes as string[] };
}
