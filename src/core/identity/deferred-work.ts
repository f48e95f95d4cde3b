import type { Database } from '../../db/index.ts';

export type DeferredErrorLog = (error: unknown, label: string) => void;

/**
 * Work started after the answer has been sent, in this process, so that neither the answer nor
 * its timing can depend on it. It stands in for the durable job queue: work not yet run when the
 * process dies is lost. A failure is reported to `onError`, never thrown.
 */
export class DeferredWork {
  readonly #pending = new Set<Promise<void>>();
  readonly #onError: DeferredErrorLog;
  #held: Promise<void> | null = null;

  constructor(onError: DeferredErrorLog) {
    this.#onError = onError;
  }

  run(label: string, task: () => Promise<void>): void {
    // setImmediate, not a microtask: the response is written out before the task starts.
    const held = this.#held;
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => held)
      .then(task)
      .catch((error: unknown) => this.#onError(error, label))
      .finally(() => this.#pending.delete(done));
    this.#pending.add(done);
  }

  /**
   * Work deferred from now on waits until the returned release is called: a test sees the state
   * an answer left before the work behind it starts.
   */
  hold(): () => void {
    let release = () => {};
    this.#held = new Promise<void>((resolve) => {
      release = () => {
        this.#held = null;
        resolve();
      };
    });
    return release;
  }

  /** Settles once everything deferred so far (and anything it deferred) has run. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

const byDatabase = new WeakMap<Database, DeferredWork>();

/**
 * The deferred work done against `database`: one per database, so a graceful stop (and a test)
 * can wait for it before the database closes.
 */
export function deferredWorkFor(database: Database, onError: DeferredErrorLog): DeferredWork {
  let work = byDatabase.get(database);
  if (!work) {
    work = new DeferredWork(onError);
    byDatabase.set(database, work);
  }
  return work;
}

/** The deferred work of `database`, once an app on it has made it. */
export function deferredWorkOf(database: Database): DeferredWork | undefined {
  return byDatabase.get(database);
}
