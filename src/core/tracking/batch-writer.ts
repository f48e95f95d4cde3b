export interface BatchWriterOptions<T> {
  /** Rows held at most (waiting plus being written); more are dropped and counted. */
  max: number;
  /** Rows per write; a full batch is written at once, a partial one on the next tick. */
  batch: number;
  intervalMs: number;
  write(rows: T[]): Promise<void>;
}

export interface BatchWriterStats {
  accepted: number;
  flushed: number;
  dropped: number;
  pending: number;
  flush_failures: number;
}

const MAX_BACKOFF_MS = 5000;

/**
 * A bounded in-memory queue written to the database in batches, off the request path. A failed
 * write keeps its rows at the head of the queue and is retried with exponential backoff, so a
 * database that is briefly away loses nothing unless the queue fills up meanwhile.
 */
export class BatchWriter<T> {
  #pending: T[] = [];
  #inflight = 0;
  #flushing: Promise<void> | null = null;
  #timer: NodeJS.Timeout | undefined;
  #soon = false;
  #failures = 0;
  #retryAt = 0;
  #opts: BatchWriterOptions<T>;
  stats = { accepted: 0, flushed: 0, dropped: 0, flush_failures: 0 };

  constructor(opts: BatchWriterOptions<T>) {
    this.#opts = opts;
  }

  /** Never blocks and never throws: false when the queue is full and the row was dropped. */
  push(row: T): boolean {
    if (this.#pending.length + this.#inflight >= this.#opts.max) {
      this.stats.dropped++;
      return false;
    }
    this.#pending.push(row);
    this.stats.accepted++;
    if (this.#pending.length >= this.#opts.batch && !this.#soon && this.#timer) {
      this.#soon = true;
      setImmediate(() => {
        this.#soon = false;
        void this.flush();
      });
    }
    return true;
  }

  get pending(): number {
    return this.#pending.length + this.#inflight;
  }

  snapshot(): BatchWriterStats {
    return { ...this.stats, pending: this.pending };
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), this.#opts.intervalMs);
    this.#timer.unref();
  }

  /** Writes everything waiting, batch by batch; stops at the first failure (retried later). */
  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    if (this.#pending.length === 0 || Date.now() < this.#retryAt) return Promise.resolve();
    this.#flushing = this.#writeAll().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) {
      const rows =
        this.#pending.length <= this.#opts.batch ? this.#pending : this.#pending.splice(0, this.#opts.batch);
      if (rows === this.#pending) this.#pending = [];
      this.#inflight = rows.length;
      try {
        await this.#opts.write(rows);
        this.stats.flushed += rows.length;
        this.#failures = 0;
        this.#retryAt = 0;
      } catch {
        this.#pending = rows.concat(this.#pending);
        this.stats.flush_failures++;
        this.#failures++;
        this.#retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 50 * 2 ** this.#failures);
        return;
      } finally {
        this.#inflight = 0;
      }
    }
  }

  /**
   * For shutdown: stops the timer and writes until the queue is empty, retrying failures until
   * `deadline` (epoch ms). Returns the rows that could not be written.
   */
  async drain(deadline: number): Promise<number> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#flushing;
    while (this.#pending.length > 0 && Date.now() < deadline) {
      this.#retryAt = 0;
      await this.flush();
      if (this.#pending.length > 0) {
        const wait = Math.min(MAX_BACKOFF_MS, 50 * 2 ** this.#failures, deadline - Date.now());
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    return this.#pending.length;
  }
}
