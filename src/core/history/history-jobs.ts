import { Type } from 'typebox';
import { defineJob } from '../jobs/job-type.ts';
import { chainPendingRecords } from './chain-pending-records.ts';
import { sealCheckpoints } from './seal-checkpoints.ts';

/** Every minute: the records of finished transactions join their affiliates' chains. */
export const chainRecordsJob = defineJob({
  name: 'history.chain',
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 0, delaySeconds: 0 },
  timeoutSeconds: 600,
  singletonKey: () => 'history.chain',
  schedule: { cron: '* * * * *', data: {} },
  async run(_data, { db }) {
    await chainPendingRecords({ db });
  },
});

/** Daily: each chain that grew is sealed into a signed checkpoint. */
export const sealCheckpointsJob = defineJob({
  name: 'history.seal',
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 3600,
  singletonKey: () => 'history.seal',
  schedule: { cron: '15 0 * * *', data: {} },
  async run(_data, { db, config }) {
    await chainPendingRecords({ db });
    await sealCheckpoints({ db, secretKey: secretOf(config.secretKey) });
  },
});

export function secretOf(secretKey: string | undefined): string {
  // resolveSecrets (src/secrets.ts) fills it in before anything runs.
  if (!secretKey) throw new Error('SECRET_KEY is not resolved');
  return secretKey;
}
