import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Clock } from 'pg-boss';
import { loadConfig } from '../../src/config.ts';
import { SYSTEM } from '../../src/core/actor.ts';
import type { AnalyticsStore } from '../../src/core/analytics/analytics-store.ts';
import { createAdmin } from '../../src/core/auth/create-admin.ts';
import { createApiKey } from '../../src/core/auth/create-api-key.ts';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import type { JobType } from '../../src/core/jobs/job-type.ts';
import { platformJobTypes } from '../../src/core/jobs/job-types.ts';
import type { Database, Db } from '../../src/db/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { CHEAP_HASHES } from './cheap-hashes.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Db;
  /** The started job queue; workers run only with JOBS_ENABLED=true in `env`. */
  jobs: JobQueue;
  /** An API key with the given scopes (admin by default), ready for an Authorization header. */
  apiKey(scopes?: string[]): Promise<string>;
  /** Sends a request with `key` as bearer token, JSON in and out. */
  call(key: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A signed-in staff admin's session cookie header value. */
  staffCookie(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Job types beside the platform's, e.g. ones whose handlers a test controls. */
  jobTypes?: JobType<any>[];
  /** pg-boss's TestClock: retry delays, timeouts and cron move only on clock.tick(). */
  clock?: Clock;
  /** The ClickHouse store job handlers get (the analytics copy). */
  analytics?: AnalyticsStore;
}

let staffCounter = 0;

/** The app on a fresh database of its own; call once per test file (beforeAll) and close after. */
export async function createTestApp(
  env: Record<string, string> = {},
  extend?: (app: FastifyInstance) => void,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  // Job workers are off unless a test turns them on: most tests run jobs with jobs.runUntilIdle().
  const config = {
    ...loadConfig({ DATA_DIR: '.tmp/test-data', JOBS_ENABLED: 'false', ...CHEAP_HASHES, ...env }),
    secretKey: 'x'.repeat(48),
  };
  const types = platformJobTypes().add(...(options.jobTypes ?? []));
  const jobs = new JobQueue({
    config,
    database,
    types,
    clock: options.clock,
    ...(options.analytics ? { analytics: options.analytics } : {}),
  });
  await jobs.start();
  const app = await buildApp({
    config,
    database,
    jobs,
    lazySchemas: true,
    ...(options.analytics ? { analytics: options.analytics } : {}),
  });
  extend?.(app);
  await app.ready();
  const db = database.db;
  return {
    app,
    database,
    db,
    jobs,
    apiKey: async (scopes = ['admin']) =>
      (await createApiKey({ db, actor: SYSTEM, input: { name: 'test', scopes } })).key,
    call: (key, options) =>
      app.inject({
        ...options,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
      }),
    staffCookie: async () => {
      const email = `staff${++staffCounter}@example.com`;
      await createAdmin({ db, input: { email, password: 'Sup3r#secret', name: 'Staff' } });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'Sup3r#secret' },
      });
      const cookie = res.cookies.find((c) => c.name === 'affluent_session');
      if (!cookie) throw new Error(`login failed: ${res.body}`);
      return `affluent_session=${cookie.value}`;
    },
    close: async () => {
      await app.close();
      await jobs.stop(1000);
      await database.close();
    },
  };
}
