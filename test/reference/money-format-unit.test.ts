import { describe, expect, it } from 'vitest';
import { formatWithUnit, majorUnits } from '../../src/core/reference/money-format.ts';

describe('formatWithUnit', () => {
  it('writes major units with thousands separators, the sign in front and the currency after', () => {
    expect(formatWithUnit(123_456_789n, 'EUR', 2)).toBe('1,234,567.89 EUR');
    expect(formatWithUnit(-123_456n, 'EUR', 2)).toBe('-1,234.56 EUR');
    expect(formatWithUnit(5n, 'EUR', 2)).toBe('0.05 EUR');
    expect(formatWithUnit(1_000_000n, 'JPY', 0)).toBe('1,000,000 JPY');
    expect(formatWithUnit(-999n, 'JPY', 0)).toBe('-999 JPY');
    // The decimals are never grouped: 1234.12345678 BTC.
    expect(formatWithUnit(123_412_345_678n, 'BTC', 8)).toBe('1,234.12345678 BTC');
  });

  it('agrees with majorUnits but for the separators and the currency', () => {
    for (const amount of [0n, 7n, -7n, 99_999n, -1_000_001n])
      expect(formatWithUnit(amount, 'EUR', 2).replaceAll(',', '')).toBe(`${majorUnits(amount, 2)} EUR`);
  });
});
