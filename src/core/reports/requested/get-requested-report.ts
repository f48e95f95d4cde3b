import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import type { ReportOwner } from '../favorites/report-owner.ts';
import { type RequestedReportView, requestedReportView } from './requested-report-view.ts';
import { ownRequests } from './requested-rows.ts';

/** One of the owner's requested reports; another's answers 404 like a missing one. */
export async function getRequestedReport(options: {
  db: Db;
  owner: ReportOwner;
  id: number;
}): Promise<RequestedReportView> {
  const row = await ownRequests(options.db, options.owner)
    .selectAll()
    .where('id', '=', options.id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`requested report ${options.id}`);
  return requestedReportView(row);
}
