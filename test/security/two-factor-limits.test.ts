import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  PASSWORD,
  type Partner,
  portalCookie,
  signInAs,
  totpCode,
} from '../identity/helpers.ts';
import { identityState, outbox, tokenIn } from './identity-helpers.ts';

// Wrong second-factor codes are counted per user across every check (sign-in, step-up, turning
// 2FA off, new recovery codes). TWO_FACTOR_LOCKOUT_ATTEMPTS (5 by default) in a row lock the
// account, and the right code is refused until it is unlocked.

const LIMIT = 5;
const WRONG_TOTP = '000000';
const WRONG_RECOVERY = 'aaaaa-aaaaa';

let t: IdentityTestApp;
beforeAll(async () => {
  // The default limit; sign-in lockout is out of the way so only the 2FA count locks.
  t = await createIdentityApp({ LOCKOUT_ATTEMPTS: '100' });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

interface TwoFactorPartner extends Partner {
  secret: string;
  recoveryCodes: string[];
}

/** An approved partner with 2FA on, signed in with a session that proved it. */
async function partnerWithTwoFactor(label: string): Promise<TwoFactorPartner> {
  const p = await approvedPartner(t, label);
  const setup = await t.as(p.cookie, { method: 'POST', url: '/api/partner/v1/two-factor/setup' });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json();
  // Any step within one of now is accepted, so this code cannot fall off a step edge.
  const confirm = await t.as(p.cookie, {
    method: 'POST',
    url: '/api/partner/v1/two-factor/confirm',
    payload: { code: totpCode(secret) },
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { ...p, secret, recoveryCodes: confirm.json().recovery_codes };
}

const check = (p: Partner, route: 'verify' | 'disable' | 'recovery-codes', code: string) =>
  t.as(p.cookie, { method: 'POST', url: `/api/partner/v1/two-factor/${route}`, payload: { code } });

const failedCount = async (userId: number) =>
  (
    await t.db
      .selectFrom('affiliate_users')
      .select(['two_factor_failed_count', 'locked_at'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
  ).two_factor_failed_count;

const lockedAt = async (userId: number) =>
  (
    await t.db
      .selectFrom('affiliate_users')
      .select('locked_at')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
  ).locked_at;

describe('two-factor guess limit', () => {
  it('locks the account on the fifth wrong code in a row; the right code is refused after', async () => {
    const p = await partnerWithTwoFactor('guesser');
    for (let i = 1; i < LIMIT; i++) {
      const wrong = await check(p, 'verify', WRONG_TOTP);
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.details.fields[0]).toMatchObject({ path: 'code' });
    }
    expect(await lockedAt(p.userId)).toBeNull();

    const last = await check(p, 'verify', WRONG_TOTP);
    expect(last.statusCode).toBe(403);
    expect(last.json().error).toMatchObject({
      code: 'forbidden',
      message:
        'the account is locked after too many wrong two-factor codes; follow the link in the unlock email',
      details: { reason: 'two_factor_locked' },
    });
    expect(await lockedAt(p.userId)).toBeInstanceOf(Date);

    // The session is of a locked user now: the right recovery code does not get through.
    const before = await identityState(t.db);
    const right = await check(p, 'verify', p.recoveryCodes[0]!);
    expect(right.statusCode).toBe(401);
    // Nor does signing in again with the right password and the right code.
    const signIn = await signInAs(t, p.email, PASSWORD, p.recoveryCodes[0]);
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().error.details.reason).toBe('locked');
    expect(portalCookie(signIn)).toBeUndefined();
    expect(await identityState(t.db)).toBe(before);

    const [mail] = await outbox(t, t.admin, p.email);
    expect(mail).toMatchObject({ template: 'unlock' });
    expect(mail!.text).toContain(`locked after ${LIMIT} wrong two-factor or recovery codes in a row`);
    const events = await t.call(t.admin, {
      url: `/api/v1/affiliates/${p.affiliateId}/events?type=account_locked`,
    });
    expect(events.json().data[0].data).toEqual({ failed_attempts: LIMIT, cause: 'two_factor' });
  });

  it('refuses the right authenticator code at sign-in once wrong ones at other checks locked it', async () => {
    // A fixed clock in the middle of a time step, so the codes made here are the server's.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 15_000);
    const p = await partnerWithTwoFactor('totp');
    vi.setSystemTime(Date.now() + 30_000);
    expect((await check(p, 'verify', totpCode(p.secret))).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 30_000);
    for (let i = 0; i < LIMIT; i++) await check(p, 'recovery-codes', WRONG_TOTP);
    expect(await lockedAt(p.userId)).toBeInstanceOf(Date);
    const signIn = await signInAs(t, p.email, PASSWORD, totpCode(p.secret));
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().error.details.reason).toBe('locked');
  });

  it('counts wrong codes across sign-in, step-up, turning 2FA off and new recovery codes', async () => {
    const p = await partnerWithTwoFactor('mixed');
    expect((await check(p, 'verify', WRONG_TOTP)).statusCode).toBe(422);
    expect((await check(p, 'disable', WRONG_RECOVERY)).statusCode).toBe(422);
    expect((await check(p, 'recovery-codes', WRONG_TOTP)).statusCode).toBe(422);
    const signIn = await signInAs(t, p.email, PASSWORD, WRONG_RECOVERY);
    expect(signIn.statusCode).toBe(401);
    expect(signIn.json().error.details.reason).toBe('two_factor_invalid');
    expect(await failedCount(p.userId)).toBe(LIMIT - 1);
    expect(await lockedAt(p.userId)).toBeNull();

    const fifth = await signInAs(t, p.email, PASSWORD, WRONG_TOTP);
    expect(fifth.statusCode).toBe(403);
    expect(fifth.json().error.details.reason).toBe('two_factor_locked');
    expect(await lockedAt(p.userId)).toBeInstanceOf(Date);
    // 2FA stayed on: the failed "disable" did not turn it off.
    const row = await t.db
      .selectFrom('affiliate_users')
      .select('totp_enabled_at')
      .where('id', '=', p.userId)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBeInstanceOf(Date);
  });

  it('starts the count again after a right code', async () => {
    const p = await partnerWithTwoFactor('reset');
    for (let i = 1; i < LIMIT; i++) await check(p, 'verify', WRONG_TOTP);
    expect((await check(p, 'verify', p.recoveryCodes[0]!)).statusCode).toBe(200);
    expect(await failedCount(p.userId)).toBe(0);
    for (let i = 1; i < LIMIT; i++) expect((await check(p, 'verify', WRONG_TOTP)).statusCode).toBe(422);
    expect(await lockedAt(p.userId)).toBeNull();
  });

  it('lets no more than the limit through when guesses arrive all at once', async () => {
    const p = await partnerWithTwoFactor('burst');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => check(p, 'verify', String(100000 + i))),
    );
    const judged = answers.filter((a) => a.statusCode === 422).length;
    expect(judged).toBeLessThanOrEqual(LIMIT - 1);
    expect(answers.every((a) => [401, 403, 422].includes(a.statusCode))).toBe(true);
    expect(await failedCount(p.userId)).toBe(LIMIT);
    expect(await lockedAt(p.userId)).toBeInstanceOf(Date);
    const signIn = await signInAs(t, p.email, PASSWORD, p.recoveryCodes[0]);
    expect(signIn.statusCode).toBe(403);
  });
});

describe('what unlocks the second factor', () => {
  async function lockedPartner(label: string): Promise<TwoFactorPartner> {
    const p = await partnerWithTwoFactor(label);
    for (let i = 0; i < LIMIT; i++) await check(p, 'verify', WRONG_TOTP);
    expect(await lockedAt(p.userId)).toBeInstanceOf(Date);
    return p;
  }

  it('the emailed unlock link: the right code works again, and the count starts from zero', async () => {
    const p = await lockedPartner('link');
    const token = tokenIn((await outbox(t, t.admin, p.email)).find((m) => m.template === 'unlock'));
    const unlock = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/unlock',
      payload: { token },
    });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect(await failedCount(p.userId)).toBe(0);
    const signIn = await signInAs(t, p.email, PASSWORD, p.recoveryCodes[0]);
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookie = portalCookie(signIn)!;
    expect(
      (
        await t.as(cookie, {
          method: 'POST',
          url: '/api/partner/v1/two-factor/verify',
          payload: { code: WRONG_TOTP },
        })
      ).statusCode,
    ).toBe(422);
    expect(await lockedAt(p.userId)).toBeNull();
  });

  it('the operator (support) unlocking the user', async () => {
    const p = await lockedPartner('operator');
    const support = await t.apiKey(['support']);
    const res = await t.call(support, { method: 'POST', url: `/api/v1/affiliate-users/${p.userId}/unlock` });
    expect(res.statusCode, res.body).toBe(204);
    expect(await failedCount(p.userId)).toBe(0);
    expect((await signInAs(t, p.email, PASSWORD, p.recoveryCodes[1])).statusCode).toBe(200);
  });
});
