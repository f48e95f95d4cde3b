import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  freshIp,
  identityState,
  outbox,
  STAFF_PASSWORD,
  staffLogin,
  staffUser,
  tokenIn,
  uniqueAddress,
} from './identity-helpers.ts';

// Staff sign-in (POST /api/v1/auth/login) has the portal's protection: failures in a row lock the
// account (LOCKOUT_ATTEMPTS), and failures are counted per address and per account (429).

const WRONG = 'Wrong#pass1';
const LOCKOUT = 3;

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({
    LOCKOUT_ATTEMPTS: String(LOCKOUT),
    SIGN_IN_FAILURES_PER_IP: '10000',
    SIGN_IN_FAILURES_PER_ACCOUNT: '10000',
  });
  admin = await t.apiKey(['admin']);
});
afterAll(() => t.close());

const lockedAt = async (id: number) =>
  (await t.db.selectFrom('staff_users').select('locked_at').where('id', '=', id).executeTakeFirstOrThrow())
    .locked_at;

async function lockOut(email: string): Promise<void> {
  for (let i = 0; i < LOCKOUT; i++) expect((await staffLogin(t, email, WRONG)).statusCode).toBe(401);
}

describe('staff lockout', () => {
  it('locks after LOCKOUT_ATTEMPTS wrong passwords in a row: then the right password is refused', async () => {
    const staff = await staffUser(t, admin);
    // A success between failures starts the count again.
    for (let i = 0; i < LOCKOUT - 1; i++) await staffLogin(t, staff.email, WRONG);
    expect((await staffLogin(t, staff.email, STAFF_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < LOCKOUT - 1; i++) await staffLogin(t, staff.email, WRONG);
    expect(await lockedAt(staff.id)).toBeNull();

    expect((await staffLogin(t, staff.email, WRONG)).statusCode).toBe(401);
    expect(await lockedAt(staff.id)).toBeInstanceOf(Date);
    const right = await staffLogin(t, staff.email, STAFF_PASSWORD);
    expect(right.statusCode).toBe(403);
    expect(right.json().error).toMatchObject({
      code: 'forbidden',
      message: 'the account is locked; follow the link in the unlock email or ask an administrator',
      details: { reason: 'locked' },
    });
    expect(right.cookies.find((c) => c.name === 'affluent_session')).toBeUndefined();

    const listed = await t.call(admin, { url: `/api/v1/staff/${staff.id}` });
    expect(listed.json().locked_at).toEqual(expect.any(String));
    const [mail] = await outbox(t, admin, staff.email);
    expect(mail).toMatchObject({ template: 'unlock', subject: 'Unlock instructions' });
    expect(mail!.text).toContain(`after ${LOCKOUT} unsuccessful sign-in attempts`);
    expect(mail!.text).toContain('/admin/unlock?token=');
  });

  it('answers a wrong password of a locked account like an unknown address, and counts it no further', async () => {
    const staff = await staffUser(t, admin);
    await lockOut(staff.email);
    const before = await identityState(t.db);
    const locked = await staffLogin(t, staff.email, WRONG);
    const unknown = await staffLogin(t, uniqueAddress('nobody'), WRONG);
    expect(locked.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(locked.json().error.message).toBe('email or password is incorrect');
    expect(unknown.json().error.message).toBe(locked.json().error.message);
    expect(locked.json().error.details).toEqual(unknown.json().error.details);
    // No second unlock email, no new count.
    expect(await identityState(t.db)).toBe(before);
  });

  it('unlocks with the emailed link, once; the portal does not take a staff link', async () => {
    const staff = await staffUser(t, admin);
    await lockOut(staff.email);
    const token = tokenIn((await outbox(t, admin, staff.email))[0]);

    const before = await identityState(t.db);
    const onPortal = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/unlock',
      payload: { token },
    });
    expect(onPortal.statusCode).toBe(410);
    expect(await identityState(t.db)).toBe(before);

    const unlock = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/unlock', payload: { token } });
    const first = await unlock();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ email: staff.email });
    expect((await unlock()).statusCode).toBe(410);
    expect(await lockedAt(staff.id)).toBeNull();
    expect((await staffLogin(t, staff.email, STAFF_PASSWORD)).statusCode).toBe(200);
  });

  it('is lifted by an administrator (POST /staff/:id/unlock) and by nobody else', async () => {
    const staff = await staffUser(t, admin);
    await lockOut(staff.email);
    const before = await identityState(t.db);
    for (const scopes of [['write'], ['support'], ['read']]) {
      const key = await t.apiKey(scopes);
      const denied = await t.call(key, { method: 'POST', url: `/api/v1/staff/${staff.id}/unlock` });
      expect(denied.statusCode).toBe(403);
    }
    expect(await identityState(t.db)).toBe(before);

    const res = await t.call(admin, { method: 'POST', url: `/api/v1/staff/${staff.id}/unlock` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: staff.id, locked_at: null });
    expect((await staffLogin(t, staff.email, STAFF_PASSWORD)).statusCode).toBe(200);
    // The emailed link has nothing left to do.
    const token = tokenIn((await outbox(t, admin, staff.email))[0]);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/unlock', payload: { token } })).statusCode,
    ).toBe(410);
    // The count started again: one wrong password does not lock.
    expect((await staffLogin(t, staff.email, WRONG)).statusCode).toBe(401);
    expect(await lockedAt(staff.id)).toBeNull();

    const missing = await t.call(admin, { method: 'POST', url: '/api/v1/staff/999999/unlock' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('staff sign-in failure limits', () => {
  const WINDOW = 600;
  let limited: TestApp;
  let limitedAdmin: string;
  beforeAll(async () => {
    limited = await createTestApp({
      LOCKOUT_ATTEMPTS: '100',
      SIGN_IN_FAILURES_PER_ACCOUNT: '2',
      SIGN_IN_FAILURES_PER_IP: '4',
      SIGN_IN_FAILURE_WINDOW_SECONDS: String(WINDOW),
    });
    limitedAdmin = await limited.apiKey(['admin']);
  });
  afterAll(() => limited.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses an account after its failures, from any address, even with the right password', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const staff = await staffUser(limited, limitedAdmin);
    for (let i = 0; i < 2; i++) {
      expect((await staffLogin(limited, staff.email, WRONG, freshIp())).statusCode).toBe(401);
    }
    const before = await identityState(limited.db);
    const res = await staffLogin(limited, staff.email, STAFF_PASSWORD, freshIp());
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBe(WINDOW);
    expect(res.json().error.details.retry_after).toBe(WINDOW);
    // Refused before the password is looked at: nothing counted, no session.
    expect(await identityState(limited.db)).toBe(before);

    vi.setSystemTime(Date.now() + WINDOW * 1000);
    expect((await staffLogin(limited, staff.email, STAFF_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('refuses an address after its failures, whichever accounts it tried', async () => {
    const ip = freshIp();
    const staff = await staffUser(limited, limitedAdmin);
    for (let i = 0; i < 4; i++) {
      expect((await staffLogin(limited, uniqueAddress('guess'), WRONG, ip)).statusCode).toBe(401);
    }
    const refused = await staffLogin(limited, staff.email, STAFF_PASSWORD, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toEqual(expect.any(String));
    expect((await staffLogin(limited, staff.email, STAFF_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('counts staff and portal sign-ins apart', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) await staffLogin(limited, uniqueAddress('guess'), WRONG, ip);
    const portal = await limited.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/sign-in',
      payload: { email: uniqueAddress('portal'), password: WRONG },
      remoteAddress: ip,
    });
    expect(portal.statusCode).toBe(401);
  });
});
