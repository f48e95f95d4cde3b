import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { JOB_SCHEMA } from '../../db/job-schema.ts';
import type { JobRegistry } from './registry.ts';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobSummary {
  id: string;
  name: string;
  state: JobState;
  payload: string;
  attempts: number;
  retry_limit: number;
  last_error: string | null;
  created_at: Date;
  run_after: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ListJobsQuery {
  state?: JobState;
  name?: string;
  limit: number;
}

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  output: { message?: unknown; value?: unknown } | null;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

const SUMMARY_CHARS = 200;

/** Jobs as the queue holds them, latest first: where a failed job is seen after its last try. */
export async function listJobs(db: Db, types: JobRegistry, query: ListJobsQuery): Promise<JobSummary[]> {
  const state = query.state ? sql`and state = ${query.state}::${sql.raw(JOB_SCHEMA)}.job_state` : sql``;
  const name = query.name ? sql`and name = ${query.name}` : sql``;
  // Internal queues (cron's __pgboss__send-it) are pg-boss's business.
  const result = await sql<JobRow>`
    select id, name, state, data, retry_count, retry_limit, output, created_on, start_after, started_on, completed_on
    from ${sql.raw(JOB_SCHEMA)}.job
    where name not like '\\_\\_pgboss%' ${state} ${name}
    order by coalesce(completed_on, started_on, created_on) desc, id
    limit ${query.limit}`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    state: row.state,
    payload: summarize(types, row.name, row.data),
    // retry_count goes up when a retry starts, so a job that has started once more has run once more.
    attempts: Number(row.retry_count) + (row.started_on ? 1 : 0),
    retry_limit: Number(row.retry_limit),
    last_error: row.state === 'completed' ? null : errorText(row.output),
    created_at: row.created_on,
    run_after: row.start_after,
    started_at: row.started_on,
    finished_at: row.completed_on,
  }));
}

function summarize(types: JobRegistry, name: string, data: unknown): string {
  const type = types.get(name);
  const text = type?.summarize ? type.summarize(data) : JSON.stringify(data ?? null);
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

function errorText(output: JobRow['output']): string | null {
  if (!output || typeof output !== 'object') return null;
  const text = output.message ?? output.value;
  return typeof text === 'string' ? text : null;
}
