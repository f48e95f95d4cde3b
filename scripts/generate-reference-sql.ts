/**
 * Writes src/db/migrations/0002_reference_data.sql: the reference tables and their seed data.
 *
 *   node scripts/generate-reference-sql.ts
 *
 * Sources, so the data's origin can be checked and regenerated:
 * - currencies: the npm package `currency-codes` (a pinned dev dependency), which mirrors ISO 4217
 *   list one with each currency's minor unit; plus the crypto currencies listed below.
 * - countries and subdivisions: Debian's `iso-codes` package (`apt-get install iso-codes`, JSON in
 *   /usr/share/iso-codes/json), the pkg-isocodes data that Debian, GNOME and pycountry use. It is
 *   the well-kept source that also gives each subdivision's type and parent.
 *
 * An applied migration may never change (its checksum is recorded), so later data updates go into a
 * new migration; this script stays the record of how 0002 was made.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import currencyCodes from 'currency-codes';

const ISO_CODES_DIR = process.env.ISO_CODES_DIR ?? '/usr/share/iso-codes/json';
const OUT = path.join(import.meta.dirname, '../src/db/migrations/0002_reference_data.sql');
const BATCH = 500;

// ISO 4217 codes that are not money anyone is paid in: metals, bond units, SDR, test, "no currency".
const NOT_MONEY = new Set([
  'XAG',
  'XAU',
  'XPD',
  'XPT',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XSU',
  'XUA',
  'XTS',
  'XXX',
]);
// Fund codes (accounting units beside a currency): kept but disabled until an operator needs one.
const FUNDS = new Set(['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW']);
// Published by ISO after the package's data date (amendment 176, in use from 2025-03-31).
const ISO_ADDITIONS = [{ code: 'XCG', number: '532', digits: 2, currency: 'Caribbean Guilder' }];

/** Exponents above 8 (ETH has 18) are capped: balances keep 8 decimals at most. */
const CRYPTO: [code: string, name: string, minorUnit: number][] = [
  ['BTC', 'Bitcoin', 8],
  ['ETH', 'Ether', 8],
  ['USDT', 'Tether USD', 6],
  ['USDC', 'USD Coin', 6],
  ['LTC', 'Litecoin', 8],
  ['BCH', 'Bitcoin Cash', 8],
  ['XRP', 'XRP', 6],
  ['DOGE', 'Dogecoin', 8],
  ['TRX', 'TRON', 6],
  ['SOL', 'Solana', 8],
  ['BNB', 'BNB', 8],
  ['ADA', 'Cardano', 6],
  ['DAI', 'Dai', 8],
  ['XMR', 'Monero', 8],
  ['TON', 'Toncoin', 8],
];

// User-assigned but what GeoIP databases and the EU use for Kosovo; clicks arrive with it.
const COUNTRY_ADDITIONS = [{ alpha_2: 'XK', alpha_3: 'XKX', numeric: null, name: 'Kosovo' }];

interface IsoCountry {
  alpha_2: string;
  alpha_3: string;
  numeric: string | null;
  name: string;
  common_name?: string;
}
interface IsoSubdivision {
  code: string;
  name: string;
  type: string;
  parent?: string;
}

type Value = string | number | boolean | null;

const lit = (value: Value): string =>
  value === null ? 'null' : typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);

function inserts(table: string, columns: string[], rows: Value[][]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((row) => `  (${row.map(lit).join(', ')})`);
    out.push(`insert into ${table} (${columns.join(', ')}) values\n${values.join(',\n')};\n`);
  }
  return out.join('\n');
}

function readIsoCodes<T>(file: string, key: string): T[] {
  const full = path.join(ISO_CODES_DIR, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: apt-get install iso-codes`);
  return JSON.parse(fs.readFileSync(full, 'utf8'))[key] as T[];
}

function isoCodesVersion(): string {
  try {
    // dpkg-query's own field syntax, not a template placeholder.
    const format = ['$', '{Version}'].join('');
    return execFileSync('dpkg-query', ['-W', '-f', format, 'iso-codes'], { encoding: 'utf8' });
  } catch {
    return 'unknown version';
  }
}

function currencyRows() {
  const pkg = createRequire(import.meta.url)('currency-codes/package.json') as { version: string };
  const iso = [...currencyCodes.data, ...ISO_ADDITIONS].filter((c) => !NOT_MONEY.has(c.code));
  const rows: Value[][] = iso.map((c) => [c.code, c.number, c.currency, c.digits, false, !FUNDS.has(c.code)]);
  for (const [code, name, minorUnit] of CRYPTO) {
    if (iso.some((c) => c.code === code)) throw new Error(`crypto code ${code} clashes with ISO 4217`);
    rows.push([code, null, name, minorUnit, true, true]);
  }
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { rows, origin: `currency-codes ${pkg.version} (ISO 4217 list of ${currencyCodes.publishDate})` };
}

function countryRows() {
  const iso = readIsoCodes<IsoCountry>('iso_3166-1.json', '3166-1');
  return [...iso, ...COUNTRY_ADDITIONS]
    .map((c) => [c.alpha_2, c.alpha_3, c.numeric, 'common_name' in c ? (c.common_name ?? c.name) : c.name])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** Codes lose their country prefix (US-CA -> CA), as `region_code` fields carry them. */
function regionRows() {
  const iso = readIsoCodes<IsoSubdivision>('iso_3166-2.json', '3166-2');
  const rows = iso.map((s) => {
    const [country, code] = s.code.split('-') as [string, string];
    // iso-codes writes a parent as "NIR" or as "GB-NIR"; keep it the way `code` is kept.
    const parent = s.parent ? s.parent.replace(/^[A-Z]{2}-/, '') : null;
    return [country, code, s.name, s.type, parent];
  });
  // Parents before their children, so the self-reference holds at every statement.
  return rows.sort(
    (a, b) =>
      Number(a[4] !== null) - Number(b[4] !== null) ||
      String(a[0]).localeCompare(String(b[0])) ||
      String(a[1]).localeCompare(String(b[1])),
  );
}

const DDL = `create table currencies (
  code text primary key check (code ~ '^[A-Z][A-Z0-9]{2,9}$'),
  numeric text check (numeric ~ '^[0-9]{3}$'),
  name text not null,
  minor_unit smallint not null check (minor_unit between 0 and 8),
  is_crypto boolean not null default false,
  enabled boolean not null default true
);

create table countries (
  code text primary key check (code ~ '^[A-Z]{2}$'),
  alpha3 text not null unique check (alpha3 ~ '^[A-Z]{3}$'),
  numeric text unique check (numeric ~ '^[0-9]{3}$'),
  name text not null
);

-- ISO 3166-2 subdivisions; code is the part after the country prefix (US + CA = California).
create table regions (
  country_code text not null references countries (code),
  code text not null check (code ~ '^[A-Z0-9]{1,3}$'),
  name text not null,
  type text not null,
  parent_code text,
  primary key (country_code, code),
  foreign key (country_code, parent_code) references regions (country_code, code)
);

-- One rate per pair and day: 1 base = rate quote. A date's rate is the latest on or before it.
create table exchange_rates (
  base text not null references currencies (code),
  quote text not null references currencies (code),
  rate_date date not null,
  rate numeric not null check (rate > 0),
  source text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (base, quote, rate_date),
  check (base <> quote)
);
`;

const currencies = currencyRows();
const countries = countryRows();
const regions = regionRows();
const sqlText = [
  '-- Reference data: currencies, countries, their subdivisions (regions) and daily exchange rates.',
  '-- GENERATED by scripts/generate-reference-sql.ts: change the script, not this file.',
  `-- Currencies: ${currencies.origin} and a set of crypto currencies.`,
  `-- Countries and regions: Debian iso-codes ${isoCodesVersion()} (ISO 3166-1 and 3166-2).`,
  '',
  DDL,
  inserts('currencies', ['code', 'numeric', 'name', 'minor_unit', 'is_crypto', 'enabled'], currencies.rows),
  inserts('countries', ['code', 'alpha3', 'numeric', 'name'], countries),
  inserts('regions', ['country_code', 'code', 'name', 'type', 'parent_code'], regions),
].join('\n');
fs.writeFileSync(OUT, sqlText);
console.log(
  `wrote ${path.relative(process.cwd(), OUT)}: ${currencies.rows.length} currencies, ${countries.length} countries, ${regions.length} regions`,
);
