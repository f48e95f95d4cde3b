/** Formats an amount of minor units of a currency for reading. */
export type Money = (minor: number, currency: string) => string;

/**
 * Amounts arrive as integers of the currency's minor unit (1050 EUR = 10.50 EUR). People read
 * them in major units with the currency beside; the digits are worked out from the integer, so a
 * large amount never loses a cent to floating point.
 */
export function formatMoney(
  minor: number | string,
  currency: string,
  minorUnit = defaultMinorUnit(currency),
): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(minorUnit);
  const whole = grouping.format(abs / scale);
  const fraction = minorUnit > 0 ? `${decimalSeparator}${String(abs % scale).padStart(minorUnit, '0')}` : '';
  return `${negative ? '−' : ''}${whole}${fraction} ${currency}`;
}

const grouping = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimalSeparator =
  new Intl.NumberFormat(undefined).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';

/**
 * The minor unit of an ISO 4217 currency as the browser knows it (EUR 2, JPY 0, KWD 3); 2 for
 * a code it does not know. Screens that can read the server's currency list pass its exponent
 * instead (crypto currencies have 8).
 */
export function defaultMinorUnit(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}
