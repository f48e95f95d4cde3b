import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError, type FieldError } from '../errors.ts';
import { normalizeCode } from './codes.ts';
import { isIsoDate } from './dates.ts';
import { parseRate } from './decimal.ts';

export const MAX_RATES_PER_LOAD = 5000;
const CHUNK = 1000;
const MAX_REPORTED_ERRORS = 100;

export interface RateInput {
  base: string;
  quote: string;
  date: string;
  rate: string | number;
  source?: string | null;
}

export interface LoadRatesResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

interface RateRow {
  base: string;
  quote: string;
  rate_date: string;
  rate: string;
  source: string | null;
}

function validate(rates: RateInput[], known: Set<string>, prefix: string): RateRow[] {
  if (rates.length === 0) throw AppError.field(prefix, 'must hold at least one rate');
  if (rates.length > MAX_RATES_PER_LOAD) {
    throw AppError.field(prefix, `at most ${MAX_RATES_PER_LOAD} rates per call`);
  }
  const errors: FieldError[] = [];
  const rows: RateRow[] = [];
  const seen = new Map<string, number>();
  rates.forEach((input, i) => {
    const at = `${prefix}[${i}]`;
    const before = errors.length;
    const base = normalizeCode(input.base);
    const quote = normalizeCode(input.quote);
    if (!known.has(base)) errors.push({ path: `${at}.base`, message: `unknown currency "${base}"` });
    if (!known.has(quote)) errors.push({ path: `${at}.quote`, message: `unknown currency "${quote}"` });
    else if (base === quote) errors.push({ path: `${at}.quote`, message: 'must differ from base' });
    if (!isIsoDate(input.date)) errors.push({ path: `${at}.date`, message: 'must be a date as YYYY-MM-DD' });
    const parsed = parseRate(input.rate);
    if ('error' in parsed) errors.push({ path: `${at}.rate`, message: parsed.error });
    const source = typeof input.source === 'string' ? input.source.trim() || null : null;
    if (source && source.length > 100)
      errors.push({ path: `${at}.source`, message: 'at most 100 characters' });
    if (errors.length > before || 'error' in parsed) return;
    // The upsert cannot touch one row twice in a statement, and a repeat is a mistake anyway.
    const key = `${base}/${quote}/${input.date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ path: at, message: `repeats ${prefix}[${first}] (${base}/${quote} on ${input.date})` });
      return;
    }
    seen.set(key, i);
    rows.push({ base, quote, rate_date: input.date, rate: parsed.rate, source });
  });
  if (errors.length > 0) throw AppError.validation(errors.slice(0, MAX_REPORTED_ERRORS));
  return rows;
}

/**
 * Upserts daily rates in one transaction: all rows or none. A row whose rate and source are already
 * stored is left alone (its updated_at too), so loading the same file twice changes nothing.
 * Validation names each bad field as `rates[3].rate`; `path` renames the prefix for other callers.
 */
export async function loadExchangeRates(options: {
  db: Db;
  actor: Actor;
  rates: RateInput[];
  path?: string;
}): Promise<LoadRatesResult> {
  const { db, rates } = options;
  const codes = await db.selectFrom('currencies').select('code').execute();
  const rows = validate(rates, new Set(codes.map((c) => c.code)), options.path ?? 'rates');
  const result: LoadRatesResult = { received: rows.length, inserted: 0, updated: 0, unchanged: 0 };
  const run = async (trx: Db) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const written = await trx
        .insertInto('exchange_rates')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .columns(['base', 'quote', 'rate_date'])
            .doUpdateSet((eb) => ({
              rate: eb.ref('excluded.rate'),
              source: eb.ref('excluded.source'),
              updated_at: sql<Date>`now()`,
            }))
            .where(
              sql<boolean>`exchange_rates.rate <> excluded.rate or exchange_rates.source is distinct from excluded.source`,
            ),
        )
        // xmax is 0 only on a freshly inserted row version; updated rows carry the updater's id.
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .execute();
      const inserted = written.filter((w) => w.inserted).length;
      result.inserted += inserted;
      result.updated += written.length - inserted;
    }
  };
  await inTransaction(db, async (trx) => {
    await run(trx);
    result.unchanged = result.received - result.inserted - result.updated;
    if (result.inserted + result.updated > 0)
      await recordOperatorChange(trx, {
        entity: 'exchange_rates',
        action: 'loaded',
        actor: options.actor,
        detail: { ...result, dates: datesOf(rows) },
      });
  });
  return result;
}

/** The first and last rate date of a load, as the audit log names it. */
function datesOf(rows: { rate_date: string }[]): { from: string; until: string } {
  const dates = rows.map((r) => r.rate_date).sort();
  return { from: dates[0] as string, until: dates[dates.length - 1] as string };
}
