/**
 * The cash-out limits per payment method and the major-unit text, pure (cash-outs.test.ts and
 * payouts/schedules.test.ts refuse and cap amounts through the API): every method has a minimum
 * below its maximum, the conversion to minor units for 0, 2 and 8 decimals, and amounts written
 * with their leading and trailing zeros.
 */
import { describe, expect, it } from 'vitest';
import {
  CASH_OUT_LIMITS,
  limitsInMinorUnits,
  majorUnits,
} from '../../src/core/ledger/cash-outs/cash-out-limits.ts';
import { WALLET_TYPES } from '../../src/core/ledger/wallet/wallet-types.ts';

describe('limitsInMinorUnits', () => {
  it('every payment method has whole limits, a minimum above 0 and below its maximum', () => {
    expect(Object.keys(CASH_OUT_LIMITS).sort()).toEqual([...WALLET_TYPES].sort());
    for (const method of WALLET_TYPES) {
      const { min, max } = limitsInMinorUnits(method, 0);
      expect(min > 0n && min < max, method).toBe(true);
    }
  });

  it('converts major units with the currency’s decimals', () => {
    // PayPal 10 to 10 000: with 2 decimals 10 × 100 = 1 000 and 10 000 × 100 = 1 000 000.
    expect(limitsInMinorUnits('paypal', 2)).toEqual({ min: 1_000n, max: 1_000_000n });
    // Checks 100 to 50 000 with no decimals.
    expect(limitsInMinorUnits('check', 0)).toEqual({ min: 100n, max: 50_000n });
    // Bitcoin 20 to 100 000 with 8 decimals: 20 × 10^8 and 100 000 × 10^8.
    expect(limitsInMinorUnits('bitcoin', 8)).toEqual({ min: 2_000_000_000n, max: 10_000_000_000_000n });
    // A player account 1 to 10 000 with 3 decimals.
    expect(limitsInMinorUnits('player_account', 3)).toEqual({ min: 1_000n, max: 10_000_000n });
  });
});

describe('majorUnits', () => {
  it('writes the decimals the currency has, zeros included', () => {
    const cases: [bigint, number, string][] = [
      [12_345n, 2, '123.45'],
      [5n, 2, '0.05'],
      [100n, 2, '1.00'],
      [0n, 2, '0.00'],
      [1_000n, 3, '1.000'],
      [1_234_567n, 6, '1.234567'],
      [7n, 0, '7'],
      [1_000n, 0, '1000'],
      [123_456_789_012_345_678_901n, 8, '1234567890123.45678901'],
      // A negative amount (a correction taken back) keeps its sign in front: not "0.-5".
      [-5n, 2, '-0.05'],
      [-12_345n, 2, '-123.45'],
      [-7n, 0, '-7'],
    ];
    for (const [amount, minor, text] of cases) expect(majorUnits(amount, minor), text).toBe(text);
  });
});
