import { Type } from 'typebox';
import { defineJob } from '../jobs/job-type.ts';
import { closeLedgerDays } from './close-ledger-days.ts';
import { runCashOutSchedules } from './schedules/run-cash-out-schedules.ts';

/** Daily closing balances: every night, for yesterday and any earlier day a late entry touched. */
export const closeLedgerDaysJob = defineJob({
  name: 'ledger.close-days',
  payload: Type.Object({ through: Type.Optional(Type.String({ format: 'date' })) }),
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 3600,
  singletonKey: () => 'ledger.close-days',
  schedule: { cron: '15 0 * * *', data: {} },
  async run(data, { db }) {
    await closeLedgerDays({ db, ...(data.through ? { through: data.through } : {}) });
  },
});

/** Automatic cash-outs: every morning, the schedules due that day (a re-run requests nothing twice). */
export const runCashOutSchedulesJob = defineJob({
  name: 'ledger.run-cash-out-schedules',
  payload: Type.Object({ date: Type.Optional(Type.String({ format: 'date' })) }),
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 3600,
  singletonKey: () => 'ledger.run-cash-out-schedules',
  schedule: { cron: '0 6 * * *', data: {} },
  async run(data, { db, jobs }) {
    await runCashOutSchedules({ db, jobs, ...(data.date ? { date: data.date } : {}) });
  },
});
