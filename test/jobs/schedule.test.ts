import { sql } from 'kysely';
import { TestClock } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { JobRegistry } from '../../src/core/jobs/registry.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createRunsTable, gatedType, jobRows, runs } from './helpers.ts';

// 02:59 UTC on a day after tomorrow: a minute before the daily run, and ahead of the wall clock.
const start = new Date();
start.setUTCDate(start.getUTCDate() + 2);
start.setUTCHours(2, 59, 0, 0);
const clock = new TestClock(start);
const daily = gatedType('jobs_test.daily', {
  schedule: { cron: '0 3 * * *', data: { key: 'daily' } },
  timeoutSeconds: 900,
});
const weekly = gatedType('jobs_test.weekly', { schedule: { cron: '0 4 * * 1', data: { key: 'weekly' } } });

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ JOBS_ENABLED: 'true', JOBS_WORKERS: '1' }, undefined, {
    jobTypes: [daily.type],
    clock,
  });
  await createRunsTable(t.db);
});
afterAll(() => t?.close());

const schedules = async (name: string) =>
  (
    await sql<{ name: string; cron: string; timezone: string; data: unknown }>`
      select name, cron, timezone, data from pgboss.schedule where name = ${name}`.execute(t.db)
  ).rows;

describe('a scheduled job type', () => {
  it('is registered with its cron, and the clock reaching the time enqueues one job, run by a worker', async () => {
    expect(await schedules(daily.type.name)).toEqual([
      { name: daily.type.name, cron: '0 3 * * *', timezone: 'UTC', data: { key: 'daily' } },
    ]);
    expect(await jobRows(t.db, daily.type.name)).toEqual([]);

    await clock.tick(30_000);
    // 02:59:30: not yet.
    expect(await jobRows(t.db, daily.type.name)).toEqual([]);

    await clock.tick(90_000);
    const run = await daily.nextStart();
    expect(run.attempt).toBe(1);
    expect(await jobRows(t.db, daily.type.name)).toMatchObject([{ state: 'active', data: { key: 'daily' } }]);

    daily.release();
    await t.jobs.stop(5000);
    expect(await jobRows(t.db, daily.type.name)).toMatchObject([{ state: 'completed' }]);
    expect(await runs(t.db, 'daily')).toHaveLength(1);
  });

  it('loses its schedule when the type no longer declares one', async () => {
    // Two deployments in turn, without workers: the schedule is the database's, not a process's.
    const config = { ...t.app.deps.config, jobs: { enabled: false, workers: 1, testJobs: false } };
    const deploy = async (type: typeof weekly.type) => {
      const queue = new JobQueue({ config, database: t.database, types: new JobRegistry().add(type) });
      await queue.start();
      await queue.stop(1000);
    };
    await deploy(weekly.type);
    expect(await schedules(weekly.type.name)).toMatchObject([{ cron: '0 4 * * 1', data: { key: 'weekly' } }]);
    const { schedule: _dropped, ...unscheduled } = weekly.type;
    await deploy(unscheduled);
    expect(await schedules(weekly.type.name)).toEqual([]);
  });
});
