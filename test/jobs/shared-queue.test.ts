import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { JobRegistry } from '../../src/core/jobs/registry.ts';
import { recordJob } from '../../src/core/jobs/test-jobs.ts';
import type { Database } from '../../src/db/index.ts';
import { freePort, runNode, type Spawned, tempDir } from '../support/spawn.ts';
import { TEST_DB_KIND } from '../support/template.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { createRunsTable, runs } from './helpers.ts';

const started: Spawned[] = [];
let database: Database | undefined;
afterAll(async () => {
  for (const s of started) s.child.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited()));
  await database?.close();
});

async function server(env: Record<string, string>): Promise<Spawned> {
  const process = runNode('src/main.ts', [], {
    DATABASE_URL: database!.url!,
    DATA_DIR: tempDir(),
    PORT: String(await freePort()),
    SECRET_KEY: 'k'.repeat(48),
    AFFLUENT_TEST_JOBS: '1',
    ...env,
  });
  started.push(process);
  return process;
}

async function completed(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pgboss.job where name = ${recordJob.name} and state = 'completed'`.execute(
    database!.db,
  );
  return rows[0]!.n;
}

describe.runIf(TEST_DB_KIND === 'postgres')('several server processes on one PostgreSQL database', () => {
  it('share the queue: every job runs exactly once', async () => {
    database = await createTestDatabase();
    await createRunsTable(database.db);
    const [a, b] = await Promise.all([server({ JOBS_WORKERS: '3' }), server({ JOBS_WORKERS: '3' })]);
    await Promise.all([a, b].map((s) => s.waitFor(/is running at/, 150_000)));

    // Enqueued from a third party, as a request handler in any process would.
    const config = { ...loadConfig({}), jobs: { enabled: false, workers: 1, testJobs: true } };
    const queue = new JobQueue({ config, database, types: new JobRegistry().add(recordJob) });
    await queue.start();
    const keys = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    await database.db.transaction().execute(async (trx) => {
      for (const key of keys) await queue.enqueue(trx, { name: recordJob.name, data: { key } });
    });
    await queue.stop(1000);

    // Another process does the work, so this waits on the database (bounded, not timed).
    for (let i = 0; i < 1200 && (await completed()) < keys.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await completed()).toBe(keys.length);

    const done = await runs(database.db);
    expect(done.map((r) => r.key).sort()).toEqual([...keys].sort());
    for (const pid of done.map((r) => r.pid)) expect([a.child.pid, b.child.pid]).toContain(pid);

    for (const s of [a, b]) s.child.kill('SIGTERM');
    expect(await Promise.all([a, b].map((s) => s.exited()))).toEqual([0, 0]);
  }, 300_000);
});
