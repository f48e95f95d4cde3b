/**
 * A vendor's call limit: at most `calls` calls in `seconds` (0 calls: off). Rolling: any span of
 * that length (Commission Factory); fixed: a window that starts with a caller's first call and
 * resets when it ends (Everflow's "resets every 30 seconds").
 */
export interface CallWindow {
  calls: number;
  seconds: number;
  rolling: boolean;
}

export type CallVerdict =
  | { ok: true; release: () => void; limit: number; remaining: number }
  | { ok: false; reason: string; retryAfterSeconds: number; limit: number };

interface Caller {
  /** Call times within the longest rolling window, oldest first. */
  times: number[];
  /** Per fixed window (same order as the windows): when it started and how many calls it holds. */
  fixed: { start: number; count: number }[];
}

const MAX_CALLERS = 50_000;

const span = (seconds: number) =>
  seconds >= 3600 && seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${seconds} seconds`;

/**
 * The compatibility APIs' call limits, each vendor's windows as its documentation words them.
 * In memory, per process, like the /api/* limits. A fixed window costs one counter per caller,
 * a rolling one a time per call: vendors with large limits should use fixed windows.
 */
export class CallLimiter {
  readonly #callers = new Map<string, Caller>();
  readonly #inFlight = new Set<string>();
  readonly #windows: CallWindow[];
  readonly #now: () => number;
  readonly #longestRolling: number;
  readonly #keepTimes: number;

  constructor(windows: CallWindow[], now: () => number = Date.now) {
    this.#windows = windows;
    this.#now = now;
    const rolling = windows.filter((w) => w.rolling && w.calls > 0);
    this.#longestRolling = Math.max(0, ...rolling.map((w) => w.seconds * 1000));
    // Only the last `calls` times of the largest rolling limit can ever decide a verdict.
    this.#keepTimes = Math.max(0, ...rolling.map((w) => w.calls));
  }

  /** The tightest window that is on, for an X-RateLimit-Limit header. */
  get limit(): number {
    return Math.min(...this.#windows.filter((w) => w.calls > 0).map((w) => w.calls), Infinity);
  }

  /**
   * Counts a call by `caller`, or refuses it (a refused call is not counted). `exclusive`: one
   * call at a time, released when it ends (an API key; not an address, which many callers share).
   */
  begin(caller: string, exclusive = false): CallVerdict {
    const now = this.#now();
    const limit = this.limit;
    if (exclusive && this.#inFlight.has(caller)) {
      return {
        ok: false,
        reason: 'another call with this API key is still in progress',
        retryAfterSeconds: 1,
        limit,
      };
    }
    const state = this.#callers.get(caller) ?? { times: [], fixed: [] };
    const times = state.times.filter((t) => t > now - this.#longestRolling);
    const fixed = this.#windows.map((w, i) => {
      const f = state.fixed[i];
      return f && f.start > now - w.seconds * 1000 ? f : { start: now, count: 0 };
    });
    let remaining = Infinity;
    for (const [i, w] of this.#windows.entries()) {
      if (w.calls <= 0) continue;
      const ms = w.seconds * 1000;
      if (w.rolling) {
        const inWindow = times.filter((t) => t > now - ms);
        if (inWindow.length >= w.calls) {
          const oldestThatMustLeave = inWindow[inWindow.length - w.calls]!;
          return refuse(w, oldestThatMustLeave + ms - now, limit);
        }
        remaining = Math.min(remaining, w.calls - inWindow.length - 1);
      } else {
        const f = fixed[i]!;
        if (f.count >= w.calls) return refuse(w, f.start + ms - now, limit);
        remaining = Math.min(remaining, w.calls - f.count - 1);
      }
    }
    if (this.#keepTimes > 0) times.push(now);
    for (const f of fixed) f.count++;
    this.#callers.delete(caller);
    this.#callers.set(caller, {
      times: times.length > this.#keepTimes ? times.slice(-this.#keepTimes) : times,
      fixed,
    });
    // Least recently seen callers first: a Map keeps insertion order and the line above re-inserts.
    while (this.#callers.size > MAX_CALLERS) this.#callers.delete(this.#callers.keys().next().value!);
    remaining = remaining === Infinity ? limit : remaining;
    if (!exclusive) return { ok: true, release: () => {}, limit, remaining };
    this.#inFlight.add(caller);
    let released = false;
    return {
      ok: true,
      limit,
      remaining,
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight.delete(caller);
      },
    };
  }
}

function refuse(w: CallWindow, waitMs: number, limit: number): CallVerdict {
  return {
    ok: false,
    reason: `more than ${w.calls} calls in ${span(w.seconds)}`,
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    limit,
  };
}
