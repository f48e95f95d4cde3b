import type { Db } from '../../../db/index.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { type DatesInput, datesOf, nameProblems } from './favorite-input.ts';
import { type FavoriteReport, type FavoriteView, favoriteView } from './favorite-view.ts';
import type { ReportOwner } from './report-owner.ts';

export interface FavoriteInput {
  name: string;
  report: FavoriteReport;
  dates: DatesInput;
}

/** Saves a report configuration for its owner; every bad field in one answer. */
export async function createFavorite(options: {
  db: Db;
  owner: ReportOwner;
  input: FavoriteInput;
}): Promise<FavoriteView> {
  const problems: FieldError[] = [];
  const name = nameProblems(options.input.name, problems);
  const dates = datesOf(options.input.dates, problems);
  if (problems.length || !dates) throw AppError.validation(problems);
  const row = await options.db
    .insertInto('report_favorites')
    .values({
      owner_type: options.owner.type,
      owner_id: options.owner.id,
      affiliate_id: options.owner.affiliateId,
      name,
      report: JSON.stringify(options.input.report),
      dates: JSON.stringify(dates),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return favoriteView(row);
}
