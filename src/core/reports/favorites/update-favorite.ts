import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { FavoriteInput } from './create-favorite.ts';
import { datesOf, nameProblems } from './favorite-input.ts';
import { ownFavorites } from './favorite-rows.ts';
import { type FavoriteView, favoriteView } from './favorite-view.ts';
import type { ReportOwner } from './report-owner.ts';

/** Changes what is given of the owner's favorite: name, report, dates (each replaced whole). */
export async function updateFavorite(options: {
  db: Db;
  owner: ReportOwner;
  id: number;
  input: Partial<FavoriteInput>;
}): Promise<FavoriteView> {
  const { input } = options;
  const problems: FieldError[] = [];
  const name = input.name === undefined ? undefined : nameProblems(input.name, problems);
  const dates = input.dates === undefined ? undefined : datesOf(input.dates, problems);
  return inTransaction(options.db, async (trx) => {
    const found = await ownFavorites(trx, options.owner)
      .select('id')
      .where('id', '=', options.id)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw AppError.notFound(`favorite ${options.id}`);
    if (problems.length) throw AppError.validation(problems);
    const row = await trx
      .updateTable('report_favorites')
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(dates ? { dates: JSON.stringify(dates) } : {}),
        ...(input.report ? { report: JSON.stringify(input.report) } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', options.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return favoriteView(row);
  });
}
