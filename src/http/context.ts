import type { Config } from '../config.ts';
import type { AnalyticsStore } from '../core/analytics/analytics-store.ts';
import type { ApiKey } from '../core/auth/api-keys.ts';
import type { StaffUser } from '../core/auth/staff.ts';
import type { JobQueue } from '../core/jobs/job-queue.ts';
import type { Database } from '../db/index.ts';

/** Who is calling the operator API: a signed-in staff user or an API key, with its scopes. */
export type Principal =
  | { kind: 'staff'; staff: StaffUser; scopes: string[] }
  | { kind: 'api_key'; apiKey: ApiKey; scopes: string[] };

export interface AppDeps {
  config: Config;
  database: Database;
  /** Enqueue with `deps.jobs.enqueue(trx, { name, data })` inside the transaction of the change. */
  jobs: JobQueue;
  /** The ClickHouse store reports read when ANALYTICS_URL is set. */
  analytics?: AnalyticsStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const STAFF_COOKIE = 'affluent_session';
