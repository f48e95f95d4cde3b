// @internal: the owner's requested reports as a query; another owner's is missing.
import type { Db } from '../../../db/index.ts';
import type { ReportOwner } from '../favorites/report-owner.ts';

export function ownRequests(db: Db, owner: ReportOwner) {
  return db
    .selectFrom('requested_reports')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id);
}
