/** Commission Factory's documented limits: calls in a rolling minute and a rolling day, per key. */
export interface CallLimits {
  perMinute: number;
  perDay: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MAX_CALLERS = 50_000;

export type CallVerdict =
  | { ok: true; release: () => void }
  | { ok: false; reason: string; retryAfterSeconds: number };

/**
 * Rolling windows as Commission Factory counts them (not fixed buckets: 30 calls a second apart
 * wait until the first is 60 s old), plus its rule that a caller has one call in progress at a
 * time. A limit of 0 turns that window off. In memory, per process, like the /api/* limits.
 */
export class CallRateLimiter {
  readonly #calls = new Map<string, number[]>();
  readonly #inFlight = new Set<string>();
  readonly #limits: CallLimits;
  readonly #now: () => number;

  constructor(limits: CallLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /**
   * Counts a call by `caller`, or refuses it; an accepted call must be released when it ends.
   * `exclusive`: one call at a time (an API key; not an address, which many callers may share).
   */
  begin(caller: string, exclusive = true): CallVerdict {
    const now = this.#now();
    const { perMinute, perDay } = this.#limits;
    const kept = (this.#calls.get(caller) ?? []).filter((t) => t > now - DAY);
    if (exclusive && this.#inFlight.has(caller)) {
      return {
        ok: false,
        reason: 'another call with this API key is still in progress',
        retryAfterSeconds: 1,
      };
    }
    const inMinute = kept.filter((t) => t > now - MINUTE);
    if (perMinute > 0 && inMinute.length >= perMinute) {
      return {
        ok: false,
        reason: `more than ${perMinute} calls in 60 seconds`,
        retryAfterSeconds: wait(inMinute, perMinute, MINUTE, now),
      };
    }
    if (perDay > 0 && kept.length >= perDay) {
      return {
        ok: false,
        reason: `more than ${perDay} calls in 24 hours`,
        retryAfterSeconds: wait(kept, perDay, DAY, now),
      };
    }
    kept.push(now);
    // Only the last perDay (or perMinute) timestamps can ever decide a verdict.
    const keep = Math.max(perDay, perMinute, 1);
    this.#calls.delete(caller);
    this.#calls.set(caller, kept.length > keep ? kept.slice(-keep) : kept);
    // Least recently seen callers first: a Map keeps insertion order and the line above re-inserts.
    while (this.#calls.size > MAX_CALLERS) this.#calls.delete(this.#calls.keys().next().value!);
    if (!exclusive) return { ok: true, release: () => {} };
    this.#inFlight.add(caller);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight.delete(caller);
      },
    };
  }
}

/** Seconds until the window holds fewer than `limit` calls again. */
function wait(times: number[], limit: number, window: number, now: number): number {
  const oldestThatMustLeave = times[times.length - limit]!;
  return Math.max(1, Math.ceil((oldestThatMustLeave + window - now) / 1000));
}
