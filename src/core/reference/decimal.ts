import { Decimal } from 'decimal.js';

/**
 * Decimal arithmetic for rates and conversions. 60 significant digits hold a 19-digit amount times
 * any rate exactly; rounding is half-even (bankers') so conversions carry no upward bias.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Dec = Decimal;

/** Computed rates (inverse, cross) keep 20 significant digits. */
export const RATE_SIGNIFICANT_DIGITS = 20;

const DECIMAL_TEXT = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MIN_RATE = new Dec('1e-18');
const MAX_RATE = new Dec('1e18');

/**
 * A rate as a client sends it: a positive decimal string or number. Returns the normalised text
 * (plain notation, no trailing zeros) or an error message naming what is wrong.
 */
export function parseRate(value: unknown): { rate: string } | { error: string } {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text.trim())) {
    return { error: 'must be a positive decimal number, e.g. "1.0834"' };
  }
  const rate = new Dec(text.trim());
  if (rate.isZero()) return { error: 'must be greater than 0' };
  if (rate.lt(MIN_RATE) || rate.gte(MAX_RATE)) return { error: 'must be between 1e-18 and 1e18' };
  return { rate: rate.toSignificantDigits(30).toFixed() };
}

/** A stored numeric in its shortest plain form: "1.100000" becomes "1.1". */
export function formatRate(value: string | Dec): string {
  return new Dec(value).toFixed();
}
