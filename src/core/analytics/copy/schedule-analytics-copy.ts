import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { ANALYTICS_COPY_JOB } from './analytics-copy-job.ts';

/**
 * Every `intervalMs` (ANALYTICS_FLUSH_INTERVAL_MS), when rows are waiting, enqueues the copy (a
 * no-op while one waits or runs) and wakes this process's workers for it: pg-boss's cron counts
 * in minutes, the copy in seconds, and an idle outbox costs one indexed look a tick. Every
 * process with ANALYTICS_URL ticks, so the copy goes on while any one runs. Answers a stop.
 */
export function scheduleAnalyticsCopy(options: { db: Db; jobs: JobQueue; intervalMs: number }): () => void {
  const { db, jobs, intervalMs } = options;
  let busy = false;
  const tick = async () => {
    const waiting = await sql<{
      any: boolean;
    }>`select exists (select 1 from analytics_outbox) as any`.execute(db);
    if (!waiting.rows[0]?.any) return;
    await jobs.enqueue(db, { name: ANALYTICS_COPY_JOB, data: {} });
    jobs.wake(ANALYTICS_COPY_JOB);
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    // A database hiccup is the next tick's to retry.
    tick()
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
