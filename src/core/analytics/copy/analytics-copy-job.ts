import { Type } from 'typebox';
import { defineJob } from '../../jobs/job-type.ts';
import { copyAnalyticsBatch } from './copy-analytics-batch.ts';

export const ANALYTICS_COPY_JOB = 'analytics.copy';

// A long backlog (after an outage) is worked off in runs of this many batches, so a run stays
// well inside its timeout and the next tick starts the next one.
const BATCHES_PER_RUN = 50;

/**
 * Copies the outbox to ClickHouse, batch after batch until it is empty. One run at a time (the
 * singleton key), enqueued every ANALYTICS_FLUSH_INTERVAL_MS by scheduleAnalyticsCopy. A failed
 * copy (ClickHouse down) leaves its batch in the outbox and its error in analytics_state, where
 * the status route shows it; the run ends without failing, since the next tick is the retry and
 * a failed job every few seconds of an outage would bury the jobs list.
 */
export const analyticsCopyJob = defineJob({
  name: ANALYTICS_COPY_JOB,
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 0, delaySeconds: 0 },
  timeoutSeconds: 600,
  keepFinishedSeconds: 3600,
  singletonKey: () => ANALYTICS_COPY_JOB,
  async run(_data, { db, config, analytics, job }) {
    if (!analytics || !config.analytics) return;
    const { batchRows } = config.analytics;
    for (let i = 0; i < BATCHES_PER_RUN && !job.signal.aborted; i++) {
      const batch = await copyAnalyticsBatch({ db, store: analytics, batchRows, signal: job.signal }).catch(
        () => null,
      );
      if (!batch || batch.rows < batchRows) return;
    }
  },
});
