import { Type } from 'typebox';
import { defineJob } from '../../jobs/job-type.ts';
import { buildRequestedReport } from './build-requested-report.ts';
import { removeExpiredReports } from './remove-expired-reports.ts';
import { BUILD_JOB } from './request-report.ts';

export const buildRequestedReportJob = defineJob({
  name: BUILD_JOB,
  payload: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: { limit: 2, delaySeconds: 60, backoff: true, maxDelaySeconds: 600 },
  timeoutSeconds: 3600,
  summarize: (data) => `requested report ${data.id}`,
  async run(data, { db, jobs, config, analytics }) {
    await buildRequestedReport({ db, jobs, config, ...(analytics ? { analytics } : {}), id: data.id });
  },
});

/** Daily: requested reports past REPORTS_RETENTION_DAYS go, with their files. */
export const removeExpiredReportsJob = defineJob({
  name: 'reports.remove-expired',
  payload: Type.Object({}),
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  timeoutSeconds: 3600,
  singletonKey: () => 'reports.remove-expired',
  schedule: { cron: '40 3 * * *', data: {} },
  async run(_data, { db, config }) {
    await removeExpiredReports({ db, dataDir: config.dataDir });
  },
});

export const requestedReportJobTypes = [buildRequestedReportJob, removeExpiredReportsJob];
