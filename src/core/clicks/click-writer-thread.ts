// @internal: only core/clicks imports this file.
import { Worker } from 'node:worker_threads';
import type { TrackingConfig } from '../../config.ts';
import type { ClickBatch } from './click-batch.ts';

export interface ClickWriterOptions {
  databaseUrl: string;
  ipMode: TrackingConfig['ipMode'];
  geoipFile: string | undefined;
}

export type ClickWriterReply = { id: number; rejected: number; error?: string };

// A thread that does not end this long after `close` (its database hanging) is stopped.
const CLOSE_TIMEOUT_MS = 5000;

interface Waiter {
  resolve(rejected: number): void;
  reject(error: Error): void;
}

/**
 * Writes click batches from a worker thread (click-writer.worker.ts): the redirect's thread
 * only hands over the batch's columns, and PostgreSQL's replies wake the worker, not it. A batch
 * resolves, with the rows the database refused as data, once it is committed; it rejects when
 * the write failed (the BatchWriter keeps the batch and retries). The thread starts with the
 * first batch and again after it died.
 */
export class ClickWriterThread {
  #options: ClickWriterOptions;
  #script: URL;
  #worker: Worker | null = null;
  #next = 0;
  #waiting = new Map<number, Waiter>();

  /** `script` is the thread's code: click-writer.worker.ts unless a test stands in for it. */
  constructor(options: ClickWriterOptions, script = new URL('./click-writer.worker.ts', import.meta.url)) {
    this.#options = options;
    this.#script = script;
  }

  write(batch: ClickBatch): Promise<number> {
    const worker = this.#worker ?? this.#spawn();
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, batch });
    });
  }

  #spawn(): Worker {
    const worker = new Worker(this.#script, {
      workerData: this.#options,
    });
    worker.on('message', (reply: ClickWriterReply) => {
      const waiter = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.rejected);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = null;
      for (const waiter of this.#waiting.values()) waiter.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the click writer thread exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Closes the thread's connection and waits for it to end (after the last batch). */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
