import { sql } from 'kysely';
import { Type } from 'typebox';
import { defineJob, type RetryPolicy } from '../../src/core/jobs/job-type.ts';
import type { Db } from '../../src/db/index.ts';

export interface JobRow {
  id: string;
  name: string;
  state: string;
  data: Record<string, unknown>;
  retry_count: number;
  singleton_key: string | null;
  start_after: Date;
  output: Record<string, unknown> | null;
}

/** The queue's rows for one job type, oldest first, as pg-boss stores them. */
export async function jobRows(db: Db, name: string): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    select id, name, state::text as state, data, retry_count, singleton_key, start_after, output
    from pgboss.job where name = ${name} order by created_on, id`.execute(db);
  return result.rows;
}

/** A table the test job types write one row to per run. */
export async function createRunsTable(db: Db): Promise<void> {
  await sql`create table if not exists test_job_runs (
    key text not null, job_id uuid not null, attempt int not null, pid int not null,
    at timestamptz not null default clock_timestamp()
  )`.execute(db);
}

export async function runs(db: Db, key?: string): Promise<{ key: string; attempt: number; pid: number }[]> {
  const filter = key === undefined ? sql`` : sql`where key = ${key}`;
  const result = await sql<{ key: string; attempt: number; pid: number }>`
    select key, attempt, pid from test_job_runs ${filter} order by at, key`.execute(db);
  return result.rows;
}

interface TypeOptions {
  retry?: RetryPolicy;
  timeoutSeconds?: number;
  schedule?: { cron: string; tz?: string; data: { key: string } };
  singletonKey?: (data: { key: string }) => string;
  minWorkers?: number;
}

/** A job type that records each run and fails while `fail` says so (attempt numbers that throw). */
export function recordingType(name: string, options: TypeOptions = {}) {
  return defineJob({
    name,
    payload: Type.Object(
      {
        key: Type.String({ minLength: 1, maxLength: 100 }),
        fail: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
      },
      { additionalProperties: false },
    ),
    retry: { limit: 0, delaySeconds: 0 },
    timeoutSeconds: 60,
    ...options,
    async run(data, { db, job }) {
      await sql`insert into test_job_runs (key, job_id, attempt, pid) values (${data.key}, ${job.id}, ${job.attempt}, ${process.pid})`.execute(
        db,
      );
      if (data.fail?.includes(job.attempt)) throw new Error(`attempt ${job.attempt} of ${data.key} failed`);
    },
  });
}

export interface Started {
  id: string;
  attempt: number;
  signal: AbortSignal;
}

/**
 * A job type whose runs record themselves and then wait until the test calls `release()`: lets a
 * test hold a job in flight. `nextStart()` resolves when a run begins.
 */
export function gatedType(name: string, options: TypeOptions = {}) {
  let open = false;
  const gate: (() => void)[] = [];
  const started: Started[] = [];
  const waiters: ((run: Started) => void)[] = [];
  const type = defineJob({
    name,
    payload: Type.Object(
      { key: Type.String({ minLength: 1, maxLength: 100 }) },
      { additionalProperties: false },
    ),
    retry: { limit: 1, delaySeconds: 0 },
    timeoutSeconds: 60,
    ...options,
    async run(data, { db, job }) {
      await sql`insert into test_job_runs (key, job_id, attempt, pid) values (${data.key}, ${job.id}, ${job.attempt}, ${process.pid})`.execute(
        db,
      );
      const run = { id: job.id, attempt: job.attempt, signal: job.signal };
      const waiter = waiters.shift();
      if (waiter) waiter(run);
      else started.push(run);
      if (!open) await new Promise<void>((resolve) => gate.push(resolve));
    },
  });
  return {
    type,
    nextStart: () =>
      new Promise<Started>((resolve) => {
        const run = started.shift();
        if (run) resolve(run);
        else waiters.push(resolve);
      }),
    release: () => {
      open = true;
      for (const resolve of gate.splice(0)) resolve();
    },
  };
}
