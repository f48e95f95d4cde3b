/** The shared compat CallLimiter's fixed windows (Everflow's, Smartico's), on a clock the test moves. */
import { describe, expect, it } from 'vitest';
import { CallLimiter } from '../../src/http/compat/call-limits.ts';

function limiter(calls = 3, seconds = 30) {
  const clock = { now: 1_000_000 };
  return { clock, limits: new CallLimiter([{ calls, seconds, rolling: false }], () => clock.now) };
}

describe('CallLimiter, fixed windows', () => {
  it('counts down the remaining calls, refuses until the window that began with the first call resets', () => {
    const { clock, limits } = limiter();
    const start = clock.now;
    expect([0, 1, 2].map(() => limits.begin('key:1'))).toMatchObject([
      { ok: true, limit: 3, remaining: 2 },
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
    ]);
    clock.now = start + 10_500;
    expect(limits.begin('key:1')).toMatchObject({
      ok: false,
      retryAfterSeconds: 20,
      reason: 'more than 3 calls in 30 seconds',
    });
    // A refused call is not counted: the window still ends 30 s after the first call.
    clock.now = start + 30_000;
    expect(limits.begin('key:1')).toMatchObject({ ok: true, remaining: 2 });
  });

  it('keeps callers apart, is never exclusive unless asked, and is off at 0', () => {
    const { limits } = limiter(1);
    expect(limits.begin('key:1').ok).toBe(true);
    expect(limits.begin('key:1').ok).toBe(false);
    expect(limits.begin('key:2').ok).toBe(true);
    const off = new CallLimiter([{ calls: 0, seconds: 30, rolling: false }]);
    for (let i = 0; i < 1000; i++) expect(off.begin('key:1').ok).toBe(true);
    expect(off.limit).toBe(Infinity);
  });
});
