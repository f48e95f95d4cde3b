/**
 * The RevShare calculators at their edges (revshare-math.test.ts has the main cases): the whole
 * result of each rate mode, carry-over at zero and at the cap, and the sentence of every kind of
 * period. Expected amounts are worked out by hand beside them.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  addFigures,
  applyRate,
  carryOver,
  explainPeriod,
  type Figures,
  major,
  ngr,
  revsharePeriod,
  zeroFigures,
} from '../../src/core/commissions/revshare/revshare-math.ts';

const figures = (f: Partial<Record<keyof Figures, number>>): Figures => {
  const out = zeroFigures();
  for (const [k, v] of Object.entries(f)) out[k as keyof Figures] = BigInt(v);
  return out;
};
const NO_CARRY = { carryIn: 0n, carryOver: { applies: false, cap: null } };
const bands = [
  { from: 0, rate: '20' },
  { from: 1_000_000, rate: '30' },
  { from: 2_000_000, rate: '40' },
];
/** The commission as its exact decimal text, so results compare whatever Decimal class made them. */
const plain = (r: ReturnType<typeof applyRate>) => ({ ...r, commission: r.commission.toString() });
const byCustomers = (b: { from: number; rate: string }[]) => ({
  basis: 'net_pl' as const,
  rate: '25',
  tiers: { mode: 'tiered' as const, by: 'qualified_customers' as const, bands: b },
});
const tiered = {
  basis: 'ngr' as const,
  rate: '20',
  tiers: { mode: 'tiered' as const, by: 'ngr' as const, bands },
};
const ladder = { ...tiered, tiers: { ...tiered.tiers, mode: 'ladder' as const } };

describe('figures', () => {
  it('adds one set of figures into another, field by field', () => {
    const into = figures({ bets: 100, wins: 40, deposits: 7 });
    const out = addFigures(into, figures({ bets: 5, wins: 1, withdrawals: 3 }));
    expect(out).toBe(into);
    // 100 + 5, 40 + 1, 7 + 0, 0 + 3
    expect(out).toEqual(figures({ bets: 105, wins: 41, deposits: 7, withdrawals: 3 }));
  });

  it('NGR without deductions named is GGR, with no steps', () => {
    // 900 − 400 = 500
    const r = ngr(figures({ bets: 900, wins: 400 }));
    expect([r.ngr.toString(), r.steps]).toEqual(['500', []]);
  });

  it('a basis other than NGR has no deduction steps', () => {
    const f = figures({ bets: 900, wins: 400, taxes: 100, deposits: 50 });
    // net P/L 500 − 100 = 400; net deposits 50
    expect(revsharePeriod(f, { basis: 'net_pl', rate: '10' }, NO_CARRY).deductions).toEqual([]);
    expect(revsharePeriod(f, { basis: 'net_deposits', rate: '10' }, NO_CARRY)).toMatchObject({
      basis: 'net_deposits',
      basis_amount: '50',
      deductions: [],
    });
  });
});

describe('the rate, its whole result', () => {
  it('flat: one band holding the whole amount', () => {
    // 1,000 × 25% = 250
    expect(plain(applyRate(new Decimal(1000), { basis: 'ngr', rate: '25' }))).toEqual({
      mode: 'flat',
      rate: '25',
      parts: [{ band: 0, from: 0, to: null, rate: '25', part: '1000', commission: '250' }],
      commission: '250',
    });
  });

  it('tiered: the band reached, from its start to the next', () => {
    // 1,500,000 reaches band 2 (from 1,000,000 to 2,000,000): × 30% = 450,000
    expect(plain(applyRate(new Decimal(1_500_000), tiered))).toEqual({
      mode: 'tiered',
      by: 'ngr',
      rate: '30',
      band: 1,
      parts: [{ band: 1, from: 1_000_000, to: 2_000_000, rate: '30', part: '1500000', commission: '450000' }],
      commission: '450000',
    });
  });

  it('ladder: each band its part; a negative amount all in the first band', () => {
    // 1,200,000: 1,000,000 × 20% = 200,000 + 200,000 × 30% = 60,000 → 260,000
    expect(plain(applyRate(new Decimal(1_200_000), ladder))).toEqual({
      mode: 'ladder',
      by: 'ngr',
      rate: null,
      parts: [
        { band: 0, from: 0, to: 1_000_000, rate: '20', part: '1000000', commission: '200000' },
        { band: 1, from: 1_000_000, to: 2_000_000, rate: '30', part: '200000', commission: '60000' },
      ],
      commission: '260000',
    });
    // −50,000 × 20% = −10,000
    expect(applyRate(new Decimal(-50_000), ladder).parts).toEqual([
      { band: 0, from: 0, to: 1_000_000, rate: '20', part: '-50000', commission: '-10000' },
    ]);
  });

  it('a period by qualified customers counts the customers it is given', () => {
    const plan = byCustomers([
      { from: 0, rate: '25' },
      { from: 10, rate: '35' },
    ]);
    // net P/L 1,000; 10 customers reach 35%: 350; none given: 25% = 250
    const f = figures({ bets: 1000 });
    expect(revsharePeriod(f, plan, { ...NO_CARRY, qualifiedCustomers: 10 }).carry.amount).toBe(350n);
    expect(revsharePeriod(f, plan, NO_CARRY).carry.amount).toBe(250n);
  });
});

describe('carry-over at its edges', () => {
  const on = { applies: true, cap: 200 };
  it('a positive or zero total pays it and is not capped', () => {
    // 300 − 100 = 200 paid
    expect(carryOver(300n, -100n, on)).toEqual({
      raw: 300n,
      carry_in: -100n,
      total: 200n,
      amount: 200n,
      carry_out: 0n,
      capped: false,
    });
    expect(carryOver(-5n, 0n, { applies: false, cap: 1 })).toEqual({
      raw: -5n,
      carry_in: 0n,
      total: -5n,
      amount: 0n,
      carry_out: 0n,
      capped: false,
    });
  });

  it('carries a negative total up to the cap, exactly the cap included, uncapped', () => {
    // −150 within the cap of 200: carried whole
    expect(carryOver(-150n, 0n, on)).toMatchObject({ carry_out: -150n, capped: false });
    // −200 is the cap: carried whole, not capped
    expect(carryOver(-200n, 0n, on)).toMatchObject({ carry_out: -200n, capped: false });
    // −201: capped at −200
    expect(carryOver(-201n, 0n, on)).toMatchObject({ carry_out: -200n, capped: true });
  });
});

describe('the sentence', () => {
  const f = figures({
    bets: 1_000_000,
    wins: 400_000,
    deposits: 200_000,
    withdrawals: 100_000,
    bonuses: 1000,
  });

  it('names each percentage fee, what it is of, and the band of a tiered plan', () => {
    const r = revsharePeriod(
      figures({ bets: 1_600_000, wins: 100_000, deposits: 200_000, withdrawals: 100_000, bonuses: 1000 }),
      {
        ...tiered,
        deductions: ['bonuses', { admin_fee_percent: '10' }, { withdrawal_fee_percent: '1' }],
      },
      NO_CARRY,
    );
    // GGR 1,500,000 − 1,000 − 150,000 (10% of GGR) − 1,000 (1% of withdrawals) = 1,348,000
    // band 2 (30%): 404,400
    expect(explainPeriod(r, 'EUR', 2)).toBe(
      'RevShare 4044.00 EUR: NGR 13480.00 = GGR 15000.00 − bonuses 10.00 − admin fee 10% of ggr 15000.00 (1500.00) − withdrawal fee 1% of withdrawals 1000.00 (10.00); × 30% (band 2 by NGR) = 4044.00, rounded 4044.00.',
    );
  });

  it('a ladder lists its parts; a named deduction is in words', () => {
    const r = revsharePeriod(f, ladder, NO_CARRY);
    // GGR 600,000, all in band 1: 600,000 × 20% = 120,000
    expect(explainPeriod(r, 'EUR', 2)).toBe(
      'RevShare 1200.00 EUR: NGR 6000.00 = GGR 6000.00; ladder: 6000.00 × 20% = 1200.00.',
    );
    // GGR 1,500,000 − jackpot 100,000 = 1,400,000: 1,000,000 × 20% + 400,000 × 30% = 200,000 + 120,000
    const two = revsharePeriod(
      figures({ bets: 1_500_000, jackpot_contributions: 100_000 }),
      { ...ladder, deductions: ['jackpot_contributions'] },
      NO_CARRY,
    );
    expect(explainPeriod(two, 'EUR', 2)).toBe(
      'RevShare 3200.00 EUR: NGR 14000.00 = GGR 15000.00 − jackpot contributions 1000.00; ladder: 10000.00 × 20% = 2000.00 + 4000.00 × 30% = 1200.00.',
    );
  });

  it('a basis other than NGR shows no GGR; tiers by customers say so', () => {
    const byCount = byCustomers([{ from: 0, rate: '25' }]);
    // net P/L 600,000 − 1,000 = 599,000 × 25% = 149,750
    expect(explainPeriod(revsharePeriod(f, byCount, NO_CARRY), 'EUR', 2)).toBe(
      'RevShare 1497.50 EUR: net P/L 5990.00; × 25% (band 1 by qualified customers) = 1497.50, rounded 1497.50.',
    );
  });

  it('a carry in paid back, a capped carry out, a negative not carried', () => {
    const flat = { basis: 'net_deposits' as const, rate: '10' };
    // net deposits 100,000 × 10% = 10,000; carried in −4,000: pays 6,000
    const paid = revsharePeriod(f, flat, { carryIn: -4000n, carryOver: { applies: true, cap: null } });
    expect(explainPeriod(paid, 'EUR', 2)).toBe(
      'RevShare 60.00 EUR: net deposits 1000.00; × 10% = 100.00, rounded 100.00; carried in -40.00, total 60.00.',
    );
    // net deposits −100,000 × 10% = −10,000, capped at −5,000
    const neg = figures({ withdrawals: 100_000 });
    const capped = revsharePeriod(neg, flat, { carryIn: 0n, carryOver: { applies: true, cap: 5000 } });
    expect(explainPeriod(capped, 'EUR', 2)).toBe(
      'RevShare 0.00 EUR: net deposits -1000.00; × 10% = -100.00, rounded -100.00; -50.00 carried to the next period (capped).',
    );
    const kept = revsharePeriod(neg, flat, { carryIn: 0n, carryOver: { applies: true, cap: null } });
    expect(explainPeriod(kept, 'EUR', 2)).toBe(
      'RevShare 0.00 EUR: net deposits -1000.00; × 10% = -100.00, rounded -100.00; -100.00 carried to the next period.',
    );
    const lost = revsharePeriod(neg, flat, NO_CARRY);
    expect(explainPeriod(lost, 'JPY', 0)).toBe(
      'RevShare 0 JPY: net deposits -100000; × 10% = -10000, rounded -10000; negative result not carried over: pays 0.',
    );
    // Exactly zero: neither carried nor "not carried".
    const zero = revsharePeriod(figures({}), flat, NO_CARRY);
    expect(explainPeriod(zero, 'EUR', 2)).toBe(
      'RevShare 0.00 EUR: net deposits 0.00; × 10% = 0.00, rounded 0.00.',
    );
  });

  it('major units', () => {
    expect(major(123_456n, 2)).toBe('1234.56');
    expect(major('-5', 3)).toBe('-0.005');
  });
});
