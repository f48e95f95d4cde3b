import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { ReportSourcing } from '../engine/choose-report-source.ts';
import type { ReportQuery, ReportScope } from '../engine/report-query.ts';
import { runReport } from '../engine/run-report.ts';
import type { ReportOwner } from '../favorites/report-owner.ts';
import { type RequestedReportView, requestedReportView } from './requested-report-view.ts';

export const BUILD_JOB = 'reports.build-requested';

/**
 * Asks for a report to be built in the background (a large export): the query is checked with
 * the caller's scope first (a bad one is a 422 now, not a failed file later), then the row
 * (processing) and the job that writes its files are one transaction.
 */
export async function requestReport(options: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  owner: ReportOwner;
  scope: ReportScope;
  query: ReportQuery;
  format: 'xlsx' | 'csv';
  name?: string;
  retentionDays: number;
  /** The ClickHouse store and REPORTS_SOURCE for the check's count (reportSourcing). */
  sourcing?: ReportSourcing;
}): Promise<RequestedReportView> {
  const { page: _, page_size: __, ...query } = options.query;
  const probe = await runReport({
    db: options.db,
    scope: options.scope,
    query: { ...query, page: 1, page_size: 1 },
    ...options.sourcing,
  });
  return inTransaction(options.db, async (trx) => {
    const row = await trx
      .insertInto('requested_reports')
      .values({
        owner_type: options.owner.type,
        owner_id: options.owner.id,
        affiliate_id: options.owner.affiliateId,
        name: options.name?.trim() ?? '',
        report: JSON.stringify({ query, scope: options.scope }),
        format: options.format,
        total_rows: probe.total_rows,
        ...actorColumns(options.actor),
        expires_at: new Date(Date.now() + options.retentionDays * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await options.jobs.enqueue(trx, { name: BUILD_JOB, data: { id: row.id } });
    return requestedReportView(row);
  });
}
