/**
 * SignInThrottle's sweep, pure (sign-in-limits.test.ts and sign-in-and-lockout.test.ts check the
 * limits through the API): past 50 000 windows a failure drops the windows that have ended, and
 * only those: an address still inside its window stays blocked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInThrottle } from '../../src/core/identity/lockout/sign-in-throttle.ts';

afterEach(() => vi.useRealTimers());

describe('the sweep', () => {
  it('keeps the windows still running', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T12:00:00.000Z'));
    const throttle = new SignInThrottle({ perIp: 2, perAccount: 0, windowSeconds: 60 });
    throttle.fail('10.0.0.1', 'a@example.com');
    throttle.fail('10.0.0.1', 'a@example.com');
    expect(() => throttle.check('10.0.0.1', 'b@example.com')).toThrow(/too many failed sign-ins/);
    // Two windows (address and account) per failure: 25 001 more make 50 004, past the sweep's 50 000.
    for (let i = 0; i < 25_001; i++) throttle.fail(`ip${i}`, `user${i}@example.com`);
    vi.setSystemTime(new Date('2026-06-01T12:00:30.000Z'));
    throttle.fail('10.0.0.2', 'c@example.com');
    // 30 s into the 60 s window: the sweep left it, and the address is still blocked.
    expect(() => throttle.check('10.0.0.1', 'b@example.com')).toThrow(/try again in 30 seconds/);
  });
});
