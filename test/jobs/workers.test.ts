import { TestClock } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { JobRegistry } from '../../src/core/jobs/registry.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createRunsTable, gatedType, jobRows, runs } from './helpers.ts';

// A day ahead of the wall clock (jobs enqueued through the application's connections carry real
// time, so they are due at once), and still unless the test ticks.
const clock = new TestClock(Date.now() + 24 * 3600_000);
const finishes = gatedType('jobs_test.finishes');
const givenBack = gatedType('jobs_test.given_back');
const timesOut = gatedType('jobs_test.times_out', { timeoutSeconds: 5 });
const webOnly = gatedType('jobs_test.web_only');
const wide = gatedType('jobs_test.wide', { minWorkers: 3 });
const narrow = gatedType('jobs_test.narrow');

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ JOBS_ENABLED: 'false' }, undefined, {
    jobTypes: [finishes.type, givenBack.type, timesOut.type, webOnly.type, wide.type, narrow.type],
    clock,
  });
  await createRunsTable(t.db);
});
afterAll(() => t?.close());

/** A worker process for one job type (one worker), holding the job just enqueued in flight. */
async function inFlight(slow: ReturnType<typeof gatedType>) {
  const config = { ...t.app.deps.config, jobs: { enabled: true, workers: 1, testJobs: false } };
  const worker = new JobQueue({
    config,
    database: t.database,
    types: new JobRegistry().add(slow.type),
    clock,
  });
  await worker.start();
  await t.jobs.enqueue(t.db, { name: slow.type.name, data: { key: slow.type.name } });
  // The worker's next poll.
  await clock.tick(2000);
  return { worker, run: await slow.nextStart() };
}

const attempts = async (name: string) => (await runs(t.db, name)).map((r) => r.attempt);

describe('job workers', () => {
  it('stopping lets a job in flight finish when it does within the time allowed', async () => {
    const { worker, run } = await inFlight(finishes);
    expect(run.attempt).toBe(1);
    expect(await jobRows(t.db, finishes.type.name)).toMatchObject([{ state: 'active' }]);

    const stopping = worker.stop(10_000);
    finishes.release();
    await stopping;
    expect(await jobRows(t.db, finishes.type.name)).toMatchObject([{ state: 'completed' }]);
    await t.jobs.runUntilIdle();
    expect(await attempts(finishes.type.name)).toEqual([1]);
  });

  it('stopping gives back a job still running when the time is up: it runs again later, never lost', async () => {
    const { worker, run } = await inFlight(givenBack);
    await worker.stop(1000);
    expect(run.signal.aborted).toBe(true);
    expect(await jobRows(t.db, givenBack.type.name)).toMatchObject([
      { state: 'retry', output: { value: 'pg-boss shut down while active' } },
    ]);

    givenBack.release();
    await t.jobs.runUntilIdle();
    expect(await jobRows(t.db, givenBack.type.name)).toMatchObject([{ state: 'completed' }]);
    expect(await attempts(givenBack.type.name)).toEqual([1, 2]);
  });

  it('fails a run that outlives its timeout, aborting its signal, and retries it', async () => {
    const { worker, run } = await inFlight(timesOut);
    await clock.tick(5000);
    expect(run.signal.aborted).toBe(true);
    expect(await jobRows(t.db, timesOut.type.name)).toMatchObject([
      { state: 'retry', output: { message: 'handler execution exceeded 5s' } },
    ]);

    timesOut.release();
    // The worker may take the retry itself before it stops; whatever is left runs here.
    await worker.stop(5000);
    await t.jobs.runUntilIdle();
    expect(await jobRows(t.db, timesOut.type.name)).toMatchObject([{ state: 'completed' }]);
    expect(await attempts(timesOut.type.name)).toEqual([1, 2]);
  });

  it('do not run in a process with JOBS_ENABLED=false, which still enqueues', async () => {
    await t.jobs.enqueue(t.db, { name: webOnly.type.name, data: { key: webOnly.type.name } });
    await clock.tick(10_000);
    expect(await jobRows(t.db, webOnly.type.name)).toMatchObject([{ state: 'created' }]);
    expect(await attempts(webOnly.type.name)).toEqual([]);
    webOnly.release();
    await t.jobs.runUntilIdle();
    expect(await attempts(webOnly.type.name)).toEqual([1]);
  });

  it('a type with minWorkers runs that many jobs at once, more than JOBS_WORKERS', async () => {
    const config = { ...t.app.deps.config, jobs: { enabled: true, workers: 1, testJobs: false } };
    const worker = new JobQueue({
      config,
      database: t.database,
      types: new JobRegistry().add(wide.type, narrow.type),
      clock,
    });
    await worker.start();
    for (let i = 0; i < 3; i++) {
      await t.jobs.enqueue(t.db, { name: wide.type.name, data: { key: wide.type.name } });
      await t.jobs.enqueue(t.db, { name: narrow.type.name, data: { key: narrow.type.name } });
    }
    // The workers' next poll: each of wide's three takes a job and holds it; narrow's one, one.
    await clock.tick(2000);
    const held = await Promise.all([wide.nextStart(), wide.nextStart(), wide.nextStart()]);
    await narrow.nextStart();
    expect(new Set(held.map((run) => run.id)).size).toBe(3);
    const states = async (name: string) => (await jobRows(t.db, name)).map((row) => row.state).sort();
    expect(await states(wide.type.name)).toEqual(['active', 'active', 'active']);
    expect(await states(narrow.type.name)).toEqual(['active', 'created', 'created']);

    wide.release();
    narrow.release();
    await worker.stop(10_000);
    await t.jobs.runUntilIdle();
    expect(await states(wide.type.name)).toEqual(['completed', 'completed', 'completed']);
    expect(await states(narrow.type.name)).toEqual(['completed', 'completed', 'completed']);
  });
});
