import { AppError } from '../../errors.ts';

interface Window {
  count: number;
  resetAt: number;
}

export interface ThrottleLimits {
  perIp: number;
  perAccount: number;
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per address and per account in fixed windows, in memory (one server; a
 * restart forgets, and the lockout in the database still holds). A limit of 0 is off.
 */
export class SignInThrottle {
  readonly #limits: ThrottleLimits;
  readonly #windows = new Map<string, Window>();

  constructor(limits: ThrottleLimits) {
    this.#limits = limits;
  }

  /** Throws 429 (with the seconds to wait in details.retry_after) when either limit is used up. */
  check(ip: string, account: string): void {
    const now = Date.now();
    for (const [key, limit] of this.#keys(ip, account)) {
      const w = this.#windows.get(key);
      if (limit > 0 && w && w.resetAt > now && w.count >= limit) {
        const retryAfter = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
        throw new AppError('rate_limited', `too many failed sign-ins; try again in ${retryAfter} seconds`, {
          retry_after: retryAfter,
        });
      }
    }
  }

  fail(ip: string, account: string): void {
    const now = Date.now();
    if (this.#windows.size > 50_000) this.#sweep(now);
    for (const [key] of this.#keys(ip, account)) {
      const w = this.#windows.get(key);
      if (!w || w.resetAt <= now) {
        this.#windows.set(key, { count: 1, resetAt: now + this.#limits.windowSeconds * 1000 });
      } else {
        w.count++;
      }
    }
  }

  /** A successful sign-in clears the account's count (not the address's: it may try many). */
  succeed(account: string): void {
    this.#windows.delete(`account:${account.toLowerCase()}`);
  }

  #keys(ip: string, account: string): [string, number][] {
    return [
      [`ip:${ip}`, this.#limits.perIp],
      [`account:${account.toLowerCase()}`, this.#limits.perAccount],
    ];
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
  }
}
