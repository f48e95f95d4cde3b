import type { Db } from '../../db/index.ts';
import type { Currency } from './model.ts';

export interface ListCurrenciesFilter {
  enabled?: boolean;
  crypto?: boolean;
}

export async function listCurrencies(db: Db, filter: ListCurrenciesFilter = {}): Promise<Currency[]> {
  let query = db.selectFrom('currencies').selectAll().orderBy('code');
  if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled);
  if (filter.crypto !== undefined) query = query.where('is_crypto', '=', filter.crypto);
  return query.execute();
}
