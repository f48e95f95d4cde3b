import { describe, expect, it } from 'vitest';
import { defaultMinorUnit, formatMoney } from '../../web/src/customers/money.ts';

// The screens show amounts of minor units in major units with the currency, worked out from
// the integer: no amount loses a cent to floating point.
describe('formatMoney', () => {
  it('writes minor units in major units with the currency', () => {
    expect(formatMoney(1050, 'EUR')).toBe('10.50 EUR');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(0, 'EUR')).toBe('0.00 EUR');
    expect(formatMoney(123456789, 'EUR')).toBe('1,234,567.89 EUR');
    expect(formatMoney(-2500, 'USD')).toBe('−25.00 USD');
  });

  it('uses the exponent it is given, else the browser’s for the currency', () => {
    expect(formatMoney(1500, 'JPY')).toBe('1,500 JPY');
    expect(formatMoney(1234, 'KWD')).toBe('1.234 KWD');
    expect(formatMoney(150_000_000, 'BTC', 8)).toBe('1.50000000 BTC');
    expect(defaultMinorUnit('USDT')).toBe(2);
  });

  it('keeps every digit of the largest amount the API sends', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90,071,992,547,409.91 EUR');
  });
});
