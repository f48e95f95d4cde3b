import type { Db } from '../../../db/index.ts';
import type { ReportQuery, ReportResult, ReportScope } from './report-query.ts';

/** One page of a report with its totals. */
export async function runReport(_options: {
  db: Db;
  scope: ReportScope;
  query: ReportQuery;
}): Promise<ReportResult> {
  throw new Error('not yet');
}
