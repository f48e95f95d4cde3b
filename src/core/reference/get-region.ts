import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { normalizeCode } from './codes.ts';
import type { Region } from './model.ts';

/** "CA" and "US-CA" both name California once the country is known. */
function regionPart(countryCode: string, regionCode: unknown): string {
  const code = normalizeCode(regionCode);
  return code.startsWith(`${countryCode}-`) ? code.slice(countryCode.length + 1) : code;
}

export async function findRegion(
  db: Db,
  countryCode: string,
  regionCode: string,
): Promise<Region | undefined> {
  const country = normalizeCode(countryCode);
  return db
    .selectFrom('regions')
    .selectAll()
    .where('country_code', '=', country)
    .where('code', '=', regionPart(country, regionCode))
    .executeTakeFirst();
}

/**
 * For a region named in a request beside its country (Everflow's `region_code` + `country_code`):
 * a code the country does not have is a 422 naming `path`. Check the country first.
 */
export async function assertRegion(
  db: Db,
  countryCode: string,
  regionCode: unknown,
  path: string,
): Promise<Region> {
  const country = normalizeCode(countryCode);
  const code = regionPart(country, regionCode);
  if (!code) throw AppError.field(path, 'must be an ISO 3166-2 subdivision code, e.g. "CA"');
  const region = await findRegion(db, country, code);
  if (!region) throw AppError.field(path, `unknown region "${code}" for country ${country}`);
  return region;
}
