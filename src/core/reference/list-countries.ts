import type { Db } from '../../db/index.ts';
import type { Country } from './model.ts';

export async function listCountries(db: Db): Promise<Country[]> {
  return db.selectFrom('countries').selectAll().orderBy('code').execute();
}
