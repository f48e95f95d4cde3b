import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { defineJob } from '../jobs/job-type.ts';
import { type DeliverSettings, deliverPostbacks } from './deliver-postbacks.ts';
import { CLEANUP_JOB, DELIVER_JOB, MAX_IDS_PER_JOB, SWEEP_JOB } from './job-names.ts';
import { purgePostbackLog } from './purge-postback-log.ts';
import { threadSender } from './sender.ts';

const settingsOf = (config: Config): DeliverSettings => ({
  allowPrivate: config.postbacks.allowPrivate,
  affiliateConcurrency: config.postbacks.affiliateConcurrency,
  ...(config.postbacks.senderThread ? { sender: threadSender } : {}),
});

/**
 * Sends the listed deliveries that are due. The retry schedule is the deliveries' own (see
 * RETRY_DELAYS_SECONDS), not pg-boss's: a run that fails as a whole (the database away) is
 * tried again, and a delivery it had claimed is picked up by the sweep once its claim runs out.
 */
export const deliverPostbacksJob = defineJob({
  name: DELIVER_JOB,
  payload: Type.Object(
    { ids: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: MAX_IDS_PER_JOB }) },
    { additionalProperties: false },
  ),
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  // 10 s per request at most, the affiliate's slots shared by up to 2,000 deliveries.
  timeoutSeconds: 900,
  // Deliveries wait on trackers, not on this process: more of them in flight keeps first attempts
  // close behind the events while a large batch is still being recorded.
  minWorkers: 8,
  summarize: (data) => `${data.ids.length} deliveries`,
  async run(data, { db, config, jobs }) {
    await deliverPostbacks({ db, jobs, settings: settingsOf(config), ids: data.ids });
  },
});

/** Every minute: whatever is due and has no job (a command-line import, a crash), in chunks. */
export const sweepPostbacksJob = defineJob({
  name: SWEEP_JOB,
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 0, delaySeconds: 0 },
  timeoutSeconds: 900,
  singletonKey: () => 'sweep',
  schedule: { cron: '* * * * *', data: {} },
  async run(_data, { db, config, jobs }) {
    for (let round = 0; round < 50; round++) {
      const result = await deliverPostbacks({
        db,
        jobs,
        settings: settingsOf(config),
        limit: MAX_IDS_PER_JOB,
      });
      if (result.attempted < MAX_IDS_PER_JOB) return;
    }
  },
});

/** Daily: the delivery log keeps POSTBACK_LOG_RETENTION_DAYS days. */
export const cleanupPostbacksJob = defineJob({
  name: CLEANUP_JOB,
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 2, delaySeconds: 600 },
  timeoutSeconds: 3600,
  singletonKey: () => 'cleanup',
  schedule: { cron: '17 3 * * *', data: {} },
  async run(_data, { db, config }) {
    await purgePostbackLog({ db, days: config.postbacks.logRetentionDays });
  },
});

export const postbackJobTypes = [deliverPostbacksJob, sweepPostbacksJob, cleanupPostbacksJob];
