import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { normalizeCode } from './codes.ts';
import type { Currency } from './model.ts';

export async function findCurrency(db: Db, code: string): Promise<Currency | undefined> {
  return db.selectFrom('currencies').selectAll().where('code', '=', normalizeCode(code)).executeTakeFirst();
}

/** For lookups by path parameter: an unknown code is a 404. */
export async function getCurrency(db: Db, code: string): Promise<Currency> {
  const currency = await findCurrency(db, code);
  if (!currency) throw AppError.notFound(`currency ${normalizeCode(code) || '""'}`);
  return currency;
}

/**
 * For a currency named in a request body or query (`default_currency`, `base`...): an unknown or
 * disabled code is a 422 naming `path`. Exchange rates may name disabled currencies (a rate feed
 * carries them all), so they pass `allowDisabled`.
 */
export async function assertCurrency(
  db: Db,
  code: unknown,
  path: string,
  options: { allowDisabled?: boolean } = {},
): Promise<Currency> {
  const normalized = normalizeCode(code);
  if (!normalized) throw AppError.field(path, 'must be a currency code, e.g. "EUR"');
  const currency = await findCurrency(db, normalized);
  if (!currency) throw AppError.field(path, `unknown currency "${normalized}"`);
  if (!currency.enabled && !options.allowDisabled) {
    throw AppError.field(path, `currency ${normalized} is not enabled`);
  }
  return currency;
}
