/**
 * Requests in flight per affiliate in this process: each affiliate has its own slots, so a slow
 * tracker fills only its own and never delays another affiliate's deliveries.
 */
class AffiliateLimiter {
  readonly #active = new Map<number, number>();
  readonly #waiting = new Map<number, (() => void)[]>();

  async run<T>(affiliateId: number, limit: number, task: () => Promise<T>): Promise<T> {
    if ((this.#active.get(affiliateId) ?? 0) >= limit) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(affiliateId) ?? [];
        queue.push(resolve);
        this.#waiting.set(affiliateId, queue);
      });
    } else this.#active.set(affiliateId, (this.#active.get(affiliateId) ?? 0) + 1);
    try {
      return await task();
    } finally {
      const next = this.#waiting.get(affiliateId)?.shift();
      if (next) next();
      else {
        const n = (this.#active.get(affiliateId) ?? 1) - 1;
        if (n <= 0) this.#active.delete(affiliateId);
        else this.#active.set(affiliateId, n);
        this.#waiting.delete(affiliateId);
      }
    }
  }
}

export const affiliateLimiter = new AffiliateLimiter();
