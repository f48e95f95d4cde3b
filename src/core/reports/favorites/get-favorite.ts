import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { ownFavorites } from './favorite-rows.ts';
import { type FavoriteView, favoriteView } from './favorite-view.ts';
import type { ReportOwner } from './report-owner.ts';

/** One of the owner's favorites; another user's answers 404 like a missing one. */
export async function getFavorite(options: {
  db: Db;
  owner: ReportOwner;
  id: number;
}): Promise<FavoriteView> {
  const row = await ownFavorites(options.db, options.owner)
    .selectAll()
    .where('id', '=', options.id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`favorite ${options.id}`);
  return favoriteView(row);
}
