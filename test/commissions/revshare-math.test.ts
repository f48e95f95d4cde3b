/**
 * The RevShare calculators, pure: every expected amount is worked out by hand beside it.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  applyRate,
  carryOver,
  explainPeriod,
  type Figures,
  ggr,
  netDeposits,
  netPl,
  ngr,
  percentOf,
  revsharePeriod,
  roundMinor,
  zeroFigures,
} from '../../src/core/commissions/revshare/revshare-math.ts';

const figures = (f: Partial<Record<keyof Figures, number>>): Figures => {
  const out = zeroFigures();
  for (const [k, v] of Object.entries(f)) out[k as keyof Figures] = BigInt(v);
  return out;
};

// One month of a customer base, in cents: bets 100,000.00 wins 80,000.00 → GGR 20,000.00.
const MONTH = figures({
  bets: 10_000_000,
  wins: 8_000_000,
  bonuses: 300_000,
  jackpot_contributions: 50_000,
  taxes: 120_000,
  fees: 30_000,
  chargebacks: 40_000,
  adjustments: 10_000,
  deposits: 5_000_000,
  withdrawals: 2_000_000,
});

describe('GGR, net P/L, net deposits', () => {
  it('computes each from the figures', () => {
    // 10,000,000 − 8,000,000 = 2,000,000
    expect(ggr(MONTH)).toBe(2_000_000n);
    // 2,000,000 − 300,000 − 50,000 − 120,000 − 30,000 − 40,000 − 10,000 = 1,450,000
    expect(netPl(MONTH)).toBe(1_450_000n);
    // 5,000,000 − 2,000,000 − 40,000 = 2,960,000
    expect(netDeposits(MONTH)).toBe(2_960_000n);
  });
});

describe('NGR, each deduction in order', () => {
  const cases: [string, Parameters<typeof ngr>[1], string][] = [
    ['no deductions: NGR is GGR', [], '2000000'],
    // 2,000,000 − 300,000
    ['bonuses', ['bonuses'], '1700000'],
    // 2,000,000 − 50,000
    ['jackpot contributions', ['jackpot_contributions'], '1950000'],
    // 2,000,000 − 120,000
    ['taxes', ['taxes'], '1880000'],
    // 2,000,000 − 30,000
    ['fees', ['fees'], '1970000'],
    // 2,000,000 − 40,000
    ['chargebacks', ['chargebacks'], '1960000'],
    // 2,000,000 − 10,000
    ['adjustments', ['adjustments'], '1990000'],
    // 18% of GGR 2,000,000 = 360,000 → 1,640,000
    ['admin fee % of GGR', [{ admin_fee_percent: '18' }], '1640000'],
    // 2% of deposits 5,000,000 = 100,000 → 1,900,000
    ['deposit fee %', [{ deposit_fee_percent: '2' }], '1900000'],
    // 1.5% of withdrawals 2,000,000 = 30,000 → 1,970,000
    ['withdrawal fee %', [{ withdrawal_fee_percent: '1.5' }], '1970000'],
    // 2,000,000 − 120,000 − 360,000 − 300,000 − 30,000 − 40,000 − 100,000 − 30,000 = 1,020,000
    [
      'Kindred-like: tax, 18% admin, bonuses, fees, chargebacks, 2% of deposits, 1.5% of withdrawals',
      [
        'taxes',
        { admin_fee_percent: '18' },
        'bonuses',
        'fees',
        'chargebacks',
        { deposit_fee_percent: '2' },
        { withdrawal_fee_percent: '1.5' },
      ],
      '1020000',
    ],
    // 0.333% of 2,000,000 = 6,660 exactly; 7 cents of bets with 0.5% is 0.035 (kept exact)
    ['a percentage leaving fractions is kept exact', [{ admin_fee_percent: '0.333' }], '1993340'],
  ];
  for (const [name, deductions, expected] of cases)
    it(name, () => {
      const { ngr: value, steps } = ngr(MONTH, deductions);
      expect(value.toString()).toBe(expected);
      expect(steps).toHaveLength(deductions?.length ?? 0);
      if (steps.length) expect(steps[steps.length - 1]?.after).toBe(expected);
    });

  it('each step names what it took and what is left', () => {
    const { steps } = ngr(MONTH, ['taxes', { admin_fee_percent: '18' }]);
    expect(steps).toEqual([
      { deduction: 'taxes', amount: '120000', after: '1880000' },
      {
        deduction: 'admin_fee_percent',
        of: { name: 'ggr', amount: '2000000' },
        percent: '18',
        amount: '360000',
        after: '1520000',
      },
    ]);
  });

  it('a fraction of a cent is rounded once, at the end, half to even', () => {
    // GGR 1,001; admin fee 50% = 500.5 → NGR 500.5; × 100% = 500.5 → half to even: 500
    const f = figures({ bets: 1_001 });
    const r = revsharePeriod(
      f,
      { basis: 'ngr', rate: '100', deductions: [{ admin_fee_percent: '50' }] },
      {
        carryIn: 0n,
        carryOver: { applies: false, cap: null },
      },
    );
    expect(r.basis_amount).toBe('500.5');
    expect(r.carry.raw).toBe(500n);
    // 501.5 → 502 (even)
    expect(roundMinor(new Decimal('501.5'))).toBe(502n);
    expect(roundMinor(new Decimal('-500.5'))).toBe(-500n);
    // 25% of 1,001 = 250.25 → 250
    expect(percentOf(1_001n, '25')).toBe(250n);
  });
});

describe('tiered vs ladder', () => {
  const bands = [
    { from: 0, rate: '20' },
    { from: 1_000_000, rate: '30' },
    { from: 2_000_000, rate: '40' },
  ];
  const tiered = {
    basis: 'ngr' as const,
    rate: '20',
    tiers: { mode: 'tiered' as const, by: 'ngr' as const, bands },
  };
  const ladder = { ...tiered, tiers: { ...tiered.tiers, mode: 'ladder' as const } };

  it('tiered: the rate reached applies to the whole NGR', () => {
    // NGR 1,500,000 reaches band 2 (30%): 1,500,000 × 30% = 450,000
    const r = applyRate(new Decimal(1_500_000), tiered);
    expect([r.mode, r.rate, r.band, r.commission.toString()]).toEqual(['tiered', '30', 1, '450000']);
    // Exactly 2,000,000 reaches band 3: × 40% = 800,000
    expect(applyRate(new Decimal(2_000_000), tiered).commission.toString()).toBe('800000');
  });

  it('ladder: each rate applies to the part inside its band', () => {
    // 1,000,000 × 20% + 500,000 × 30% = 200,000 + 150,000 = 350,000
    const r = applyRate(new Decimal(1_500_000), ladder);
    expect(r.commission.toString()).toBe('350000');
    expect(r.parts.map((p) => [p.part, p.rate, p.commission])).toEqual([
      ['1000000', '20', '200000'],
      ['500000', '30', '150000'],
    ]);
    // 2,500,000: 1,000,000 × 20% + 1,000,000 × 30% + 500,000 × 40% = 200,000 + 300,000 + 200,000
    expect(applyRate(new Decimal(2_500_000), ladder).commission.toString()).toBe('700000');
  });

  it('a negative NGR falls in the first band in both modes', () => {
    // −300,000 × 20% = −60,000
    expect(applyRate(new Decimal(-300_000), tiered).commission.toString()).toBe('-60000');
    expect(applyRate(new Decimal(-300_000), ladder).commission.toString()).toBe('-60000');
  });

  it('by qualified customers: the band the count reaches pays the whole amount', () => {
    const byCount = {
      basis: 'net_pl' as const,
      rate: '25',
      tiers: {
        mode: 'tiered' as const,
        by: 'qualified_customers' as const,
        bands: [
          { from: 0, rate: '25' },
          { from: 10, rate: '35' },
        ],
      },
    };
    // 9 customers: 25% of 1,000,000 = 250,000; 10 customers: 35% = 350,000
    expect(applyRate(new Decimal(1_000_000), byCount, 9).commission.toString()).toBe('250000');
    expect(applyRate(new Decimal(1_000_000), byCount, 10).commission.toString()).toBe('350000');
    const asLadder = { ...byCount, tiers: { ...byCount.tiers, mode: 'ladder' as const } };
    expect(applyRate(new Decimal(1_000_000), asLadder, 10).commission.toString()).toBe('350000');
  });

  it('flat rate without tiers', () => {
    // 1,450,000 net P/L × 25% = 362,500
    const r = revsharePeriod(
      MONTH,
      { basis: 'net_pl', rate: '25' },
      { carryIn: 0n, carryOver: { applies: false, cap: null } },
    );
    expect(r.carry.amount).toBe(362_500n);
    // net deposits 2,960,000 × 10% = 296,000
    const d = revsharePeriod(
      MONTH,
      { basis: 'net_deposits', rate: '10' },
      { carryIn: 0n, carryOver: { applies: false, cap: null } },
    );
    expect(d.carry.amount).toBe(296_000n);
  });
});

describe('negative carry-over across three periods', () => {
  // Raw results of three months: −5,400.00, +3,000.00, +4,000.00 (in cents).
  const raws = [-540_000n, 300_000n, 400_000n];
  const run = (rule: { applies: boolean; cap: number | null }) => {
    let carry = 0n;
    return raws.map((raw) => {
      const r = carryOver(raw, carry, rule);
      carry = r.carry_out;
      return [r.amount, r.carry_out];
    });
  };

  it('carries the negative on until it is paid back', () => {
    // 1: −540,000 → pays 0, carries −540,000
    // 2: 300,000 − 540,000 = −240,000 → pays 0, carries −240,000
    // 3: 400,000 − 240,000 = 160,000 → pays 160,000
    expect(run({ applies: true, cap: null })).toEqual([
      [0n, -540_000n],
      [0n, -240_000n],
      [160_000n, 0n],
    ]);
  });

  it('without carry-over (plan off or the affiliate’s no_negative_carry_over) each period stands alone', () => {
    // 1: pays 0, nothing carried; 2: 300,000; 3: 400,000
    expect(run({ applies: false, cap: null })).toEqual([
      [0n, 0n],
      [300_000n, 0n],
      [400_000n, 0n],
    ]);
  });

  it('with a cap carries at most the cap', () => {
    // 1: −540,000 capped at −200,000; 2: 300,000 − 200,000 = 100,000; 3: 400,000
    expect(run({ applies: true, cap: 200_000 })).toEqual([
      [0n, -200_000n],
      [100_000n, 0n],
      [400_000n, 0n],
    ]);
    expect(carryOver(-540_000n, 0n, { applies: true, cap: 200_000 }).capped).toBe(true);
  });

  it('says it in one sentence', () => {
    const r = revsharePeriod(
      figures({ bets: 1_000_000, wins: 2_500_000, bonuses: 100_000 }),
      { basis: 'ngr', rate: '40', deductions: ['bonuses'], carry_over: true },
      { carryIn: 0n, carryOver: { applies: true, cap: null } },
    );
    // NGR = 1,000,000 − 2,500,000 − 100,000 = −1,600,000; × 40% = −640,000 carried
    expect(r.carry).toMatchObject({ raw: -640_000n, amount: 0n, carry_out: -640_000n });
    expect(explainPeriod(r, 'EUR', 2)).toBe(
      'RevShare 0.00 EUR: NGR -16000.00 = GGR -15000.00 − bonuses 1000.00; × 40% = -6400.00, rounded -6400.00; -6400.00 carried to the next period.',
    );
  });
});
