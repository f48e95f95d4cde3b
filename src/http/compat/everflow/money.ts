import { Decimal } from 'decimal.js';
import { majorUnits } from '../../../core/reference/money-format.ts';

/**
 * Everflow's money: decimals in, formatted strings or plain numbers out. Amounts arriving as
 * decimals become exact minor units (no float arithmetic); more decimals than the currency has
 * is an error, never a rounding.
 */
export function toMinor(value: number | string, minorUnit: number): bigint | null {
  let d: Decimal;
  try {
    d = new Decimal(typeof value === 'number' ? value.toString() : value.trim());
  } catch {
    return null;
  }
  if (!d.isFinite()) return null;
  const scaled = d.times(new Decimal(10).pow(minorUnit));
  return scaled.isInteger() ? BigInt(scaled.toFixed(0)) : null;
}

/** Minor units as a JSON number of major units (Everflow's `balance`: 0, 12.5). */
export function toMajorNumber(amount: bigint, minorUnit: number): number {
  return Number(majorUnits(amount, minorUnit));
}

/** `$7.32`, `€1,234.50`, as Everflow's today_revenue; a code Intl does not know: `7.32 USDT`. */
export function formatMoney(amount: bigint, currency: string, minorUnit: number): string {
  const text = majorUnits(amount, minorUnit);
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: minorUnit,
      maximumFractionDigits: minorUnit,
      // A string is formatted exactly (Intl.NumberFormat v3), not through a float.
    }).format(text as unknown as number);
  } catch {
    return `${text} ${currency}`;
  }
}
