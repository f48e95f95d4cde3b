import type { Db } from '../../../db/index.ts';
import type { ReportQuery, ReportScope, ReportStream } from './report-query.ts';

/** Every row of a report, for exports: bounded memory whatever the size. */
export async function streamReport(_options: {
  db: Db;
  scope: ReportScope;
  query: ReportQuery;
}): Promise<ReportStream> {
  throw new Error('not yet');
}
