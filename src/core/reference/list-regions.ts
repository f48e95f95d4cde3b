import type { Db } from '../../db/index.ts';
import { getCountry } from './get-country.ts';
import type { Region } from './model.ts';

/** A country's ISO 3166-2 subdivisions, top level and nested ones alike; unknown country is a 404. */
export async function listRegions(db: Db, countryCode: string): Promise<Region[]> {
  const country = await getCountry(db, countryCode);
  return db
    .selectFrom('regions')
    .selectAll()
    .where('country_code', '=', country.code)
    .orderBy('code')
    .execute();
}
