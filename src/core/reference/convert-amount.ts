import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { isIsoDate, todayUtc } from './dates.ts';
import { Dec } from './decimal.ts';
import { assertCurrency } from './get-currency.ts';
import { noRate, type ResolvedRate, resolveExchangeRate } from './get-exchange-rate.ts';

export interface ConvertInput {
  /** Integer minor units of `from` (cents, satoshis). */
  amount: bigint;
  from: string;
  to: string;
  /** YYYY-MM-DD; today (UTC) when absent. */
  date?: string;
}

export interface Conversion {
  amount: bigint;
  from: string;
  to: string;
  converted_amount: bigint;
  exchange_rate: ResolvedRate;
}

/**
 * Minor units of one currency to minor units of another at `rate` (1 from = rate to), rounding
 * half-even: 1234 EUR cents at 162.5 with EUR 2 and JPY 0 decimals is 2005 yen (2005.25).
 * Reports that resolve one rate and convert many amounts call this directly.
 */
export function applyRate(amount: bigint, rate: string, fromMinorUnit: number, toMinorUnit: number): bigint {
  const value = new Dec(amount.toString()).times(rate).times(new Dec(10).pow(toMinorUnit - fromMinorUnit));
  return BigInt(value.toDecimalPlaces(0, Dec.ROUND_HALF_EVEN).toFixed(0));
}

/**
 * Converts with the rate of `date` (the latest on or before it, see resolveExchangeRate).
 * Unknown currencies are a 422 naming `from` / `to`; no rate is a 404.
 */
export async function convertAmount(db: Db, input: ConvertInput): Promise<Conversion> {
  const from = await assertCurrency(db, input.from, 'from', { allowDisabled: true });
  const to = await assertCurrency(db, input.to, 'to', { allowDisabled: true });
  const date = input.date ?? todayUtc();
  if (!isIsoDate(date)) throw AppError.field('date', 'must be a date as YYYY-MM-DD');
  const rate = await resolveExchangeRate(db, from.code, to.code, date);
  if (!rate) throw noRate(from.code, to.code, date);
  return {
    amount: input.amount,
    from: from.code,
    to: to.code,
    converted_amount: applyRate(input.amount, rate.rate, from.minor_unit, to.minor_unit),
    exchange_rate: rate,
  };
}
