import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import type { ReportOwner } from './report-owner.ts';

/** Removes one of the owner's favorites (reports requested from it keep their own copy). */
export async function deleteFavorite(options: { db: Db; owner: ReportOwner; id: number }): Promise<void> {
  const deleted = await options.db
    .deleteFrom('report_favorites')
    .where('id', '=', options.id)
    .where('owner_type', '=', options.owner.type)
    .where('owner_id', '=', options.owner.id)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw AppError.notFound(`favorite ${options.id}`);
}
