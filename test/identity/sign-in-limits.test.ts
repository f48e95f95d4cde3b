import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIdentityApp, type IdentityTestApp, PASSWORD, uniqueEmail } from './helpers.ts';

// Failed portal sign-ins counted per address and per account in fixed windows
// (core/identity/lockout/sign-in-throttle.ts). The clock is faked (Date only), so a window's end is met
// to the millisecond without waiting.

const WINDOW_SECONDS = 60;
let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp({
    SIGN_IN_FAILURES_PER_ACCOUNT: '3',
    SIGN_IN_FAILURES_PER_IP: '5',
    SIGN_IN_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    LOCKOUT_ATTEMPTS: '100',
  });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

let addresses = 0;
/** An address no other test signs in from. */
const freshAddress = () => `10.9.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

const signIn = (app: IdentityTestApp, email: string, password: string, remoteAddress: string) =>
  app.app.inject({
    method: 'POST',
    url: '/api/partner/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress,
  });

const WRONG = 'Wrong#pass1';

/** An active affiliate's user with a password, made through the operator API. */
async function activeUser(app: IdentityTestApp, label: string): Promise<{ email: string }> {
  const email = uniqueEmail(label);
  const res = await app.call(app.admin, {
    method: 'POST',
    url: '/api/v1/affiliates',
    payload: {
      name: label,
      status: 'active',
      users: [{ email, first_name: label, initial_password: PASSWORD }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { email };
}

/** Freezes Date at `at` (milliseconds since the epoch); timers stay real. */
function clockAt(at: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

function expectLimited(
  res: { statusCode: number; headers: Record<string, unknown>; json(): any },
  seconds: number,
) {
  expect(res.statusCode).toBe(429);
  expect(res.json().error).toMatchObject({
    code: 'rate_limited',
    message: `too many failed sign-ins; try again in ${seconds} seconds`,
    details: { retry_after: seconds },
  });
  expect(res.headers['retry-after']).toBe(String(seconds));
}

describe('failed sign-ins per account', () => {
  it('allows exactly the limit, then answers 429 from any address, even with the right password', async () => {
    const p = await activeUser(t, 'peraccount');
    const ip = freshAddress();
    clockAt(Date.now());
    for (let i = 0; i < 3; i++) expect((await signIn(t, p.email, WRONG, ip)).statusCode).toBe(401);
    expectLimited(await signIn(t, p.email, PASSWORD, ip), WINDOW_SECONDS);
    // The account is counted whatever the case of the address typed.
    expectLimited(await signIn(t, p.email.toUpperCase(), PASSWORD, freshAddress()), WINDOW_SECONDS);
    // Another account from the same address is not held up by this one.
    expect((await signIn(t, uniqueEmail('other'), WRONG, ip)).statusCode).toBe(401);
  });

  it('starts a new window when the old one ends, to the millisecond', async () => {
    const p = await activeUser(t, 'window');
    const ip = freshAddress();
    const start = Date.now();
    clockAt(start);
    for (let i = 0; i < 3; i++) expect((await signIn(t, p.email, WRONG, ip)).statusCode).toBe(401);
    vi.setSystemTime(start + 58_500);
    expectLimited(await signIn(t, p.email, PASSWORD, ip), 2);
    vi.setSystemTime(start + 59_999);
    expectLimited(await signIn(t, p.email, PASSWORD, ip), 1);
    // At the window's end the count starts again: this failure is the first of a new window...
    vi.setSystemTime(start + 60_000);
    expect((await signIn(t, p.email, WRONG, ip)).statusCode).toBe(401);
    vi.setSystemTime(start + 60_001);
    expect((await signIn(t, p.email, WRONG, ip)).statusCode).toBe(401);
    expect((await signIn(t, p.email, WRONG, ip)).statusCode).toBe(401);
    // ...so the fourth in a row is refused for the rest of that new window.
    expectLimited(await signIn(t, p.email, PASSWORD, ip), 60);
    vi.setSystemTime(start + 120_000);
    expect((await signIn(t, p.email, PASSWORD, ip)).statusCode).toBe(200);
  });

  it('is cleared by a successful sign-in, while the address keeps its count', async () => {
    const p = await activeUser(t, 'reset');
    const ip = freshAddress();
    clockAt(Date.now());
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect((await signIn(t, p.email, WRONG, ip)).statusCode).toBe(401);
      expect((await signIn(t, p.email, PASSWORD, ip)).statusCode, `round ${round}`).toBe(200);
    }
    // Four failures from this address so far; the fifth is allowed, the sixth attempt is not.
    expect((await signIn(t, uniqueEmail('next'), WRONG, ip)).statusCode).toBe(401);
    expectLimited(await signIn(t, p.email, PASSWORD, ip), WINDOW_SECONDS);
  });
});

describe('failed sign-ins per address', () => {
  it('counts each address on its own, whichever accounts it tries', async () => {
    const p = await activeUser(t, 'peraddress');
    const ip = freshAddress();
    clockAt(Date.now());
    for (let i = 0; i < 5; i++)
      expect((await signIn(t, uniqueEmail('guess'), WRONG, ip)).statusCode).toBe(401);
    expectLimited(await signIn(t, p.email, PASSWORD, ip), WINDOW_SECONDS);
    expect((await signIn(t, p.email, PASSWORD, freshAddress())).statusCode).toBe(200);
  });
});

describe('a limit of 0', () => {
  let off: IdentityTestApp;
  let accountOnly: IdentityTestApp;
  beforeAll(async () => {
    off = await createIdentityApp({
      SIGN_IN_FAILURES_PER_ACCOUNT: '0',
      SIGN_IN_FAILURES_PER_IP: '0',
      LOCKOUT_ATTEMPTS: '100',
    });
    accountOnly = await createIdentityApp({
      SIGN_IN_FAILURES_PER_ACCOUNT: '2',
      SIGN_IN_FAILURES_PER_IP: '0',
      LOCKOUT_ATTEMPTS: '100',
    });
  });
  afterAll(async () => {
    await off?.close();
    await accountOnly?.close();
  });

  it('turns both limits off', async () => {
    const p = await activeUser(off, 'nolimit');
    for (let i = 0; i < 5; i++) expect((await signIn(off, p.email, WRONG, '10.8.0.1')).statusCode).toBe(401);
    expect((await signIn(off, p.email, PASSWORD, '10.8.0.1')).statusCode).toBe(200);
  });

  it('turns off only the limit set to 0', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await signIn(accountOnly, uniqueEmail('many'), WRONG, '10.8.0.2')).statusCode).toBe(401);
    }
    const q = await activeUser(accountOnly, 'stilllimited');
    for (let i = 0; i < 2; i++) {
      expect((await signIn(accountOnly, q.email, WRONG, '10.8.0.2')).statusCode).toBe(401);
    }
    expect((await signIn(accountOnly, q.email, PASSWORD, '10.8.0.2')).statusCode).toBe(429);
  });
});
