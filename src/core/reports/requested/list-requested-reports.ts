import type { Db } from '../../../db/index.ts';
import type { ReportOwner } from '../favorites/report-owner.ts';
import { type RequestedReportView, requestedReportView } from './requested-report-view.ts';
import { ownRequests } from './requested-rows.ts';

/** The owner's requested reports, newest first. */
export async function listRequestedReports(options: {
  db: Db;
  owner: ReportOwner;
  limit: number;
  offset: number;
}): Promise<{ data: RequestedReportView[]; total: number }> {
  const query = ownRequests(options.db, options.owner);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(requestedReportView), total: Number(count.n) };
}
