import { Worker } from 'node:worker_threads';
import { affiliateLimiter } from './limiter.ts';
import { type SendResult, type SendTarget, sendRequest } from './send-request.ts';
import type { SentByThread, ThreadRequest } from './send-thread.ts';

export interface Sent extends SendResult {
  /** When the request went out (its limiter slot taken). */
  attemptedAt: Date;
}

/**
 * Sends a group of requests with at most `limit` of `key`'s in flight at once in this process
 * (the affiliate's slots, see limiter.ts); resolves with every result, in the targets' order.
 */
export interface Sender {
  send(key: number, limit: number, targets: SendTarget[], allowPrivate: boolean): Promise<Sent[]>;
}

/** On the calling thread: what the webhooks, test-fires and replays use. */
export const inlineSender: Sender = {
  send(key, limit, targets, allowPrivate) {
    return Promise.all(
      targets.map((target) =>
        affiliateLimiter.run(key, limit, async () => {
          const attemptedAt = new Date();
          return { ...(await sendRequest(target, allowPrivate)), attemptedAt };
        }),
      ),
    );
  },
};

/**
 * On a worker thread of its own (send-thread.ts), so Node's HTTP client, the bulk of a
 * delivery's CPU, leaves the main thread to the API and the event ingest. Claims and records stay
 * with the caller: the thread only sends. Should it die, the groups it held are rejected (their
 * job fails, its claims run out and they are sent again: at least once) and the next send starts
 * a new thread.
 */
export class ThreadSender implements Sender {
  #worker: Worker | null = null;
  readonly #pending = new Map<number, { resolve(sent: Sent[]): void; reject(error: Error): void }>();
  #next = 0;

  send(key: number, limit: number, targets: SendTarget[], allowPrivate: boolean): Promise<Sent[]> {
    if (targets.length === 0) return Promise.resolve([]);
    const worker = this.#started();
    const id = ++this.#next;
    return new Promise<Sent[]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // Held open only while a group is out, so an idle sender never keeps a process alive.
      if (this.#pending.size === 1) worker.ref();
      const request: ThreadRequest = { id, key, limit, allowPrivate, targets };
      worker.postMessage(request);
    });
  }

  /** Stops the thread; groups still out are rejected. The next send starts another. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#fail(worker, new Error('the postback sender was closed'));
    await worker.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./send-thread.ts', import.meta.url));
    worker.unref();
    worker.on('message', (message: SentByThread) => {
      const waiting = this.#pending.get(message.id);
      if (!waiting) return;
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) worker.unref();
      // The thread says how long ago each request went out: the time is then this thread's
      // clock (a test's fake one included), as it is for the inline sender.
      const now = Date.now();
      waiting.resolve(
        message.results.map(({ ago, ...result }) => ({ ...result, attemptedAt: new Date(now - ago) })),
      );
    });
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the postback sender thread exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const waiting of pending) waiting.reject(error);
  }
}

/** This process's sending thread, started at its first delivery. */
export const threadSender = new ThreadSender();
