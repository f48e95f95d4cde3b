import { analyticsCopyJob } from '../analytics/copy/analytics-copy-job.ts';
import { runScheduledBillsJob } from '../billing/bill-jobs.ts';
import { approveDueCommissionsJob } from '../commissions/earned/commission-jobs.ts';
import { sendEmailJob } from '../email/email-job.ts';
import { eventImportJob } from '../events/imports/event-import-job.ts';
import { chainRecordsJob, sealCheckpointsJob } from '../history/history-jobs.ts';
import { closeLedgerDaysJob, runCashOutSchedulesJob } from '../ledger/ledger-jobs.ts';
import { newsFanOutJob } from '../news/fan-out-news.ts';
import { postbackJobTypes } from '../postbacks/postback-jobs.ts';
import { requestedReportJobTypes } from '../reports/requested/requested-report-jobs.ts';
import { foldRollupsJob } from '../reports/rollups/fold-rollups.ts';
import { webhookJobTypes } from '../webhooks/webhook-jobs.ts';
import { JobRegistry } from './registry.ts';

/** Every job type of the platform. A feature adds its types here. */
export function platformJobTypes(): JobRegistry {
  return new JobRegistry().add(
    sendEmailJob,
    approveDueCommissionsJob,
    eventImportJob,
    closeLedgerDaysJob,
    runScheduledBillsJob,
    runCashOutSchedulesJob,
    ...postbackJobTypes,
    foldRollupsJob,
    chainRecordsJob,
    sealCheckpointsJob,
    ...webhookJobTypes,
    ...requestedReportJobTypes,
    analyticsCopyJob,
    newsFanOutJob,
  );
}
