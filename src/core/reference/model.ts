import type { Selectable } from 'kysely';
import type {
  CountriesTable,
  CurrenciesTable,
  ExchangeRatesTable,
  RegionsTable,
} from '../../db/tables/reference.ts';
import { formatRate } from './decimal.ts';

export type Currency = Selectable<CurrenciesTable>;
export type Country = Selectable<CountriesTable>;
export type Region = Selectable<RegionsTable>;

/** One stored daily rate: 1 `base` = `rate` `quote` from `date` on, until a later row. */
export interface ExchangeRate {
  base: string;
  quote: string;
  date: string;
  rate: string;
  source: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toExchangeRate(row: Selectable<ExchangeRatesTable>): ExchangeRate {
  return {
    base: row.base,
    quote: row.quote,
    date: row.rate_date,
    rate: formatRate(row.rate),
    source: row.source,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
