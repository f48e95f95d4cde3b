import { type Clock, type ConstructorOptions, type Job, PgBoss, type Queue } from 'pg-boss';
import { Value } from 'typebox/value';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../db/index.ts';
import { JOB_SCHEMA } from '../../db/job-schema.ts';
import type { AnalyticsStore } from '../analytics/analytics-store.ts';
import { AppError, type FieldError } from '../errors.ts';
import { bossDbFor, bossDbOnEmbedded } from './boss-database.ts';
import type { JobContext, JobType } from './job-type.ts';
import type { JobRegistry } from './registry.ts';

/** One job to enqueue: `{ name: 'email.send', data: { ... } }`. */
export interface JobRequest {
  name: string;
  data: unknown;
  /** Instead of the key the type's singletonKey gives (types without one do not dedupe). */
  singletonKey?: string;
  /** Not before this time. */
  startAfter?: Date;
}

export interface JobLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface JobQueueOptions {
  database: Database;
  config: Config;
  types: JobRegistry;
  logger?: JobLogger;
  /** Tests: pg-boss's TestClock, so retry delays, timeouts and cron move only when the test says. */
  clock?: Clock;
  /** How often an idle worker looks for work (a busy one fetches again as soon as it is done). */
  pollingIntervalSeconds?: number;
  /** Given to handlers (the analytics copy) when ANALYTICS_URL is set. */
  analytics?: AnalyticsStore;
}

const KEEP_FINISHED_SECONDS = 14 * 24 * 3600;
const silent: JobLogger = { info() {}, warn() {}, error() {} };

/**
 * The durable job queue: pg-boss in its own schema (created by migrate()), behind this interface.
 * Every process enqueues; with JOBS_ENABLED it also runs workers, maintenance (expiry, retention)
 * and the cron schedules. Several processes on one PostgreSQL database share the queue: a job is
 * claimed by one worker (SKIP LOCKED) and scheduled occurrences are sent once.
 */
export class JobQueue {
  readonly types: JobRegistry;
  readonly #options: JobQueueOptions;
  readonly #logger: JobLogger;
  #boss: PgBoss | null = null;
  readonly #workerIds = new Map<string, string[]>();

  constructor(options: JobQueueOptions) {
    this.#options = options;
    this.types = options.types;
    this.#logger = options.logger ?? silent;
  }

  get #workersOn(): boolean {
    return this.#options.config.jobs.enabled;
  }

  async start(): Promise<void> {
    if (this.#boss) return;
    const { database, config, clock } = this.#options;
    const common: ConstructorOptions = {
      schema: JOB_SCHEMA,
      // The schema is ours to create and upgrade, under migrate()'s lock.
      migrate: false,
      supervise: this.#workersOn,
      schedule: this.#workersOn,
      registerInstance: false,
      openTelemetry: { enabled: false },
      ...(clock ? { clock } : {}),
    };
    const boss = database.embedded
      ? new PgBoss({ ...common, db: bossDbOnEmbedded(database.embedded), backend: 'pglite' })
      : new PgBoss({
          ...common,
          connectionString: database.url!,
          // Polls, maintenance and settling jobs; handlers use the application's pool.
          max: Math.min(config.databasePoolMax, 4),
          application_name: 'affluent-jobs',
        });
    // pg-boss reports background failures (a poll, maintenance) as events; unheard, Node throws.
    boss.on('error', (error) => this.#logger.error({ err: error }, 'job queue error'));
    boss.on('warning', (warning) => this.#logger.warn({ warning }, 'job queue warning'));
    await boss.start();
    this.#boss = boss;
    await this.#syncQueues(boss);
    if (this.#workersOn) {
      for (const type of this.types.list()) await this.#work(boss, type);
    }
  }

  /**
   * Stops fetching, waits up to `timeoutMs` for the jobs in flight, then gives back those still
   * running: they are failed as "shut down while active" and retried later (by any process) while
   * tries remain. A job cut off without even that (the process killed) is retried once its
   * timeout has passed.
   */
  async stop(timeoutMs = 8000): Promise<void> {
    const boss = this.#boss;
    if (!boss) return;
    await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  }

  /**
   * Writes the job through `db`: in the caller's transaction when it is one, so the job exists
   * exactly when the change that asked for it committed. Returns the job's id, or null when a job
   * with the same singleton key is already waiting or running.
   */
  async enqueue(db: Db, job: JobRequest): Promise<string | null> {
    const type = this.types.get(job.name);
    if (!type) throw new Error(`unknown job type ${job.name}`);
    checkPayload(type, job.data);
    const boss = this.#started();
    return boss.send(type.name, job.data as object, {
      db: bossDbFor(db),
      singletonKey: job.singletonKey ?? type.singletonKey?.(job.data),
      ...(job.startAfter ? { startAfter: job.startAfter } : {}),
    });
  }

  /**
   * Runs every job that is ready, one at a time and in this process, until none is left (a job
   * waiting for its retry delay is not ready). Returns how many runs it made. For tests and
   * one-off runs; it must not be called inside a transaction.
   */
  async runUntilIdle(): Promise<number> {
    const boss = this.#started();
    let runs = 0;
    for (;;) {
      let found = 0;
      for (const type of this.types.list()) {
        const [job] = await boss.fetch<unknown>(type.name);
        if (!job) continue;
        found++;
        const failure = await this.#run(type, job).then(
          () => null,
          (error: unknown) => error,
        );
        if (failure === null) await boss.complete(type.name, job);
        else await boss.fail(type.name, job, failure as object);
      }
      if (found === 0) return runs;
      runs += found;
    }
  }

  /**
   * Tells this process's idle workers of `name` to fetch now instead of at their next poll: for
   * work whose first run should follow its commit closely (call it after the commit). Jobs are
   * found by polling anyway; this only shortens the wait.
   */
  wake(name: string): void {
    const boss = this.#boss;
    if (!boss) return;
    for (const id of this.#workerIds.get(name) ?? []) boss.notifyWorker(id);
  }

  #started(): PgBoss {
    if (!this.#boss) throw new Error('the job queue is not started');
    return this.#boss;
  }

  async #syncQueues(boss: PgBoss): Promise<void> {
    const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
    for (const type of this.types.list()) {
      const wanted = queueOptions(type);
      const queue = existing.get(type.name);
      if (!queue) {
        await boss.createQueue(type.name, wanted);
      } else if (queue.policy !== wanted.policy) {
        throw new Error(
          `job type ${type.name} changed its singleton key; its queue's policy (${queue.policy}) cannot change`,
        );
      } else if (differs(queue, wanted)) {
        const { policy: _policy, ...changes } = wanted;
        await boss.updateQueue(type.name, changes);
      }
      await this.#syncSchedule(boss, type);
    }
  }

  async #syncSchedule(boss: PgBoss, type: JobType<any>): Promise<void> {
    const schedules = await boss.getSchedules(type.name);
    if (!type.schedule) {
      for (const schedule of schedules) await boss.unschedule(type.name, schedule.key);
      return;
    }
    checkPayload(type, type.schedule.data);
    await boss.schedule(type.name, type.schedule.cron, type.schedule.data as object, {
      tz: type.schedule.tz ?? 'UTC',
    });
  }

  async #work(boss: PgBoss, type: JobType<any>): Promise<void> {
    const pollingIntervalSeconds = this.#options.pollingIntervalSeconds ?? 2;
    // One pg-boss worker per slot, so each knows its own id: a worker that just finished a job
    // wakes itself to fetch again at once instead of sleeping out its polling interval.
    const workers = Math.max(this.#options.config.jobs.workers, type.minWorkers ?? 0);
    for (let slot = 0; slot < workers; slot++) {
      let id: string | undefined;
      id = await boss.work<unknown>(type.name, { pollingIntervalSeconds }, async ([job]) => {
        try {
          if (job) await this.#run(type, job);
        } finally {
          if (id) boss.notifyWorker(id);
        }
      });
      this.#workerIds.set(type.name, [...(this.#workerIds.get(type.name) ?? []), id]);
    }
  }

  async #run(type: JobType<any>, job: Job<unknown>): Promise<void> {
    const { database, config, analytics } = this.#options;
    const context: JobContext = {
      db: database.db,
      database,
      config,
      jobs: this,
      ...(analytics ? { analytics } : {}),
      job: { id: job.id, name: type.name, attempt: job.retryCount + 1, signal: job.signal ?? neverAborted },
    };
    try {
      await type.run(job.data, context);
    } catch (error) {
      this.#logger.warn(
        { err: error, job: type.name, id: job.id, attempt: context.job.attempt },
        'job failed',
      );
      throw error;
    }
  }
}

const neverAborted = new AbortController().signal;

function checkPayload(type: JobType<any>, data: unknown): void {
  if (Value.Check(type.payload, data)) return;
  const fields: FieldError[] = [];
  for (const error of Value.Errors(type.payload, data)) {
    const at = ['data', ...error.instancePath.split('/').filter(Boolean)].join('.');
    const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    if (error.keyword === 'required') {
      for (const name of params.requiredProperties ?? [])
        fields.push({ path: `${at}.${name}`, message: 'is required' });
    } else if (error.keyword === 'additionalProperties') {
      for (const name of params.additionalProperties ?? []) {
        fields.push({ path: `${at}.${name}`, message: `is not part of a ${type.name} job` });
      }
    } else if (error.keyword !== 'boolean') {
      // "boolean" repeats an additional property as "schema is false"; the case above names it.
      fields.push({ path: at, message: error.message });
    }
  }
  throw AppError.validation(
    fields,
    `job ${type.name}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
  );
}

function queueOptions(type: JobType<any>): Omit<Queue, 'name'> & { policy: string } {
  return {
    // exclusive: one job per singleton key waiting or running; standard otherwise.
    policy: type.singletonKey ? 'exclusive' : 'standard',
    retryLimit: type.retry.limit,
    retryDelay: type.retry.delaySeconds,
    retryBackoff: type.retry.backoff ?? false,
    ...(type.retry.maxDelaySeconds !== undefined ? { retryDelayMax: type.retry.maxDelaySeconds } : {}),
    expireInSeconds: type.timeoutSeconds,
    deleteAfterSeconds: type.keepFinishedSeconds ?? KEEP_FINISHED_SECONDS,
  };
}

function differs(queue: Queue, wanted: Omit<Queue, 'name'>): boolean {
  return (Object.keys(wanted) as (keyof typeof wanted)[]).some((key) => queue[key] !== wanted[key]);
}
