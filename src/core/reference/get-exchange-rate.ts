import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { isIsoDate, todayUtc } from './dates.ts';
import { Dec, formatRate, RATE_SIGNIFICANT_DIGITS } from './decimal.ts';
import { latestBetween, latestLegs, type RateLeg } from './find-latest-rates.ts';
import { assertCurrency } from './get-currency.ts';

export type RateMethod = 'identity' | 'direct' | 'inverse' | 'cross';

/** 1 `base` = `rate` `quote` on `date`, and the stored rows that gave it. */
export interface ResolvedRate {
  base: string;
  quote: string;
  date: string;
  rate: string;
  method: RateMethod;
  /** The common currency of a cross rate. */
  via: string | null;
  /** The oldest date among the rows used: how current the rate is. */
  effective_date: string;
  legs: RateLeg[];
}

// When several common currencies are equally fresh, these are the usual hubs of rate feeds.
const PIVOT_PREFERENCE = ['USD', 'EUR'];

/** The leg's rate read as 1 `from` = x of the other currency. */
function legValue(leg: RateLeg, from: string): Dec {
  return leg.base === from ? new Dec(leg.rate) : new Dec(1).div(leg.rate);
}

const computed = (value: Dec) => formatRate(value.toSignificantDigits(RATE_SIGNIFICANT_DIGITS));

function pivotRank(code: string): number {
  const i = PIVOT_PREFERENCE.indexOf(code);
  return i === -1 ? PIVOT_PREFERENCE.length : i;
}

/**
 * The rate for a day is the latest stored on or before it: the pair itself (the more recent of
 * base->quote and quote->base, inverted when needed), else a cross rate through the common
 * currency whose two rows are the most recent (ties: USD, then EUR, then alphabetical). Null when
 * nothing on or before `date` connects the two. Codes must already be valid.
 */
export async function resolveExchangeRate(
  db: Db,
  base: string,
  quote: string,
  date: string,
): Promise<ResolvedRate | null> {
  const result = { base, quote, date, via: null };
  if (base === quote) return { ...result, rate: '1', method: 'identity', effective_date: date, legs: [] };
  const pair = await latestBetween(db, base, quote, date);
  if (pair) {
    const method = pair.base === base ? 'direct' : 'inverse';
    const rate = method === 'direct' ? formatRate(pair.rate) : computed(legValue(pair, base));
    return { ...result, rate, method, effective_date: pair.date, legs: [pair] };
  }
  const fromBase = await latestLegs(db, base, date);
  if (fromBase.size === 0) return null;
  const fromQuote = await latestLegs(db, quote, date);
  const candidates: { via: string; toVia: RateLeg; fromVia: RateLeg; effective: string }[] = [];
  for (const [via, toVia] of fromBase) {
    const fromVia = fromQuote.get(via);
    if (!fromVia) continue;
    const effective = [toVia.date, fromVia.date].sort()[0]!; // the older of two ISO dates
    candidates.push({ via, toVia, fromVia, effective });
  }
  candidates.sort(
    (a, b) =>
      b.effective.localeCompare(a.effective) ||
      pivotRank(a.via) - pivotRank(b.via) ||
      a.via.localeCompare(b.via),
  );
  const best = candidates[0];
  if (!best) return null;
  const rate = legValue(best.toVia, base).times(legValue(best.fromVia, best.via));
  return {
    ...result,
    rate: computed(rate),
    method: 'cross',
    via: best.via,
    effective_date: best.effective,
    legs: [best.toVia, best.fromVia],
  };
}

export function noRate(base: string, quote: string, date: string): AppError {
  return new AppError('not_found', `no exchange rate for ${base}/${quote} on or before ${date}`, {
    base,
    quote,
    date,
  });
}

/** Validates the request (422 naming `base`, `quote`, `date`) and resolves; 404 when no rate. */
export async function getExchangeRate(
  db: Db,
  input: { base: string; quote: string; date?: string },
): Promise<ResolvedRate> {
  const base = (await assertCurrency(db, input.base, 'base', { allowDisabled: true })).code;
  const quote = (await assertCurrency(db, input.quote, 'quote', { allowDisabled: true })).code;
  const date = input.date ?? todayUtc();
  if (!isIsoDate(date)) throw AppError.field('date', 'must be a date as YYYY-MM-DD');
  const resolved = await resolveExchangeRate(db, base, quote, date);
  if (!resolved) throw noRate(base, quote, date);
  return resolved;
}
