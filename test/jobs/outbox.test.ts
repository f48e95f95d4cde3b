import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createRunsTable, jobRows, recordingType, runs } from './helpers.ts';

const record = recordingType('jobs_test.record');
const unique = recordingType('jobs_test.unique', { singletonKey: (data) => data.key });

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, undefined, { jobTypes: [record, unique] });
  await createRunsTable(t.db);
});
afterAll(() => t?.close());

const keysOf = async (name: string) => (await jobRows(t.db, name)).map((row) => row.data.key);
const waiting = async (name: string, keys: string[]) =>
  (await jobRows(t.db, name)).filter(
    (row) => keys.includes(row.data.key as string) && row.state === 'created',
  );

describe('enqueue in the caller transaction (outbox)', () => {
  it('a job enqueued in a transaction that rolls back does not exist', async () => {
    const outcome = t.db.transaction().execute(async (trx) => {
      const id = await t.jobs.enqueue(trx, { name: record.name, data: { key: 'rolled-back' } });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // Inside the transaction the job is there...
      expect((await jobRows(trx, record.name)).map((row) => row.id)).toContain(id);
      throw new Error('the change failed');
    });
    await expect(outcome).rejects.toThrow('the change failed');
    // ...and with it rolled back, nowhere: nothing to run.
    expect(await keysOf(record.name)).not.toContain('rolled-back');
    await t.jobs.runUntilIdle();
    expect(await runs(t.db, 'rolled-back')).toEqual([]);
  });

  it('a job enqueued in a transaction that commits exists and runs', async () => {
    const id = await t.db
      .transaction()
      .execute((trx) => t.jobs.enqueue(trx, { name: record.name, data: { key: 'committed' } }));
    const [row] = (await jobRows(t.db, record.name)).filter((r) => r.id === id);
    expect(row).toMatchObject({ state: 'created', data: { key: 'committed' } });
    expect(await t.jobs.runUntilIdle()).toBeGreaterThanOrEqual(1);
    expect(await runs(t.db, 'committed')).toMatchObject([{ attempt: 1 }]);
    expect((await jobRows(t.db, record.name)).find((r) => r.id === id)?.state).toBe('completed');
  });

  it('refuses a payload its schema rejects, naming the field, and writes nothing', async () => {
    const before = await keysOf(record.name);
    const refused = await t.jobs
      .enqueue(t.db, { name: record.name, data: { key: '', other: 1 } })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('validation_failed');
    expect(refused.details.fields).toHaveLength(2);
    expect(refused.details.fields).toEqual(
      expect.arrayContaining([
        { path: 'data.key', message: 'must not have fewer than 1 characters' },
        { path: 'data.other', message: 'is not part of a jobs_test.record job' },
      ]),
    );
    const missing = await t.jobs.enqueue(t.db, { name: record.name, data: {} }).catch((e) => e);
    expect(missing.details.fields).toEqual([{ path: 'data.key', message: 'is required' }]);
    await expect(t.jobs.enqueue(t.db, { name: 'jobs_test.unknown', data: {} })).rejects.toThrow(
      'unknown job type jobs_test.unknown',
    );
    expect(await keysOf(record.name)).toEqual(before);
  });

  it('a poll waits for an open transaction on the one embedded connection instead of running inside it', async () => {
    // Nothing else waiting, so a poll has only this job to take.
    await t.jobs.runUntilIdle();
    let polling: Promise<number> | undefined;
    const outcome = t.db.transaction().execute(async (trx) => {
      await t.jobs.enqueue(trx, { name: record.name, data: { key: 'never-committed' } });
      polling = t.jobs.runUntilIdle();
      // More of the transaction's own statements: on one session, a poll let in between them
      // would claim the uncommitted job.
      for (let i = 0; i < 3; i++) await sql`select 1`.execute(trx);
      throw new Error('rolled back');
    });
    await expect(outcome).rejects.toThrow('rolled back');
    expect(await polling).toBe(0);
    expect(await runs(t.db, 'never-committed')).toEqual([]);
    expect(await keysOf(record.name)).not.toContain('never-committed');
  });
});

describe('singleton keys', () => {
  it('keep one job per key waiting or running; the key is free again once it ran', async () => {
    const first = await t.jobs.enqueue(t.db, { name: unique.name, data: { key: 'daily-report' } });
    const again = await t.jobs.enqueue(t.db, { name: unique.name, data: { key: 'daily-report' } });
    const other = await t.jobs.enqueue(t.db, { name: unique.name, data: { key: 'weekly-report' } });
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(other).not.toBeNull();
    expect(await waiting(unique.name, ['daily-report', 'weekly-report'])).toHaveLength(2);

    expect(await t.jobs.runUntilIdle()).toBeGreaterThanOrEqual(2);
    expect((await runs(t.db, 'daily-report')).length).toBe(1);
    expect(await waiting(unique.name, ['daily-report', 'weekly-report'])).toEqual([]);
    const later = await t.jobs.enqueue(t.db, { name: unique.name, data: { key: 'daily-report' } });
    expect(later).not.toBeNull();
    expect(later).not.toBe(first);
  });

  it('dedupe inside a transaction too, without aborting it', async () => {
    const ids = await t.db
      .transaction()
      .execute(async (trx) => [
        await t.jobs.enqueue(trx, { name: unique.name, data: { key: 'in-trx' } }),
        await t.jobs.enqueue(trx, { name: unique.name, data: { key: 'in-trx' } }),
        await t.jobs.enqueue(trx, { name: unique.name, data: { key: 'other' }, singletonKey: 'in-trx' }),
      ]);
    expect(ids[0]).not.toBeNull();
    expect(ids.slice(1)).toEqual([null, null]);
    expect((await jobRows(t.db, unique.name)).filter((r) => r.singleton_key === 'in-trx')).toHaveLength(1);
    await t.jobs.runUntilIdle();
  });
});
