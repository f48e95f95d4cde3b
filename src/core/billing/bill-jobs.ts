import { Type } from 'typebox';
import { defineJob } from '../jobs/job-type.ts';
import { runScheduledBills } from './run-scheduled-bills.ts';

/** Every morning: the periods whose bills are due by today (each affiliate's schedule and delay). */
export const runScheduledBillsJob = defineJob({
  name: 'bills.run',
  payload: Type.Object({}),
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 3600,
  singletonKey: () => 'bills.run',
  schedule: { cron: '30 1 * * *', data: {} },
  async run(_data, { db }) {
    await runScheduledBills({ db });
  },
});
