import { sql } from 'kysely';
import { Type } from 'typebox';
import { defineJob } from './job-type.ts';

/**
 * Job types for tests that drive real server processes (test/jobs/shared-queue.test.ts): a test
 * cannot register a type inside a process it spawned, so main.ts adds these when
 * AFFLUENT_TEST_JOBS=1. Loaded only then (a dynamic import), so production never registers them.
 * The test creates the table they write to.
 */
export const recordJob = defineJob({
  name: 'test.record',
  payload: Type.Object({ key: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  retry: { limit: 2, delaySeconds: 0 },
  timeoutSeconds: 60,
  async run(data, { db, job }) {
    await sql`insert into test_job_runs (key, job_id, attempt, pid) values (${data.key}, ${job.id}, ${job.attempt}, ${process.pid})`.execute(
      db,
    );
  },
});

export const testJobTypes = [recordJob];
