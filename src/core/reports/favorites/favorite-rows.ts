// @internal: the owner's favorites as a query; another owner's favorite is missing.
import type { Db } from '../../../db/index.ts';
import type { ReportOwner } from './report-owner.ts';

export function ownFavorites(db: Db, owner: ReportOwner) {
  return db
    .selectFrom('report_favorites')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id);
}
