import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  affiliateIdOf,
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  PASSWORD,
  portalCookie,
  signInAs,
  uniqueEmail,
} from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp({ LOCKOUT_ATTEMPTS: '3' });
});
afterAll(() => t.close());

const signUp = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/partner/v1/sign-up', payload });

describe('sign-up and application review', () => {
  it('creates a pending affiliate that cannot sign in until approved, with emails at each step', async () => {
    const referrer = await approvedPartner(t, 'referrer');
    const email = uniqueEmail('applicant');
    const base = {
      email,
      password: PASSWORD,
      first_name: 'Ann',
      last_name: 'Lee',
      company_name: 'Ann Media',
    };

    const noTerms = await signUp({ ...base, terms_accepted: false });
    expect(noTerms.statusCode).toBe(422);
    expect(noTerms.json().error.details.fields[0].path).toBe('terms_accepted');
    const weak = await signUp({ ...base, password: 'short', terms_accepted: true });
    expect(weak.json().error.details.fields[0].path).toBe('password');

    const res = await signUp({ ...base, terms_accepted: true, ref: String(referrer.affiliateId) });
    expect(res.statusCode, res.body).toBe(201);
    const id = await affiliateIdOf(t, email);
    expect((await t.lastEmail(email)).template).toBe('sign_up_received');
    const row = await t.db
      .selectFrom('affiliates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', referrer_id: referrer.affiliateId, name: 'Ann Media' });
    expect(row.signup_info).toMatchObject({ ref: String(referrer.affiliateId) });
    expect(typeof (row.signup_info as { terms_accepted_at: string }).terms_accepted_at).toBe('string');

    // A taken address is answered like a new one; its owner is told instead (test/security/enumeration.test.ts).
    const taken = await signUp({ ...base, terms_accepted: true });
    expect(taken.json()).toEqual(res.json());
    expect((await t.lastEmail(email)).template).toBe('sign_up_attempt');

    const pending = await signInAs(t, email);
    expect(pending.statusCode).toBe(403);
    expect(pending.json().error.details.reason).toBe('affiliate_pending');

    const approve = await t.call(t.admin, { method: 'POST', url: `/api/v1/affiliates/${id}/approve` });
    expect(approve.statusCode).toBe(204);
    expect((await t.lastEmail(email)).template).toBe('sign_up_approved');
    const again = await t.call(t.admin, {
      method: 'POST',
      url: `/api/v1/affiliates/${id}/decline`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect((await signInAs(t, email)).statusCode).toBe(200);
  });

  it('records the referrer of a referral link, by its code or by the cookie it left', async () => {
    const referrer = await approvedPartner(t, 'refcode');
    const link = await t.call(t.admin, { url: `/api/v1/affiliates/${referrer.affiliateId}/referral-link` });
    const { code } = link.json();
    const base = { password: PASSWORD, first_name: 'Sub', last_name: 'Affiliate', terms_accepted: true };
    const emails = [uniqueEmail('sub'), uniqueEmail('sub'), uniqueEmail('sub')] as const;
    await signUp({ ...base, email: emails[0], ref: code });
    await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/sign-up',
      payload: { ...base, email: emails[1] },
      headers: { cookie: `affluent_ref=${code}` },
    });
    await signUp({ ...base, email: emails[2], ref: 'nosuchcode' });
    const referrers = await t.db
      .selectFrom('affiliates')
      .select('referrer_id')
      .where('id', 'in', await Promise.all(emails.map((e) => affiliateIdOf(t, e))))
      .orderBy('id')
      .execute();
    expect(referrers.map((r) => r.referrer_id)).toEqual([referrer.affiliateId, referrer.affiliateId, null]);
  });

  it('declines with a reason the applicant reads', async () => {
    const email = uniqueEmail('declined');
    await signUp({
      email,
      password: PASSWORD,
      first_name: 'D',
      last_name: 'E',
      terms_accepted: true,
    });
    const id = await affiliateIdOf(t, email);
    const decline = await t.call(t.admin, {
      method: 'POST',
      url: `/api/v1/affiliates/${id}/decline`,
      payload: { reason: 'Traffic sources are not allowed' },
    });
    expect(decline.statusCode).toBe(204);
    const mail = await t.lastEmail(email);
    expect(mail.template).toBe('sign_up_declined');
    expect(mail.text).toContain('Traffic sources are not allowed');
    expect(mail.html).toContain('Traffic sources are not allowed');
    expect((await signInAs(t, email)).json().error.details.reason).toBe('affiliate_declined');
  });
});

describe('portal sign-in', () => {
  it('sets an HttpOnly cookie, answers /auth/me, and signs out', async () => {
    const p = await approvedPartner(t);
    const me = await t.as(p.cookie, { url: '/api/partner/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      via: 'session',
      user: { email: p.email, is_owner: true },
      affiliate: { id: p.affiliateId },
    });
    const res = await signInAs(t, p.email);
    const cookie = res.cookies.find((c) => c.name === 'affluent_portal')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');

    // The back office cookie is not a portal session, and the portal cookie is not a staff one.
    expect(
      (await t.app.inject({ url: '/api/partner/v1/auth/me', headers: { cookie: await t.staffCookie() } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `affluent_session=${p.cookie}` } }))
        .statusCode,
    ).toBe(401);

    const out = await t.as(p.cookie, { method: 'POST', url: '/api/partner/v1/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    expect((await t.as(p.cookie, { url: '/api/partner/v1/auth/me' })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const p = await approvedPartner(t);
    const wrong = await signInAs(t, p.email, 'Wrong#pass1');
    const unknown = await signInAs(t, uniqueEmail('nobody'));
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(portalCookie(wrong)).toBeUndefined();
  });

  it('resets a forgotten password with a link that works once and ends every session', async () => {
    const p = await approvedPartner(t);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/password/forgot',
      payload: { email: uniqueEmail('ghost') },
    });
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/password/forgot',
      payload: { email: p.email },
    });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    const token = await t.linkToken(p.email, 'reset_password');
    const set = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/partner/v1/auth/password/set',
        payload: { token, password },
      });
    expect((await set('weak')).statusCode).toBe(422);
    expect((await set('N3w#password')).statusCode).toBe(200);
    expect((await set('N3w#password2')).statusCode).toBe(410);
    expect((await t.as(p.cookie, { url: '/api/partner/v1/auth/me' })).statusCode).toBe(401);
    expect((await signInAs(t, p.email, 'N3w#password')).statusCode).toBe(200);
  });
});

describe('lockout after failed sign-ins', () => {
  it('locks on the Nth failure, emails an unlock link that works once', async () => {
    const p = await approvedPartner(t, 'brute');
    for (let i = 1; i <= 2; i++) expect((await signInAs(t, p.email, `Wrong#pass${i}`)).statusCode).toBe(401);
    expect(
      (await t.db
        .selectFrom('affiliate_users')
        .select('locked_at')
        .where('id', '=', p.userId)
        .executeTakeFirst())!.locked_at,
    ).toBeNull();
    expect((await signInAs(t, p.email, 'Wrong#pass3')).statusCode).toBe(401);

    const locked = await signInAs(t, p.email);
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error.details.reason).toBe('locked');
    // Sessions of a locked user stop working too.
    expect((await t.as(p.cookie, { url: '/api/partner/v1/auth/me' })).statusCode).toBe(401);

    const mail = await t.lastEmail(p.email, 'unlock');
    expect(mail.subject).toBe('Unlock instructions');
    expect(mail.html).toContain('Unlock my account');
    const token = await t.linkToken(p.email, 'unlock');
    const unlock = () =>
      t.app.inject({ method: 'POST', url: '/api/partner/v1/auth/unlock', payload: { token } });
    expect((await unlock()).statusCode).toBe(200);
    expect((await unlock()).statusCode).toBe(410);
    expect((await signInAs(t, p.email)).statusCode).toBe(200);

    const events = await t.as(portalCookie(await signInAs(t, p.email))!, {
      url: '/api/partner/v1/events?type=account_locked&type=account_unlocked',
    });
    expect(events.json().data.map((e: { type: string }) => e.type)).toEqual([
      'account_unlocked',
      'account_locked',
    ]);
  });

  it('can be unlocked by the operator (support), not by a read-only key', async () => {
    const p = await approvedPartner(t, 'locked');
    for (let i = 0; i < 3; i++) await signInAs(t, p.email, 'Wrong#pass0');
    expect((await signInAs(t, p.email)).statusCode).toBe(403);
    const readOnly = await t.apiKey(['read']);
    const denied = await t.call(readOnly, {
      method: 'POST',
      url: `/api/v1/affiliate-users/${p.userId}/unlock`,
    });
    expect(denied.statusCode).toBe(403);
    // The operator's list of the affiliate's users shows who is locked, so support knows whom to unlock.
    const lockedOf = async () =>
      (await t.call(readOnly, { url: `/api/v1/affiliates/${p.affiliateId}/users` }))
        .json()
        .data.map((u: { locked: boolean; two_factor_enabled: boolean }) => [u.locked, u.two_factor_enabled]);
    expect(await lockedOf()).toEqual([[true, false]]);
    const support = await t.apiKey(['support']);
    expect(
      (await t.call(support, { method: 'POST', url: `/api/v1/affiliate-users/${p.userId}/unlock` }))
        .statusCode,
    ).toBe(204);
    expect(await lockedOf()).toEqual([[false, false]]);
    expect((await signInAs(t, p.email)).statusCode).toBe(200);
    // The emailed link has nothing left to do.
    const token = await t.linkToken(p.email, 'unlock');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/partner/v1/auth/unlock', payload: { token } }))
        .statusCode,
    ).toBe(410);
  });
});

describe('rate limits', () => {
  it('are configured by validated variables', () => {
    expect(loadConfig({}).identity).toMatchObject({
      rateLimitPerIp: 600,
      lockoutAttempts: 5,
      smtpUrl: undefined,
    });
    expect(() => loadConfig({ RATE_LIMIT_PER_IP: '-1' })).toThrow(/RATE_LIMIT_PER_IP/);
    expect(() => loadConfig({ LOCKOUT_ATTEMPTS: '0' })).toThrow(/LOCKOUT_ATTEMPTS/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(
      /SMTP_URL must be a URL starting with smtp:/,
    );
  });

  it('limits failed sign-ins per account and per address with 429 and Retry-After', async () => {
    const limited = await createIdentityApp({
      SIGN_IN_FAILURES_PER_ACCOUNT: '2',
      SIGN_IN_FAILURES_PER_IP: '4',
      LOCKOUT_ATTEMPTS: '50',
    });
    try {
      const a = await approvedPartner(limited, 'ratea');
      const b = await approvedPartner(limited, 'rateb');
      for (let i = 0; i < 2; i++)
        expect((await signInAs(limited, a.email, 'Wrong#pass1')).statusCode).toBe(401);
      const perAccount = await signInAs(limited, a.email);
      expect(perAccount.statusCode).toBe(429);
      expect(Number(perAccount.headers['retry-after'])).toBeGreaterThan(0);
      // Another account from the same address still has room, until the address runs out.
      for (let i = 0; i < 2; i++)
        expect((await signInAs(limited, b.email, 'Wrong#pass1')).statusCode).toBe(401);
      const perIp = await signInAs(limited, uniqueEmail('third'));
      expect(perIp.statusCode).toBe(429);
      expect(perIp.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('limits every API request per address, per session and per key with 429 and Retry-After', async () => {
    const limited = await createIdentityApp({
      RATE_LIMIT_PER_IP: '3',
      RATE_LIMIT_PER_KEY: '4',
      RATE_LIMIT_PER_USER: '2',
    });
    try {
      const anonymous = () => limited.app.inject({ url: '/api/partner/v1/auth/me' });
      for (let i = 0; i < 3; i++) expect((await anonymous()).statusCode).toBe(401);
      const blocked = await anonymous();
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().error.code).toBe('rate_limited');
      // Pages outside /api are not limited.
      expect((await limited.app.inject({ url: '/healthz' })).statusCode).not.toBe(429);

      // A key's first call counts against its address (it is not known to be genuine yet), then
      // it has its own allowance: from another address, 1 + 4 calls pass.
      const from = { remoteAddress: '203.0.113.7' };
      const key = await limited.apiKey(['read']);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await limited.call(key, { url: '/api/v1/auth/me', ...from })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      expect((await limited.call(key, { url: '/api/v1/auth/me', ...from })).statusCode).toBe(429);
      // Each key has its own allowance; the admin key of the helper used some of its own already.
      const other = await limited.apiKey(['read']);
      expect((await limited.call(other, { url: '/api/v1/auth/me', ...from })).statusCode).toBe(200);

      // A made-up session buys no allowance: it counts against the spent address.
      const session = { cookie: 'affluent_portal=some-session' };
      expect(
        (await limited.app.inject({ url: '/api/partner/v1/auth/me', headers: session })).statusCode,
      ).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
