// @internal: only core/clicks imports this file.
/** Rows grouped for one write; filled by whoever takes it from `BatchWriter.next`. */
export interface Batch {
  readonly length: number;
}

export interface BatchWriterOptions<B extends Batch> {
  /** Rows held at most (waiting plus being written); more are dropped and counted. */
  max: number;
  /** Rows per write; a full batch is written at once, a partial one on the next tick. */
  batch: number;
  intervalMs: number;
  /** An empty batch with room for `capacity` rows. */
  create(capacity: number): B;
  write(batch: B): Promise<void>;
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
 * write keeps its batch at the head of the queue and is retried with exponential backoff, so a
 * database that is briefly away loses nothing unless the queue fills up meanwhile.
 */
export class BatchWriter<B extends Batch> {
  /** Batches waiting to be written, oldest first; `#open` is the one being filled. */
  #closed: B[] = [];
  #closedRows = 0;
  #open: B | null = null;
  #inflight = 0;
  #flushing: Promise<void> | null = null;
  #timer: NodeJS.Timeout | undefined;
  #soon = false;
  #failures = 0;
  #retryAt = 0;
  #opts: BatchWriterOptions<B>;
  stats = { accepted: 0, flushed: 0, dropped: 0, flush_failures: 0 };

  constructor(opts: BatchWriterOptions<B>) {
    this.#opts = opts;
  }

  /**
   * The batch to add one row to, at once. Never blocks and never throws: null when the queue
   * is full, and the row is then counted as dropped.
   */
  next(): B | null {
    if (this.pending >= this.#opts.max) {
      this.stats.dropped++;
      return null;
    }
    let open = this.#open;
    if (open === null || open.length >= this.#opts.batch) {
      if (open !== null) this.#close();
      open = this.#open = this.#opts.create(this.#opts.batch);
    }
    this.stats.accepted++;
    // This row fills the batch: write it without waiting for the timer.
    if (open.length + 1 >= this.#opts.batch && !this.#soon && this.#timer) {
      this.#soon = true;
      setImmediate(() => {
        this.#soon = false;
        void this.flush();
      });
    }
    return open;
  }

  #close(): void {
    const open = this.#open;
    if (open === null || open.length === 0) return;
    this.#closed.push(open);
    this.#closedRows += open.length;
    this.#open = null;
  }

  get pending(): number {
    return this.#waiting() + this.#inflight;
  }

  #waiting(): number {
    return this.#closedRows + (this.#open?.length ?? 0);
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
    if (this.#waiting() === 0 || Date.now() < this.#retryAt) return Promise.resolve();
    this.#flushing = this.#writeAll().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #writeAll(): Promise<void> {
    for (;;) {
      if (this.#closed.length === 0) this.#close();
      const batch = this.#closed.shift();
      if (batch === undefined) return;
      this.#closedRows -= batch.length;
      this.#inflight = batch.length;
      try {
        await this.#opts.write(batch);
        this.stats.flushed += batch.length;
        this.#failures = 0;
        this.#retryAt = 0;
      } catch {
        this.#closed.unshift(batch);
        this.#closedRows += batch.length;
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
    while (this.#waiting() > 0 && Date.now() < deadline) {
      this.#retryAt = 0;
      await this.flush();
      if (this.#waiting() > 0) {
        const wait = Math.min(MAX_BACKOFF_MS, 50 * 2 ** this.#failures, deadline - Date.now());
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    return this.#waiting();
  }
}
