import { describe, expect, it } from 'vitest';
import type { Definition } from '../../web/src/admin/commission-plans/draft.ts';
import { major, type Sample, workedExample } from '../../web/src/admin/commission-plans/worked-example.ts';

// The plan editor's worked example, computed in the browser from the draft. Every expected figure
// below is worked out by hand in minor units of EUR (2 decimals).
const SAMPLE: Sample = {
  first_deposit: 5000, // 50.00
  deposits: 20000, // 200.00
  deposit_count: 3,
  withdrawals: 5000, // 50.00
  bets: 100000, // 1000.00
  bet_count: 120,
  wins: 70000, // 700.00
  bonuses: 4000, // 40.00
  country: 'DE',
  days: 3,
  qualified_in_period: 1,
};

const HYBRID: Definition = {
  cpa: {
    amount: 3000,
    qualification: { min_first_deposit: 2000, within_days: 7 },
    tiers: {
      mode: 'whole_period',
      levels: [
        { from: 1, amount: 3000 },
        { from: 11, amount: 3500 },
      ],
    },
  },
  revshare: {
    basis: 'ngr',
    rate: '25',
    deductions: [
      'bonuses',
      { admin_fee_percent: '10' },
      { deposit_fee_percent: '2.5' },
      { withdrawal_fee_percent: '1' },
    ],
  },
};

describe('worked example', () => {
  it('hybrid CPA + RevShare: NGR line by line, one rounding half to even', () => {
    const e = workedExample(HYBRID, SAMPLE);
    // First deposit 5000 ≥ 2000, day 3 ≤ 7: qualifies; 1st qualified customer: tier 1, 3000.
    expect(e.cpa).toMatchObject({ qualifies: true, source: 'tier', tier: { level: 1 }, amount: 3000 });
    // GGR = 100000 − 70000 = 30000
    expect(e.revshare?.ggr).toBe(30000);
    expect(e.revshare?.deductions.map((d) => [d.name, d.amount, d.after])).toEqual([
      ['bonuses', '4000', '26000'], // 30000 − 4000
      ['admin_fee_percent', '3000', '23000'], // 10% of GGR 30000 = 3000
      ['deposit_fee_percent', '500', '22500'], // 2.5% of deposits 20000 = 500
      ['withdrawal_fee_percent', '50', '22450'], // 1% of withdrawals 5000 = 50
    ]);
    // 25% × 22450 = 5612.5, half to even: 5612 (56.12 EUR)
    expect([e.revshare?.exact, e.revshare?.commission]).toEqual(['5612.5', 5612]);
    expect(major(e.revshare?.basis_amount ?? 0, 2)).toBe('224.50');
    // The 11th qualified customer reaches tier 2: 3500.
    expect(workedExample(HYBRID, { ...SAMPLE, qualified_in_period: 11 }).cpa?.amount).toBe(3500);
  });

  it('CPA edges: exactly the minimum qualifies, one day late does not, and says which rule failed', () => {
    expect(workedExample(HYBRID, { ...SAMPLE, first_deposit: 2000, days: 7 }).cpa?.qualifies).toBe(true);
    const late = workedExample(HYBRID, { ...SAMPLE, days: 8 }).cpa;
    expect([late?.qualifies, late?.amount]).toEqual([false, 0]);
    expect(late?.conditions.filter((c) => !c.ok).map((c) => c.rule)).toEqual(['days since registration']);
    const small = workedExample(HYBRID, { ...SAMPLE, first_deposit: 1999 }).cpa;
    expect(small?.rules.filter((r) => !r.ok).map((r) => r.rule)).toEqual(['first deposit']);
  });

  it('all or any, countries, and a country amount', () => {
    const rules = { min_first_deposit: 10000, min_bets: 50000 }; // 5000 < 10000 fails; 100000 ≥ 50000
    const all = workedExample({ cpa: { amount: 3000, qualification: rules } }, SAMPLE);
    expect(all.cpa?.qualifies).toBe(false);
    const any = workedExample({ cpa: { amount: 3000, qualification: { ...rules, combine: 'any' } } }, SAMPLE);
    expect([any.cpa?.qualifies, any.cpa?.amount]).toEqual([true, 3000]);
    const nl = workedExample(
      { cpa: { amount: 3000, qualification: { min_bets: 1, countries: ['NL'] } } },
      SAMPLE,
    );
    expect(nl.cpa?.qualifies).toBe(false);
    const de = workedExample(
      { cpa: { amount: 3000, country_amounts: { DE: 4000 }, qualification: { min_bets: 1 } } },
      SAMPLE,
    );
    expect([de.cpa?.source, de.cpa?.amount]).toEqual(['country', 4000]);
  });

  it('ladder and tiered bands by NGR, tiers by qualified customers, the other bases', () => {
    const bands = [
      { from: 0, rate: '20' },
      { from: 10000, rate: '30' },
      { from: 20000, rate: '40' },
    ];
    const rs = (tiers: object) => ({ revshare: { ...HYBRID.revshare!, tiers } }) as Definition;
    // NGR 22450: 10000 × 20% = 2000; 10000 × 30% = 3000; 2450 × 40% = 980; 2000 + 3000 + 980 = 5980
    const ladder = workedExample(rs({ mode: 'ladder', by: 'ngr', bands }), SAMPLE).revshare;
    expect(ladder?.parts.map((p) => p.commission)).toEqual(['2000', '3000', '980']);
    expect(ladder?.commission).toBe(5980);
    // Tiered: 22450 ≥ 20000 reaches band 3; 40% × 22450 = 8980
    const tiered = workedExample(rs({ mode: 'tiered', by: 'ngr', bands }), SAMPLE).revshare;
    expect([tiered?.band, tiered?.commission]).toEqual([3, 8980]);
    // 6 qualified customers ≥ 5: 35% × 22450 = 7857.5, half to even: 7858
    const byCustomers = workedExample(
      rs({
        mode: 'tiered',
        by: 'qualified_customers',
        bands: [
          { from: 0, rate: '25' },
          { from: 5, rate: '35' },
        ],
      }),
      { ...SAMPLE, qualified_in_period: 6 },
    ).revshare;
    expect(byCustomers?.commission).toBe(7858);
    // Net P/L = 30000 − 4000 = 26000; 25% = 6500. Net deposits = 20000 − 5000 = 15000; 25% = 3750
    expect(workedExample({ revshare: { basis: 'net_pl', rate: '25' } }, SAMPLE).revshare?.commission).toBe(
      6500,
    );
    expect(
      workedExample({ revshare: { basis: 'net_deposits', rate: '25' } }, SAMPLE).revshare?.commission,
    ).toBe(3750);
  });

  it('CPL for qualified leads only, and sub-affiliate cuts', () => {
    const late = { ...SAMPLE, days: 8 };
    const cpl = { cpl: { amount: 500, qualified_only: true }, cpa: HYBRID.cpa } as Definition;
    expect(workedExample(cpl, SAMPLE).cpl?.paid).toBe(true);
    expect(workedExample(cpl, late).cpl?.paid).toBe(false);
    const sub = workedExample(
      {
        ...HYBRID,
        sub_affiliate: { levels: [{ cpa_fee: 500, revshare_cut_percent: '10', net_pl_cut_percent: '5' }] },
      },
      SAMPLE,
    );
    // CPA fee 500 (qualified); 10% of RevShare 5612 = 561.2 → 561; 5% of net P/L 26000 = 1300
    expect(sub.sub_affiliate).toEqual([{ level: 1, cpa_fee: 500, revshare_cut: 561, net_pl_cut: 1300 }]);
  });
});
