/**
 * The plan definition's checks, deal type and diff, pure (the API tests are in plans.test.ts):
 * every rule's exact path and message, each number at both ends of its range, every decimal
 * string shape, and what a diff lists. Errors are compared whole and in order, so a check that
 * says too much fails as surely as one that says too little.
 */
import { describe, expect, it } from 'vitest';
import {
  checkPlanDefinition,
  dealTypeId,
  diffDefinitions,
  type PlanDefinition,
} from '../../src/core/commissions/plans/plan-definition.ts';

const COUNTRIES = new Set(['DE', 'AT', 'GB']);
/** Each problem as `path: message`, in the order found. */
const problems = (definition: unknown) =>
  checkPlanDefinition(definition, COUNTRIES).map((e) => `${e.path}: ${e.message}`);
const qualification = { min_first_deposit: 1000 };
const cpa = (extra: Record<string, unknown>) => problems({ cpa: { amount: 3000, qualification, ...extra } });
const revshare = (extra: Record<string, unknown>) =>
  problems({ revshare: { basis: 'ngr', rate: '25', ...extra } });
const saleShare = (s: Record<string, unknown>) => problems({ sale_share: s });

const MINOR = 'must be a whole number of minor units (cents), e.g. 3000 for 30.00';
const PERCENT = 'must be a percentage as a decimal string, e.g. "25" or "12.5"';
const KNOWN =
  'bonuses, jackpot_contributions, taxes, fees, chargebacks, adjustments, admin_fee_percent, deposit_fee_percent, withdrawal_fee_percent';

describe('dealTypeId (CPL=1, CPA=2, RevShare net P/L=4, net deposits=8)', () => {
  it('adds one bit per component', () => {
    const cpl = { amount: 1 };
    const cpaPart = { amount: 1, qualification };
    expect(dealTypeId({})).toBe(0);
    expect(dealTypeId({ cpl })).toBe(1);
    expect(dealTypeId({ cpa: cpaPart })).toBe(2);
    expect(dealTypeId({ revshare: { basis: 'ngr', rate: '1' } })).toBe(4);
    expect(dealTypeId({ revshare: { basis: 'net_pl', rate: '1' } })).toBe(4);
    expect(dealTypeId({ revshare: { basis: 'net_deposits', rate: '1' } })).toBe(8);
    // 1 + 2 + 8 = 11; 1 + 2 + 4 = 7
    expect(dealTypeId({ cpl, cpa: cpaPart, revshare: { basis: 'net_deposits', rate: '1' } })).toBe(11);
    expect(dealTypeId({ cpl, cpa: cpaPart, revshare: { basis: 'ngr', rate: '1' } })).toBe(7);
    // A sale share and sub-affiliate levels have no bit.
    const other: PlanDefinition = {
      sale_share: { percent: '5', duration: 'lifetime' },
      sub_affiliate: { levels: [{ cpa_fee: 1 }] },
    };
    expect(dealTypeId(other)).toBe(0);
  });
});

describe('the definition as a whole', () => {
  it('is an object of known components, at least one of them set', () => {
    for (const raw of [null, undefined, [], 'cpl', 5])
      expect(problems(raw)).toEqual(['definition: must be an object of components']);
    expect(problems({})).toEqual([
      'definition: needs at least one component (cpl, cpa, revshare, sale_share or sub_affiliate)',
    ]);
    expect(problems({ cpl: null, cpa: undefined })).toEqual([
      'definition: needs at least one component (cpl, cpa, revshare, sale_share or sub_affiliate)',
    ]);
    expect(problems({ bonus: 1, cpl: { amount: 100 } })).toEqual([
      'definition.bonus: is not a component (use cpl, cpa, revshare, sale_share, sub_affiliate)',
    ]);
  });

  it('accepts every component with every field it knows', () => {
    const full = {
      cpl: { amount: 500, qualified_only: true },
      cpa: {
        amount: 3000,
        country_amounts: { DE: 4000, AT: 0 },
        qualification: {
          combine: 'any',
          min_first_deposit: 0,
          min_deposit_count: 1,
          min_deposit_total: 1_000_000_000_000_000,
          min_net_deposit: 10,
          min_bets: 10,
          min_bet_count: 1_000_000,
          within_days: 3650,
          countries: ['DE', 'GB'],
        },
        hold_days: 365,
        tiers: {
          mode: 'past_threshold',
          levels: [
            { from: 1, amount: 3000 },
            { from: 11, amount: 4000 },
          ],
        },
      },
      revshare: {
        basis: 'net_pl',
        rate: '100',
        deductions: [
          'bonuses',
          'jackpot_contributions',
          'taxes',
          'fees',
          'chargebacks',
          'adjustments',
          { admin_fee_percent: '10' },
          { deposit_fee_percent: '2.5' },
          { withdrawal_fee_percent: '0.000001' },
        ],
        tiers: {
          mode: 'ladder',
          by: 'qualified_customers',
          bands: [
            { from: 0, rate: '20' },
            { from: 10, rate: '30' },
          ],
        },
        carry_over: false,
        carry_over_cap: 0,
      },
      sale_share: { percent: '12.5', duration: 'months', months: 120 },
      sub_affiliate: {
        levels: [
          { cpa_fee: 100, revshare_cut_percent: '5', net_pl_cut_percent: '3' },
          { net_pl_cut_percent: '1' },
        ],
      },
    };
    expect(problems(full)).toEqual([]);
    expect(
      problems({
        cpl: { amount: 1 },
        cpa: { amount: 1, qualification: { combine: 'all', min_bets: 1, within_days: 1 }, hold_days: 0 },
        revshare: { basis: 'net_deposits', rate: '0', carry_over: true, carry_over_cap: null },
        sale_share: { amount: 1, percent: null, duration: 'first_sale' },
      }),
    ).toEqual([]);
  });

  it('names an unknown field of every object it checks', () => {
    expect(
      problems({
        cpl: { amount: 1, x: 1 },
        cpa: {
          amount: 1,
          x: 1,
          qualification: { min_bets: 1, x: 1 },
          tiers: { mode: 'whole_period', levels: [{ from: 1, amount: 1, x: 1 }], x: 1 },
        },
        revshare: {
          basis: 'ngr',
          rate: '1',
          x: 1,
          tiers: { mode: 'tiered', by: 'ngr', bands: [{ from: 0, rate: '1', x: 1 }], x: 1 },
        },
        sale_share: { amount: 1, duration: 'lifetime', x: 1 },
        sub_affiliate: { levels: [{ cpa_fee: 1, x: 1 }], x: 1 },
      }),
    ).toEqual([
      'definition.cpl.x: is not a field here',
      'definition.cpa.x: is not a field here',
      'definition.cpa.qualification.x: is not a field here',
      'definition.cpa.tiers.x: is not a field here',
      'definition.cpa.tiers.levels[0].x: is not a field here',
      'definition.revshare.x: is not a field here',
      'definition.revshare.tiers.x: is not a field here',
      'definition.revshare.tiers.bands[0].x: is not a field here',
      'definition.sale_share.x: is not a field here',
      'definition.sub_affiliate.x: is not a field here',
      'definition.sub_affiliate.levels[0].x: is not a field here',
    ]);
  });

  it('wants each component set to be an object', () => {
    expect(
      problems({ cpl: [], cpa: 'x', revshare: 1, sale_share: true, sub_affiliate: [{ cpa_fee: 1 }] }),
    ).toEqual([
      'definition.cpl: must be an object',
      'definition.cpa: must be an object',
      'definition.revshare: must be an object',
      'definition.sale_share: must be an object',
      'definition.sub_affiliate: must be an object',
    ]);
  });
});

describe('amounts in minor units', () => {
  it('are whole numbers from 0 to 10^15, required and above 0 where the rule says', () => {
    expect(problems({ cpl: {} })).toEqual(['definition.cpl.amount: is required']);
    expect(problems({ cpl: { amount: null } })).toEqual(['definition.cpl.amount: is required']);
    expect(problems({ cpl: { amount: 0 } })).toEqual(['definition.cpl.amount: must be more than 0']);
    expect(problems({ cpl: { amount: -1 } })).toEqual(['definition.cpl.amount: must be 0 or more']);
    expect(problems({ cpl: { amount: 1_000_000_000_000_001 } })).toEqual([
      'definition.cpl.amount: must be 0 or more',
    ]);
    expect(problems({ cpl: { amount: 1_000_000_000_000_000 } })).toEqual([]);
    expect(problems({ cpl: { amount: '3000' } })).toEqual([`definition.cpl.amount: ${MINOR}`]);
    expect(problems({ cpl: { amount: 12.5 } })).toEqual([`definition.cpl.amount: ${MINOR}`]);
    // Not required: absent or null is fine, 0 is fine where more than 0 is not asked for.
    expect(revshare({ carry_over_cap: 0 })).toEqual([]);
    expect(revshare({ carry_over_cap: -1 })).toEqual([
      'definition.revshare.carry_over_cap: must be 0 or more',
    ]);
    expect(revshare({ carry_over_cap: 1.5 })).toEqual([`definition.revshare.carry_over_cap: ${MINOR}`]);
  });
});

describe('cpl', () => {
  it('qualified_only is true or false', () => {
    expect(problems({ cpl: { amount: 1, qualified_only: 'yes' } })).toEqual([
      'definition.cpl.qualified_only: must be true or false',
    ]);
    expect(problems({ cpl: { amount: 1, qualified_only: false } })).toEqual([]);
  });
});

describe('cpa', () => {
  it('needs its amount and a qualification with at least one minimum', () => {
    expect(problems({ cpa: {} })).toEqual([
      'definition.cpa.amount: is required',
      'definition.cpa.qualification: is required: the rules a customer meets to earn the CPA',
    ]);
    expect(problems({ cpa: { amount: 0, qualification } })).toEqual([
      'definition.cpa.amount: must be more than 0',
    ]);
    expect(problems({ cpa: { amount: 1, qualification: [] } })).toEqual([
      'definition.cpa.qualification: is required: the rules a customer meets to earn the CPA',
    ]);
    const none =
      'definition.cpa.qualification: needs at least one minimum (first deposit, deposits, net deposit, bets)';
    expect(cpa({ qualification: { within_days: 5 } })).toEqual([none]);
    expect(cpa({ qualification: { min_first_deposit: null, min_bets: null } })).toEqual([none]);
    // Each minimum alone is enough.
    for (const k of [
      'min_first_deposit',
      'min_deposit_count',
      'min_deposit_total',
      'min_net_deposit',
      'min_bets',
      'min_bet_count',
    ])
      expect(cpa({ qualification: { [k]: 1 } })).toEqual([]);
  });

  it('counts are whole numbers from 1, amounts from 0, combine is all or any', () => {
    expect(
      cpa({
        qualification: {
          combine: 'both',
          min_first_deposit: -1,
          min_deposit_count: 0,
          min_deposit_total: '5',
          min_net_deposit: 0.5,
          min_bets: -5,
          min_bet_count: 1_000_001,
        },
      }),
    ).toEqual([
      'definition.cpa.qualification.combine: must be all or any',
      'definition.cpa.qualification.min_first_deposit: must be 0 or more',
      'definition.cpa.qualification.min_deposit_count: must be a whole number from 1 to 1000000',
      `definition.cpa.qualification.min_deposit_total: ${MINOR}`,
      `definition.cpa.qualification.min_net_deposit: ${MINOR}`,
      'definition.cpa.qualification.min_bets: must be 0 or more',
      'definition.cpa.qualification.min_bet_count: must be a whole number from 1 to 1000000',
    ]);
    expect(cpa({ qualification: { min_deposit_count: 1.5 } })).toEqual([
      'definition.cpa.qualification.min_deposit_count: must be a whole number from 1 to 1000000',
    ]);
    expect(cpa({ qualification: { min_deposit_count: '2' } })).toEqual([
      'definition.cpa.qualification.min_deposit_count: must be a whole number from 1 to 1000000',
    ]);
    expect(cpa({ qualification: { combine: 'all', min_deposit_count: 1_000_000 } })).toEqual([]);
  });

  it('within_days is 1 to 3650 and hold_days 0 to 365', () => {
    const within = (within_days: unknown) => cpa({ qualification: { min_bets: 1, within_days } });
    expect(within(0)).toEqual([
      'definition.cpa.qualification.within_days: must be a whole number from 1 to 3650',
    ]);
    expect(within(3651)).toEqual([
      'definition.cpa.qualification.within_days: must be a whole number from 1 to 3650',
    ]);
    expect(within(1)).toEqual([]);
    expect(within(null)).toEqual([]);
    expect(cpa({ hold_days: -1 })).toEqual([
      'definition.cpa.hold_days: must be a whole number from 0 to 365',
    ]);
    expect(cpa({ hold_days: 366 })).toEqual([
      'definition.cpa.hold_days: must be a whole number from 0 to 365',
    ]);
    expect(cpa({ hold_days: 0 })).toEqual([]);
    expect(cpa({ hold_days: 365 })).toEqual([]);
  });

  it('countries are a non-empty list of known two-letter codes', () => {
    const countries = (list: unknown) => cpa({ qualification: { min_bets: 1, countries: list } });
    const LIST = 'definition.cpa.qualification.countries: must be a list of two-letter country codes';
    expect(countries([])).toEqual([LIST]);
    expect(countries('DE')).toEqual([LIST]);
    expect(countries(null)).toEqual([LIST]);
    expect(countries(['DE', 'XX', 7, 'de'])).toEqual([
      'definition.cpa.qualification.countries[1]: must be a two-letter country code, e.g. DE',
      'definition.cpa.qualification.countries[2]: must be a two-letter country code, e.g. DE',
      'definition.cpa.qualification.countries[3]: must be a two-letter country code, e.g. DE',
    ]);
    expect(countries(['AT'])).toEqual([]);
  });

  it('country amounts map known countries to amounts of 0 or more', () => {
    expect(cpa({ country_amounts: [] })).toEqual([
      'definition.cpa.country_amounts: must map country codes to amounts',
    ]);
    expect(cpa({ country_amounts: null })).toEqual([
      'definition.cpa.country_amounts: must map country codes to amounts',
    ]);
    expect(cpa({ country_amounts: { XX: 100, DE: null, AT: -1, GB: 0 } })).toEqual([
      'definition.cpa.country_amounts.XX: is not a two-letter country code',
      'definition.cpa.country_amounts.DE: is required',
      'definition.cpa.country_amounts.AT: must be 0 or more',
    ]);
  });

  it('tiers have a mode and levels from 1 up, each above the one before', () => {
    const tiers = (t: unknown) => cpa({ tiers: t });
    expect(tiers([])).toEqual(['definition.cpa.tiers: must be an object']);
    expect(tiers(null)).toEqual(['definition.cpa.tiers: must be an object']);
    expect(tiers({ mode: 'all', levels: [] })).toEqual([
      'definition.cpa.tiers.mode: must be whole_period (the tier reached pays every CPA of the period) or past_threshold',
      'definition.cpa.tiers.levels: must list at least one tier',
    ]);
    expect(tiers({ mode: 'whole_period', levels: {} })).toEqual([
      'definition.cpa.tiers.levels: must list at least one tier',
    ]);
    expect(tiers({ mode: 'whole_period', levels: [null, 'x', { from: 1, amount: 1 }] })).toEqual([
      'definition.cpa.tiers.levels[0]: must be { from, amount }',
      'definition.cpa.tiers.levels[1]: must be { from, amount }',
    ]);
    expect(tiers({ mode: 'whole_period', levels: [{ from: 2, amount: 0 }] })).toEqual([
      'definition.cpa.tiers.levels[0].amount: must be more than 0',
      'definition.cpa.tiers.levels[0].from: the first tier must start at 1 (the first qualified customer)',
    ]);
    expect(tiers({ mode: 'whole_period', levels: [{ from: 1 }, { from: 2, amount: null }] })).toEqual([
      'definition.cpa.tiers.levels[0].amount: is required',
      'definition.cpa.tiers.levels[1].amount: is required',
    ]);
    expect(tiers({ mode: 'whole_period', levels: [{ from: 0, amount: 1 }] })).toEqual([
      'definition.cpa.tiers.levels[0].from: must be a whole number from 1 to 1000000',
      'definition.cpa.tiers.levels[0].from: the first tier must start at 1 (the first qualified customer)',
    ]);
    expect(
      tiers({
        mode: 'past_threshold',
        levels: [
          { from: 1, amount: 1 },
          { from: 1, amount: 2 },
          { from: 5, amount: 3 },
          { from: 3, amount: 4 },
          { amount: 5 },
        ],
      }),
    ).toEqual([
      'definition.cpa.tiers.levels[1].from: must be above the tier before (1): tiers may not overlap',
      'definition.cpa.tiers.levels[3].from: must be above the tier before (5): tiers may not overlap',
    ]);
    // A `from` that is not a number is reported once: no order rule is checked against it.
    expect(
      tiers({
        mode: 'whole_period',
        levels: [
          { from: '1', amount: 1 },
          { from: 2, amount: 1 },
        ],
      }),
    ).toEqual(['definition.cpa.tiers.levels[0].from: must be a whole number from 1 to 1000000']);
  });
});

describe('decimal percentages', () => {
  it('are 1 to 3 digits with up to 6 decimals, at most 100', () => {
    for (const rate of ['0', '5', '25', '100', '12.5', '99.999999', '100.000000', '007'])
      expect(revshare({ rate }), rate).toEqual([]);
    for (const rate of [
      '1000',
      '12.1234567',
      '12.',
      '.5',
      '',
      ' 5',
      '5 ',
      'x5',
      '5x',
      '1,5',
      '1.5.5',
      '-5',
      '1e2',
      'abc',
    ])
      expect(revshare({ rate }), rate).toEqual([`definition.revshare.rate: ${PERCENT}`]);
    expect(revshare({ rate: 25 })).toEqual([`definition.revshare.rate: ${PERCENT}`]);
    expect(revshare({ rate: '100.000001' })).toEqual(['definition.revshare.rate: must be at most 100']);
    expect(revshare({ rate: '101' })).toEqual(['definition.revshare.rate: must be at most 100']);
    expect(revshare({ rate: null })).toEqual(['definition.revshare.rate: is required']);
    expect(problems({ revshare: { basis: 'ngr' } })).toEqual(['definition.revshare.rate: is required']);
  });
});

describe('revshare', () => {
  it('basis is ngr, net_pl or net_deposits; carry_over true or false', () => {
    expect(revshare({ basis: 'ggr', carry_over: 'yes' })).toEqual([
      'definition.revshare.basis: must be ngr, net_pl or net_deposits',
      'definition.revshare.carry_over: must be true or false',
    ]);
    expect(revshare({ basis: 'net_deposits', carry_over: true })).toEqual([]);
  });

  it('deductions are an ordered list of names, the percentages as one-key objects, none twice', () => {
    expect(revshare({ deductions: 'bonuses' })).toEqual([
      'definition.revshare.deductions: must be an ordered list',
    ]);
    expect(revshare({ deductions: null })).toEqual([
      'definition.revshare.deductions: must be an ordered list',
    ]);
    expect(
      revshare({
        deductions: [
          'rake',
          5,
          null,
          {},
          { admin_fee_percent: '1', deposit_fee_percent: '1' },
          { rake_percent: '1' },
          'admin_fee_percent',
          { taxes: true },
          { deposit_fee_percent: '101' },
          { withdrawal_fee_percent: null },
          'fees',
          'fees',
          { admin_fee_percent: '1' },
          { admin_fee_percent: '2' },
        ],
      }),
    ).toEqual([
      `definition.revshare.deductions[0]: is not a deduction (use ${KNOWN}; percentages as { "admin_fee_percent": "10" })`,
      `definition.revshare.deductions[1]: is not a deduction (use ${KNOWN}; percentages as { "admin_fee_percent": "10" })`,
      `definition.revshare.deductions[2]: is not a deduction (use ${KNOWN}; percentages as { "admin_fee_percent": "10" })`,
      `definition.revshare.deductions[3]: is not a deduction (use ${KNOWN}; percentages as { "admin_fee_percent": "10" })`,
      `definition.revshare.deductions[4]: is not a deduction (use ${KNOWN}; percentages as { "admin_fee_percent": "10" })`,
      `definition.revshare.deductions[5]: is not a deduction (use ${KNOWN}; percentages as { "admin_fee_percent": "10" })`,
      'definition.revshare.deductions[6]: give admin_fee_percent as { "admin_fee_percent": "10" }',
      'definition.revshare.deductions[7]: give taxes as the text "taxes"',
      'definition.revshare.deductions[8].deposit_fee_percent: must be at most 100',
      'definition.revshare.deductions[9].withdrawal_fee_percent: is required',
      'definition.revshare.deductions[11]: fees is listed twice',
      'definition.revshare.deductions[13]: admin_fee_percent is listed twice',
    ]);
    // Refused entries are not counted as listed: a second refused one is refused for itself only.
    expect(
      revshare({ deductions: ['deposit_fee_percent', 'deposit_fee_percent', { bonuses: 1 }, 'bonuses'] }),
    ).toEqual([
      'definition.revshare.deductions[0]: give deposit_fee_percent as { "deposit_fee_percent": "10" }',
      'definition.revshare.deductions[1]: give deposit_fee_percent as { "deposit_fee_percent": "10" }',
      'definition.revshare.deductions[2]: give bonuses as the text "bonuses"',
    ]);
    expect(revshare({ deductions: [] })).toEqual([]);
  });

  it('tiers have a mode, a measure and bands from 0 up, each above the one before', () => {
    const tiers = (t: unknown) => revshare({ tiers: t });
    expect(tiers('tiered')).toEqual(['definition.revshare.tiers: must be an object']);
    expect(tiers(null)).toEqual(['definition.revshare.tiers: must be an object']);
    expect(tiers({ mode: 'flat', by: 'ggr', bands: [] })).toEqual([
      'definition.revshare.tiers.mode: must be tiered (the reached rate applies to all) or ladder (each rate to its band)',
      'definition.revshare.tiers.by: must be ngr or qualified_customers',
      'definition.revshare.tiers.bands: must list at least one band',
    ]);
    expect(tiers({ mode: 'tiered', by: 'ngr', bands: { from: 0, rate: '1' } })).toEqual([
      'definition.revshare.tiers.bands: must list at least one band',
    ]);
    expect(tiers({ mode: 'tiered', by: 'ngr', bands: [null, 'x', { from: 0, rate: '1' }] })).toEqual([
      'definition.revshare.tiers.bands[0]: must be { from, rate }',
      'definition.revshare.tiers.bands[1]: must be { from, rate }',
    ]);
    expect(tiers({ mode: 'tiered', by: 'ngr', bands: [{ from: 5, rate: '1' }] })).toEqual([
      'definition.revshare.tiers.bands[0].from: the first band starts at 0',
    ]);
    expect(tiers({ mode: 'ladder', by: 'ngr', bands: [{ from: 5, rate: '1' }] })).toEqual([
      'definition.revshare.tiers.bands[0].from: a ladder starts at 0: it may not have a gap below its first band',
    ]);
    const FROM = 'must be a whole number, 0 or more';
    expect(
      tiers({
        mode: 'tiered',
        by: 'ngr',
        bands: [
          { from: -1, rate: '1' },
          { from: 0, rate: '101' },
          { from: 0, rate: '2' },
          { from: '9', rate: '3' },
          { from: 1.5, rate: '3' },
          { rate: '3' },
          { from: 10 },
          { from: 7, rate: '4' },
        ],
      }),
    ).toEqual([
      `definition.revshare.tiers.bands[0].from: ${FROM}`,
      'definition.revshare.tiers.bands[1].rate: must be at most 100',
      'definition.revshare.tiers.bands[2].from: must be above the band before (0): bands may not overlap',
      `definition.revshare.tiers.bands[3].from: ${FROM}`,
      `definition.revshare.tiers.bands[4].from: ${FROM}`,
      `definition.revshare.tiers.bands[5].from: ${FROM}`,
      'definition.revshare.tiers.bands[6].rate: is required',
      'definition.revshare.tiers.bands[7].from: must be above the band before (10): bands may not overlap',
    ]);
    expect(tiers({ mode: 'tiered', by: 'ngr', bands: [{ from: 0, rate: '10' }] })).toEqual([]);
  });
});

describe('sale_share', () => {
  it('has either a percent or an amount', () => {
    const EITHER = 'definition.sale_share: give either percent or amount';
    expect(saleShare({ duration: 'lifetime' })).toEqual([EITHER]);
    expect(saleShare({ percent: null, amount: null, duration: 'lifetime' })).toEqual([EITHER]);
    expect(saleShare({ percent: '5', amount: 100, duration: 'lifetime' })).toEqual([EITHER]);
    expect(saleShare({ percent: '5', duration: 'lifetime' })).toEqual([]);
    expect(saleShare({ percent: '5', amount: null, duration: 'lifetime' })).toEqual([]);
    expect(saleShare({ amount: 100, duration: 'lifetime' })).toEqual([]);
    expect(saleShare({ amount: 100, percent: null, duration: 'lifetime' })).toEqual([]);
    expect(saleShare({ amount: 0, duration: 'lifetime' })).toEqual([
      'definition.sale_share.amount: must be more than 0',
    ]);
    expect(saleShare({ percent: '200', duration: 'lifetime' })).toEqual([
      'definition.sale_share.percent: must be at most 100',
    ]);
  });

  it('lasts for the first sale, some months (1 to 120, then required) or a lifetime', () => {
    expect(saleShare({ percent: '5', duration: 'year' })).toEqual([
      'definition.sale_share.duration: must be first_sale, months or lifetime',
    ]);
    expect(saleShare({ percent: '5', duration: 'months' })).toEqual([
      'definition.sale_share.months: is required for a duration in months',
    ]);
    // null is no number of months (the engine would pay for none): required, like a missing one.
    expect(saleShare({ percent: '5', duration: 'months', months: null })).toEqual([
      'definition.sale_share.months: is required for a duration in months',
    ]);
    expect(saleShare({ percent: '5', duration: 'months', months: 0 })).toEqual([
      'definition.sale_share.months: must be a whole number from 1 to 120',
    ]);
    expect(saleShare({ percent: '5', duration: 'months', months: 121 })).toEqual([
      'definition.sale_share.months: must be a whole number from 1 to 120',
    ]);
    expect(saleShare({ percent: '5', duration: 'months', months: 1 })).toEqual([]);
    expect(saleShare({ percent: '5', duration: 'first_sale', months: 3 })).toEqual([
      'definition.sale_share.months: is only used with duration months',
    ]);
    expect(saleShare({ percent: '5', duration: 'lifetime', months: 3 })).toEqual([
      'definition.sale_share.months: is only used with duration months',
    ]);
  });
});

describe('sub_affiliate', () => {
  it('has one or two levels, each with a fee or a cut', () => {
    const levels = (l: unknown) => problems({ sub_affiliate: { levels: l } });
    const COUNT = 'definition.sub_affiliate.levels: must list one or two levels';
    expect(levels([])).toEqual([COUNT]);
    expect(levels({ cpa_fee: 1 })).toEqual([COUNT]);
    expect(levels([{ cpa_fee: 1 }, { cpa_fee: 1 }, { cpa_fee: 1 }])).toEqual([COUNT]);
    expect(levels([{ cpa_fee: 1 }, { cpa_fee: 1 }])).toEqual([]);
    expect(levels([{ revshare_cut_percent: '5' }])).toEqual([]);
    expect(levels([{ net_pl_cut_percent: '5' }])).toEqual([]);
    expect(levels([{ cpa_fee: 0 }])).toEqual([]);
    expect(levels(['x', {}])).toEqual([
      'definition.sub_affiliate.levels[0]: must be an object',
      'definition.sub_affiliate.levels[1]: needs a CPA fee, a RevShare cut or a net P/L cut',
    ]);
    expect(levels([{ cpa_fee: null, revshare_cut_percent: null, net_pl_cut_percent: null }])).toEqual([
      'definition.sub_affiliate.levels[0]: needs a CPA fee, a RevShare cut or a net P/L cut',
    ]);
    expect(levels([{ cpa_fee: -1, revshare_cut_percent: '101', net_pl_cut_percent: 5 }])).toEqual([
      'definition.sub_affiliate.levels[0].cpa_fee: must be 0 or more',
      'definition.sub_affiliate.levels[0].revshare_cut_percent: must be at most 100',
      `definition.sub_affiliate.levels[0].net_pl_cut_percent: ${PERCENT}`,
    ]);
  });
});

describe('diffDefinitions', () => {
  it('lists each changed field by its dotted path, keys sorted, with before and after', () => {
    expect(
      diffDefinitions(
        { revshare: { rate: '25', basis: 'ngr' }, cpl: { amount: 100 } },
        { revshare: { rate: '30', basis: 'ngr' }, cpa: { amount: 5 } },
      ),
    ).toStrictEqual([
      { field: 'cpa', before: null, after: { amount: 5 } },
      { field: 'cpl', before: { amount: 100 }, after: null },
      { field: 'revshare.rate', before: '25', after: '30' },
    ]);
    expect(diffDefinitions({ b: 1, a: 1 }, { b: 2, a: 2 })).toStrictEqual([
      { field: 'a', before: 1, after: 2 },
      { field: 'b', before: 1, after: 2 },
    ]);
    expect(diffDefinitions({ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } })).toStrictEqual([
      { field: 'a.b.c', before: 1, after: 2 },
    ]);
  });

  it('compares lists of one length item by item, and other lists whole', () => {
    expect(diffDefinitions({ l: [1, { x: 1 }, 3] }, { l: [1, { x: 2 }, 4] })).toStrictEqual([
      { field: 'l[1].x', before: 1, after: 2 },
      { field: 'l[2]', before: 3, after: 4 },
    ]);
    expect(diffDefinitions({ l: [1, 2] }, { l: [1] })).toStrictEqual([
      { field: 'l', before: [1, 2], after: [1] },
    ]);
    expect(diffDefinitions({ l: [1] }, { l: 'x' })).toStrictEqual([{ field: 'l', before: [1], after: 'x' }]);
    expect(diffDefinitions({ l: 'x' }, { l: ['x'] })).toStrictEqual([
      { field: 'l', before: 'x', after: ['x'] },
    ]);
  });

  it('compares an object with anything else whole, and finds nothing between equal values', () => {
    expect(diffDefinitions({ a: { b: 1 } }, { a: 5 })).toStrictEqual([
      { field: 'a', before: { b: 1 }, after: 5 },
    ]);
    expect(diffDefinitions({ a: 5 }, { a: { b: 1 } })).toStrictEqual([
      { field: 'a', before: 5, after: { b: 1 } },
    ]);
    expect(diffDefinitions({ a: [1] }, { a: { 0: 1 } })).toStrictEqual([
      { field: 'a', before: [1], after: { 0: 1 } },
    ]);
    expect(diffDefinitions({ a: 0 }, { a: false })).toStrictEqual([{ field: 'a', before: 0, after: false }]);
    expect(diffDefinitions({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toStrictEqual([]);
    expect(diffDefinitions({}, {})).toStrictEqual([]);
    expect(diffDefinitions(1, 2, 'x')).toStrictEqual([{ field: 'x', before: 1, after: 2 }]);
  });
});
