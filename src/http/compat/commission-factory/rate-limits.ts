import { CallLimiter, type CallVerdict } from '../call-limits.ts';

/** Commission Factory's documented limits: calls in a rolling minute and a rolling day, per key. */
export interface CallLimits {
  perMinute: number;
  perDay: number;
}

export type { CallVerdict };

/**
 * Rolling windows as Commission Factory counts them (not fixed buckets: 30 calls a second apart
 * wait until the first is 60 s old), plus its rule that a caller has one call in progress at a
 * time. A limit of 0 turns that window off.
 */
export class CallRateLimiter extends CallLimiter {
  constructor(limits: CallLimits, now: () => number = Date.now) {
    super(
      [
        { calls: limits.perMinute, seconds: 60, rolling: true },
        { calls: limits.perDay, seconds: 24 * 3600, rolling: true },
      ],
      now,
    );
  }

  /** `exclusive` by default: an API key has one call in progress at a time. */
  override begin(caller: string, exclusive = true): CallVerdict {
    return super.begin(caller, exclusive);
  }
}
