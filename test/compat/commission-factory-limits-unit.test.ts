/** Commission Factory's call limits as its documentation words them, on a clock the test moves. */
import { describe, expect, it } from 'vitest';
import { CallRateLimiter } from '../../src/http/compat/commission-factory/rate-limits.ts';

const MINUTE = 60_000;

function limiter(perMinute = 30, perDay = 1000) {
  const clock = { now: 0 };
  return { clock, limits: new CallRateLimiter({ perMinute, perDay }, () => clock.now) };
}
/** A call that starts and finishes at once. */
const call = (l: CallRateLimiter, caller = 'key:1') => {
  const verdict = l.begin(caller);
  if (verdict.ok) verdict.release();
  return verdict;
};

describe('CallRateLimiter', () => {
  it("follows the document's example: 30 calls a second apart, the next waits for the first to be 60 s old", () => {
    const { clock, limits } = limiter();
    for (let i = 0; i < 30; i++) {
      clock.now = i * 1000;
      expect(call(limits).ok, `call ${i + 1}`).toBe(true);
    }
    // Right after the 30th (at 29 s) the first is 29 s old: 31 s to go, "30 seconds after the most recent".
    clock.now = 29_000;
    const refused = call(limits);
    expect(refused).toMatchObject({ ok: false, retryAfterSeconds: 31 });
    clock.now = MINUTE - 1;
    expect(call(limits).ok).toBe(false);
    clock.now = MINUTE + 1;
    expect(call(limits).ok).toBe(true);
  });

  it('refuses the 1001st call in a rolling 24 hours, however slowly they came', () => {
    const { clock, limits } = limiter();
    // 1000 calls 80 s apart: never 30 in a minute, 1000 in 22.2 hours (999 × 80 s = 79,920 s).
    for (let i = 0; i < 1000; i++) {
      clock.now = i * 80_000;
      expect(call(limits).ok, `call ${i + 1}`).toBe(true);
    }
    clock.now = 1000 * 80_000;
    const refused = call(limits);
    expect(refused.ok).toBe(false);
    // The first call leaves the 24-hour window at 86,400 s; now is 80,000 s: 6,400 s to wait.
    expect(refused).toMatchObject({ retryAfterSeconds: 6400 });
    expect(refused.ok === false && refused.reason).toMatch(/1000 calls in 24 hours/);
    clock.now = 86_400_000 + 1;
    expect(call(limits).ok).toBe(true);
  });

  it('lets a key have one call in progress; the address of refused keys is not held to that', () => {
    const { limits } = limiter();
    const first = limits.begin('key:1');
    expect(first.ok).toBe(true);
    expect(limits.begin('key:1')).toMatchObject({ ok: false, reason: expect.stringMatching(/in progress/) });
    expect(limits.begin('key:2').ok).toBe(true);
    if (first.ok) {
      first.release();
      first.release();
    }
    expect(call(limits).ok).toBe(true);
    expect(limits.begin('ip:1', false).ok).toBe(true);
    expect(limits.begin('ip:1', false).ok).toBe(true);
  });

  it('counts a refused call against nothing, and 0 turns a window off', () => {
    const { clock, limits } = limiter(2, 0);
    expect(call(limits).ok).toBe(true);
    expect(call(limits).ok).toBe(true);
    expect(call(limits).ok).toBe(false);
    expect(call(limits).ok).toBe(false);
    clock.now = MINUTE + 1;
    // The refused calls were not counted: two again.
    expect(call(limits).ok).toBe(true);
    expect(call(limits).ok).toBe(true);
    const off = limiter(0, 0).limits;
    for (let i = 0; i < 5000; i++) expect(call(off).ok).toBe(true);
  });
});
