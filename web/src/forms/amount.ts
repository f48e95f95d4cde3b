/**
 * Amounts as people type them, in major units ("12.50" EUR), and as the API counts them, in
 * integers of the currency's minor unit (1250). The digits are moved as text, so no amount ever
 * picks up a floating-point error on the way.
 */

/** 1250 with 2 decimals reads "12.50"; 0 reads "0". */
export function minorToInput(minor: number | bigint | string, minorUnit: number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(minorUnit + 1, '0');
  const whole = digits.slice(0, digits.length - minorUnit);
  const fraction = minorUnit > 0 ? digits.slice(digits.length - minorUnit).replace(/0+$/, '') : '';
  const fixed = fraction ? `${whole}.${fraction.padEnd(Math.min(2, minorUnit), '0')}` : whole;
  return negative ? `-${fixed}` : fixed;
}

export type Parsed = { ok: true; minor: number } | { ok: false; message: string };

/**
 * "12.5", "12,50" or "1 250" in major units, to minor units. Refused: anything but digits with
 * one decimal separator, more decimals than the currency has, and amounts too large to count.
 */
export function inputToMinor(text: string, minorUnit: number): Parsed {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(cleaned);
  if (!cleaned || !match || (match[1] === '' && !match[2]))
    return {
      ok: false,
      message: `enter an amount like ${minorUnit > 0 ? `12.${'5'.padEnd(minorUnit, '0')}` : '12'}`,
    };
  const fraction = match[2] ?? '';
  if (fraction.length > minorUnit)
    return {
      ok: false,
      message: minorUnit === 0 ? 'must be a whole amount' : `must have at most ${minorUnit} decimals`,
    };
  const minor = BigInt(`${match[1] || '0'}${fraction.padEnd(minorUnit, '0')}`);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: 'is too large' };
  return { ok: true, minor: Number(minor) };
}
