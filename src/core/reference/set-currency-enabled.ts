import type { Db } from '../../db/index.ts';
import { getCurrency } from './get-currency.ts';
import type { Currency } from './model.ts';

/**
 * Offers a currency for new choices (brands, affiliates, reports, plans), or stops offering it.
 * What already names a disabled currency keeps it: only new choices are refused (assertCurrency).
 */
export async function setCurrencyEnabled({
  db,
  code,
  enabled,
}: {
  db: Db;
  code: string;
  enabled: boolean;
}): Promise<Currency> {
  const currency = await getCurrency(db, code);
  return db
    .updateTable('currencies')
    .set({ enabled })
    .where('code', '=', currency.code)
    .returningAll()
    .executeTakeFirstOrThrow();
}
