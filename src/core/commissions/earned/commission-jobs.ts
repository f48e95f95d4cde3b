import { Type } from 'typebox';
import { defineJob } from '../../jobs/job-type.ts';
import { approveDueCommissions } from './approve-due-commissions.ts';

/** Every hour: pending commissions whose hold period has ended are approved. */
export const approveDueCommissionsJob = defineJob({
  name: 'commissions.approve-due',
  payload: Type.Object({}),
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 900,
  singletonKey: () => 'commissions.approve-due',
  schedule: { cron: '5 * * * *', data: {} },
  async run(_data, { db, jobs }) {
    await approveDueCommissions({ db, jobs });
  },
});
