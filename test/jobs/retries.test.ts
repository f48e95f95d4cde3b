import { TestClock } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createRunsTable, jobRows, recordingType, runs } from './helpers.ts';

// A day ahead of the wall clock: jobs enqueued through the application's own connections are
// stamped with real time, so they are due at once in the clock's time, and nothing else moves
// unless the test ticks.
const clock = new TestClock(Date.now() + 24 * 3600_000);
const flaky = recordingType('jobs_test.flaky', { retry: { limit: 2, delaySeconds: 10, backoff: true } });
const listed = recordingType('jobs_test.listed', { retry: { limit: 1, delaySeconds: 0 } });

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({}, undefined, { jobTypes: [flaky, listed], clock });
  admin = await t.apiKey(['admin']);
  await createRunsTable(t.db);
});
afterAll(() => t?.close());

const rowOf = async (key: string) => (await jobRows(t.db, flaky.name)).find((r) => r.data.key === key)!;

async function waitSeconds(key: string): Promise<number> {
  return ((await rowOf(key)).start_after.getTime() - clock.now()) / 1000;
}

describe('a failing job', () => {
  it('is retried after a delay that doubles, then kept as failed with its last error', async () => {
    await t.jobs.enqueue(t.db, { name: flaky.name, data: { key: 'always', fail: [1, 2, 3] } });

    expect(await t.jobs.runUntilIdle()).toBe(1);
    expect(await rowOf('always')).toMatchObject({
      state: 'retry',
      output: { message: 'attempt 1 of always failed' },
    });
    const first = await waitSeconds('always');
    expect(first).toBeGreaterThanOrEqual(10);
    expect(first).toBeLessThan(20);
    // Not before its time.
    expect(await t.jobs.runUntilIdle()).toBe(0);

    await clock.tick(Math.ceil(first) * 1000);
    expect(await t.jobs.runUntilIdle()).toBe(1);
    const second = await waitSeconds('always');
    expect(second).toBeGreaterThanOrEqual(20);
    expect(second).toBeLessThan(40);
    expect(await t.jobs.runUntilIdle()).toBe(0);

    await clock.tick(Math.ceil(second) * 1000);
    expect(await t.jobs.runUntilIdle()).toBe(1);
    expect(await rowOf('always')).toMatchObject({
      state: 'failed',
      output: { message: 'attempt 3 of always failed' },
    });
    expect((await runs(t.db, 'always')).map((r) => r.attempt)).toEqual([1, 2, 3]);

    // Used up: no further run, however long we wait.
    await clock.setTime(clock.now() + 3600_000);
    expect(await t.jobs.runUntilIdle()).toBe(0);
  });

  it('that succeeds on a retry is completed and not run again', async () => {
    await t.jobs.enqueue(t.db, { name: flaky.name, data: { key: 'once', fail: [1] } });
    expect(await t.jobs.runUntilIdle()).toBe(1);
    await clock.tick(20_000);
    expect(await t.jobs.runUntilIdle()).toBe(1);
    await clock.setTime(clock.now() + 3600_000);
    expect(await t.jobs.runUntilIdle()).toBe(0);
    expect((await runs(t.db, 'once')).map((r) => r.attempt)).toEqual([1, 2]);
    expect((await rowOf('once')).state).toBe('completed');
  });
});

describe('GET /api/v1/jobs', () => {
  it('lists failed jobs with their payload, attempts and last error', async () => {
    await t.jobs.enqueue(t.db, { name: listed.name, data: { key: 'doomed', fail: [1, 2] } });
    await t.jobs.enqueue(t.db, { name: listed.name, data: { key: 'fine' } });
    // retry delay 0: both tries of the doomed job happen here.
    await t.jobs.runUntilIdle();

    const res = await t.call(admin, { method: 'GET', url: `/api/v1/jobs?state=failed&name=${listed.name}` });
    expect(res.statusCode, res.body).toBe(200);
    const { data } = res.json();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      name: listed.name,
      state: 'failed',
      payload: '{"key":"doomed","fail":[1,2]}',
      attempts: 2,
      retry_limit: 1,
      last_error: 'attempt 2 of doomed failed',
    });
    expect(Date.parse(data[0].finished_at)).toBeGreaterThanOrEqual(Date.parse(data[0].started_at));

    const completed = await t.call(admin, {
      method: 'GET',
      url: `/api/v1/jobs?state=completed&name=${listed.name}`,
    });
    expect(completed.json().data).toMatchObject([
      { payload: '{"key":"fine"}', attempts: 1, last_error: null },
    ]);
    const all = await t.call(admin, { method: 'GET', url: `/api/v1/jobs?name=${listed.name}` });
    expect(
      all
        .json()
        .data.map((job: { state: string }) => job.state)
        .sort(),
    ).toEqual(['completed', 'failed']);
  });

  it('is for administrators only, and refuses an unknown state', async () => {
    const reader = await t.apiKey(['read']);
    expect((await t.call(reader, { method: 'GET', url: '/api/v1/jobs' })).statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/jobs' })).statusCode).toBe(401);
    const bad = await t.call(admin, { method: 'GET', url: '/api/v1/jobs?state=lost' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields).toMatchObject([{ path: 'state' }]);
  });
});
