import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type TermsVersion, versionRows } from './terms-version.ts';

/** One published version by its number (1, 2, ...). */
export async function getTermsVersion({ db, version }: { db: Db; version: number }): Promise<TermsVersion> {
  const row = await versionRows(db).where('version', '=', version).executeTakeFirst();
  if (!row) throw AppError.notFound(`terms version ${version}`);
  return row;
}
