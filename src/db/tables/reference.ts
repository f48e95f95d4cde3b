import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './foundation.ts';

/** A `date` column: always its 'YYYY-MM-DD' text, on both drivers. */
export type DateColumn = ColumnType<string, string, string>;

export interface CurrenciesTable {
  code: string;
  numeric: string | null;
  name: string;
  minor_unit: number;
  is_crypto: Generated<boolean>;
  enabled: Generated<boolean>;
}

export interface CountriesTable {
  code: string;
  alpha3: string;
  numeric: string | null;
  name: string;
}

export interface RegionsTable {
  country_code: string;
  /** Without the country prefix: US + CA is California. */
  code: string;
  name: string;
  type: string;
  parent_code: string | null;
}

export interface ExchangeRatesTable {
  base: string;
  quote: string;
  rate_date: DateColumn;
  /** numeric: a decimal string. */
  rate: string;
  source: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ReferenceTables {
  currencies: CurrenciesTable;
  countries: CountriesTable;
  regions: RegionsTable;
  exchange_rates: ExchangeRatesTable;
}
