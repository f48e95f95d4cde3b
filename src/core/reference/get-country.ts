import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { normalizeCode } from './codes.ts';
import type { Country } from './model.ts';

export async function findCountry(db: Db, code: string): Promise<Country | undefined> {
  return db.selectFrom('countries').selectAll().where('code', '=', normalizeCode(code)).executeTakeFirst();
}

/** For lookups by path parameter: an unknown code is a 404. */
export async function getCountry(db: Db, code: string): Promise<Country> {
  const country = await findCountry(db, code);
  if (!country) throw AppError.notFound(`country ${normalizeCode(code) || '""'}`);
  return country;
}

/** For a country named in a request (`country_code`, targeting rules): unknown is a 422 naming `path`. */
export async function assertCountry(db: Db, code: unknown, path: string): Promise<Country> {
  const normalized = normalizeCode(code);
  if (!/^[A-Z]{2}$/.test(normalized)) {
    throw AppError.field(path, 'must be an ISO 3166-1 alpha-2 country code, e.g. "US"');
  }
  const country = await findCountry(db, normalized);
  if (!country) throw AppError.field(path, `unknown country "${normalized}"`);
  return country;
}
