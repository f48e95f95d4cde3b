import type { Db } from '../../../db/index.ts';
import { ownFavorites } from './favorite-rows.ts';
import { type FavoriteView, favoriteView } from './favorite-view.ts';
import type { ReportOwner } from './report-owner.ts';

/** The owner's favorites by name; nobody else's. */
export async function listFavorites(options: {
  db: Db;
  owner: ReportOwner;
  limit: number;
  offset: number;
}): Promise<{ data: FavoriteView[]; total: number }> {
  const query = ownFavorites(options.db, options.owner);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const now = new Date();
  return { data: rows.map((r) => favoriteView(r, now)), total: Number(count.n) };
}
