import type { Static, TObject } from 'typebox';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../db/index.ts';
import type { AnalyticsStore } from '../analytics/analytics-store.ts';
import type { JobQueue } from './job-queue.ts';

/** How a failed run is tried again: `limit` more times, `delaySeconds` apart (doubling with backoff). */
export interface RetryPolicy {
  limit: number;
  delaySeconds: number;
  backoff?: boolean;
  /** With backoff: the longest wait between two tries. */
  maxDelaySeconds?: number;
}

/** What a job's `run` gets beside its payload. */
export interface JobContext {
  db: Db;
  database: Database;
  config: Config;
  /** To enqueue follow-up jobs (in a transaction of the handler's own). */
  jobs: JobQueue;
  /** The ClickHouse analytics store, when ANALYTICS_URL is set. */
  analytics?: AnalyticsStore;
  job: {
    id: string;
    name: string;
    /** 1 on the first run, 2 on the first retry, ... */
    attempt: number;
    /** Aborted when the job runs past its timeout or the process stops without waiting for it. */
    signal: AbortSignal;
  };
}

/**
 * A kind of background work. Jobs run at least once: a handler that dies after its writes but
 * before pg-boss records the completion runs again, so handlers are idempotent (they check what is
 * already done, or write with a natural key).
 */
export interface JobType<S extends TObject = TObject> {
  /** `area.verb`, e.g. `email.send`: also the pg-boss queue name. */
  name: string;
  /** An object schema, checked on enqueue; JSON only (money as decimal strings or minor units in a string, ids as numbers). */
  payload: S;
  retry: RetryPolicy;
  /** A run still going after this long is failed (and retried if tries remain). */
  timeoutSeconds: number;
  /** How long finished jobs stay listed (default 14 days); short for jobs enqueued every few seconds. */
  keepFinishedSeconds?: number;
  /**
   * At most one job per key waits or runs: enqueueing another one while it does is a no-op
   * (enqueue returns null). Once the job has finished, the same key can be enqueued again.
   */
  singletonKey?(data: Static<S>): string;
  /** Enqueued by pg-boss's cron at these times (evaluated in UTC unless `tz`) in one process. */
  schedule?: { cron: string; tz?: string; data: Static<S> };
  /**
   * Workers of this type per process: at least this many, whatever JOBS_WORKERS says. For work
   * that mostly waits on the network (postbacks), where more in flight means less delay.
   */
  minWorkers?: number;
  /** What the jobs list shows of a payload; give one when the payload holds secrets (links, tokens). */
  summarize?(data: Static<S>): string;
  run(data: Static<S>, context: JobContext): Promise<void>;
}

/** Declares a job type with its payload type inferred from the schema. */
export function defineJob<S extends TObject>(type: JobType<S>): JobType<S> {
  return type;
}
