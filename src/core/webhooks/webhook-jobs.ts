import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { defineJob } from '../jobs/job-type.ts';
import { deliverWebhooks } from './deliver-webhooks.ts';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_IDS_PER_JOB, WEBHOOK_SWEEP_JOB } from './webhook-events.ts';

// The operator's endpoints follow the postbacks' settings (private targets in development).
const settingsOf = (config: Config) => ({
  allowPrivate: config.postbacks.allowPrivate,
  affiliateConcurrency: config.postbacks.affiliateConcurrency,
});

/** Sends the listed webhook deliveries that are due (their retry schedule is their own). */
export const deliverWebhooksJob = defineJob({
  name: WEBHOOK_DELIVER_JOB,
  payload: Type.Object(
    { ids: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: WEBHOOK_IDS_PER_JOB }) },
    { additionalProperties: false },
  ),
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  timeoutSeconds: 900,
  summarize: (data) => `${data.ids.length} webhook deliveries`,
  async run(data, { db, config, jobs }) {
    await deliverWebhooks({ db, jobs, settings: settingsOf(config), ids: data.ids });
  },
});

/** Every minute: what is due without a job (queued without a queue at hand, or after a crash). */
export const sweepWebhooksJob = defineJob({
  name: WEBHOOK_SWEEP_JOB,
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 0, delaySeconds: 0 },
  timeoutSeconds: 900,
  singletonKey: () => 'sweep',
  schedule: { cron: '* * * * *', data: {} },
  async run(_data, { db, config, jobs }) {
    for (let round = 0; round < 50; round++) {
      const { attempted } = await deliverWebhooks({ db, jobs, settings: settingsOf(config) });
      if (attempted < WEBHOOK_IDS_PER_JOB) return;
    }
  },
});

export const webhookJobTypes = [deliverWebhooksJob, sweepWebhooksJob];
