import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import type { ReportOwner } from '../favorites/report-owner.ts';
import { type RequestedReportView, requestedReportView } from './requested-report-view.ts';

/** Gives one of the owner's requested reports a name (blank: none). */
export async function renameRequestedReport(options: {
  db: Db;
  owner: ReportOwner;
  id: number;
  name: string;
}): Promise<RequestedReportView> {
  const row = await options.db
    .updateTable('requested_reports')
    .set({ name: options.name.trim() })
    .where('id', '=', options.id)
    .where('owner_type', '=', options.owner.type)
    .where('owner_id', '=', options.owner.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`requested report ${options.id}`);
  return requestedReportView(row);
}
