import { Decimal } from 'decimal.js';
import type { FieldError } from '../../errors.ts';

/**
 * What a plan version pays, component by component (each optional). Money is in minor units of
 * the plan's currency; rates and percentages are decimal strings ("25", "12.5").
 */
export interface PlanDefinition {
  cpl?: { amount: number; qualified_only?: boolean };
  cpa?: {
    amount: number;
    country_amounts?: Record<string, number>;
    qualification: Qualification;
    hold_days?: number;
    tiers?: { mode: 'whole_period' | 'past_threshold'; levels: { from: number; amount: number }[] };
  };
  revshare?: {
    basis: RevShareBasis;
    rate: string;
    deductions?: Deduction[];
    tiers?: {
      mode: 'tiered' | 'ladder';
      by: 'ngr' | 'qualified_customers';
      bands: { from: number; rate: string }[];
    };
    carry_over?: boolean;
    carry_over_cap?: number | null;
  };
  sale_share?: {
    percent?: string | null;
    amount?: number | null;
    duration: 'first_sale' | 'months' | 'lifetime';
    months?: number;
  };
  sub_affiliate?: {
    levels: {
      cpa_fee?: number | null;
      revshare_cut_percent?: string | null;
      net_pl_cut_percent?: string | null;
    }[];
  };
}

export type RevShareBasis = 'ngr' | 'net_pl' | 'net_deposits';

export interface Qualification {
  combine?: 'all' | 'any';
  min_first_deposit?: number;
  min_deposit_count?: number;
  min_deposit_total?: number;
  min_net_deposit?: number;
  min_bets?: number;
  min_bet_count?: number;
  within_days?: number;
  countries?: string[];
}

/** NGR is GGR less these, in order; the percentages apply to GGR, deposits or withdrawals. */
export const DEDUCTIONS = [
  'bonuses',
  'jackpot_contributions',
  'taxes',
  'fees',
  'chargebacks',
  'adjustments',
] as const;
export type Deduction =
  | (typeof DEDUCTIONS)[number]
  | { admin_fee_percent: string }
  | { deposit_fee_percent: string }
  | { withdrawal_fee_percent: string };

const COMPONENTS = ['cpl', 'cpa', 'revshare', 'sale_share', 'sub_affiliate'];
const QUALIFIERS = [
  'min_first_deposit',
  'min_deposit_count',
  'min_deposit_total',
  'min_net_deposit',
  'min_bets',
  'min_bet_count',
] as const;
const MAX_MINOR = 1e15;

/** Smartico's bit mask: CPL=1, CPA=2, RevShare_NetPL=4, RevShare_NetDeposit=8. */
export function dealTypeId(definition: PlanDefinition): number {
  let mask = 0;
  if (definition.cpl) mask |= 1;
  if (definition.cpa) mask |= 2;
  if (definition.revshare) mask |= definition.revshare.basis === 'net_deposits' ? 8 : 4;
  return mask;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a plan definition and returns every problem, each naming its field
 * (`revshare.tiers.bands[2].from`) in plain words; an empty list means the plan is sound.
 */
export function checkPlanDefinition(raw: unknown, countries: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path: `definition.${path}`, message });
  if (!isObj(raw)) return [{ path: 'definition', message: 'must be an object of components' }];
  for (const key of Object.keys(raw))
    if (!COMPONENTS.includes(key)) fail(key, `is not a component (use ${COMPONENTS.join(', ')})`);
  if (!COMPONENTS.some((c) => raw[c] !== undefined && raw[c] !== null))
    errors.push({
      path: 'definition',
      message: 'needs at least one component (cpl, cpa, revshare, sale_share or sub_affiliate)',
    });

  const only = (obj: Obj, path: string, allowed: string[]) => {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key)) fail(`${path}.${key}`, 'is not a field here');
  };
  const minor = (value: unknown, path: string, { required = false, positive = false } = {}) => {
    if (value === undefined || value === null) {
      if (required) fail(path, 'is required');
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value))
      fail(path, 'must be a whole number of minor units (cents), e.g. 3000 for 30.00');
    else if (value < 0 || value > MAX_MINOR) fail(path, 'must be 0 or more');
    else if (positive && value === 0) fail(path, 'must be more than 0');
  };
  const count = (value: unknown, path: string, min = 0, max = 1_000_000) => {
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      fail(path, `must be a whole number from ${min} to ${max}`);
  };
  const percent = (value: unknown, path: string, { required = false } = {}) => {
    if (value === undefined || value === null) {
      if (required) fail(path, 'is required');
      return;
    }
    if (typeof value !== 'string' || !/^\d{1,3}(\.\d{1,6})?$/.test(value)) {
      fail(path, 'must be a percentage as a decimal string, e.g. "25" or "12.5"');
      return;
    }
    if (new Decimal(value).gt(100)) fail(path, 'must be at most 100');
  };
  const countryList = (value: unknown, path: string) => {
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length === 0) {
      fail(path, 'must be a list of two-letter country codes');
      return;
    }
    for (const [i, c] of value.entries()) {
      if (typeof c !== 'string' || !countries.has(c))
        fail(`${path}[${i}]`, 'must be a two-letter country code, e.g. DE');
    }
  };

  if (raw.cpl != null) {
    if (!isObj(raw.cpl)) fail('cpl', 'must be an object');
    else {
      only(raw.cpl, 'cpl', ['amount', 'qualified_only']);
      minor(raw.cpl.amount, 'cpl.amount', { required: true, positive: true });
      if (raw.cpl.qualified_only !== undefined && typeof raw.cpl.qualified_only !== 'boolean')
        fail('cpl.qualified_only', 'must be true or false');
    }
  }

  if (raw.cpa != null) {
    const cpa = raw.cpa;
    if (!isObj(cpa)) fail('cpa', 'must be an object');
    else {
      only(cpa, 'cpa', ['amount', 'country_amounts', 'qualification', 'hold_days', 'tiers']);
      minor(cpa.amount, 'cpa.amount', { required: true, positive: true });
      if (cpa.country_amounts !== undefined) {
        if (!isObj(cpa.country_amounts)) fail('cpa.country_amounts', 'must map country codes to amounts');
        else
          for (const [c, v] of Object.entries(cpa.country_amounts)) {
            if (!countries.has(c)) fail(`cpa.country_amounts.${c}`, 'is not a two-letter country code');
            minor(v, `cpa.country_amounts.${c}`, { required: true });
          }
      }
      count(cpa.hold_days, 'cpa.hold_days', 0, 365);
      const q = cpa.qualification;
      if (!isObj(q)) fail('cpa.qualification', 'is required: the rules a customer meets to earn the CPA');
      else {
        only(q, 'cpa.qualification', ['combine', ...QUALIFIERS, 'within_days', 'countries']);
        if (q.combine !== undefined && q.combine !== 'all' && q.combine !== 'any')
          fail('cpa.qualification.combine', 'must be all or any');
        for (const k of QUALIFIERS)
          k.endsWith('count')
            ? count(q[k], `cpa.qualification.${k}`, 1)
            : minor(q[k], `cpa.qualification.${k}`);
        if (!QUALIFIERS.some((k) => q[k] !== undefined && q[k] !== null))
          fail(
            'cpa.qualification',
            'needs at least one minimum (first deposit, deposits, net deposit, bets)',
          );
        count(q.within_days, 'cpa.qualification.within_days', 1, 3650);
        countryList(q.countries, 'cpa.qualification.countries');
      }
      if (cpa.tiers !== undefined) {
        const t = cpa.tiers;
        if (!isObj(t)) fail('cpa.tiers', 'must be an object');
        else {
          only(t, 'cpa.tiers', ['mode', 'levels']);
          if (t.mode !== 'whole_period' && t.mode !== 'past_threshold')
            fail(
              'cpa.tiers.mode',
              'must be whole_period (the tier reached pays every CPA of the period) or past_threshold',
            );
          if (!Array.isArray(t.levels) || t.levels.length === 0)
            fail('cpa.tiers.levels', 'must list at least one tier');
          else {
            let previous = 0;
            for (const [i, level] of (t.levels as unknown[]).entries()) {
              const path = `cpa.tiers.levels[${i}]`;
              if (!isObj(level)) {
                fail(path, 'must be { from, amount }');
                continue;
              }
              only(level, path, ['from', 'amount']);
              count(level.from, `${path}.from`, 1);
              minor(level.amount, `${path}.amount`, { required: true, positive: true });
              if (typeof level.from === 'number') {
                if (i === 0 && level.from !== 1)
                  fail(`${path}.from`, 'the first tier must start at 1 (the first qualified customer)');
                if (i > 0 && level.from <= previous)
                  fail(`${path}.from`, `must be above the tier before (${previous}): tiers may not overlap`);
                previous = level.from;
              }
            }
          }
        }
      }
    }
  }

  if (raw.revshare != null) {
    const r = raw.revshare;
    if (!isObj(r)) fail('revshare', 'must be an object');
    else {
      only(r, 'revshare', ['basis', 'rate', 'deductions', 'tiers', 'carry_over', 'carry_over_cap']);
      if (r.basis !== 'ngr' && r.basis !== 'net_pl' && r.basis !== 'net_deposits')
        fail('revshare.basis', 'must be ngr, net_pl or net_deposits');
      percent(r.rate, 'revshare.rate', { required: true });
      if (r.deductions !== undefined) {
        if (!Array.isArray(r.deductions)) fail('revshare.deductions', 'must be an ordered list');
        else {
          const seen = new Set<string>();
          for (const [i, d] of (r.deductions as unknown[]).entries()) {
            const path = `revshare.deductions[${i}]`;
            const name =
              typeof d === 'string' ? d : isObj(d) && Object.keys(d).length === 1 ? Object.keys(d)[0] : null;
            const known = [
              ...DEDUCTIONS,
              'admin_fee_percent',
              'deposit_fee_percent',
              'withdrawal_fee_percent',
            ];
            if (!name || !known.includes(name)) {
              fail(
                path,
                `is not a deduction (use ${known.join(', ')}; percentages as { "admin_fee_percent": "10" })`,
              );
              continue;
            }
            if (typeof d === 'string' && name.endsWith('_percent')) {
              fail(path, `give ${name} as { "${name}": "10" }`);
              continue;
            }
            if (isObj(d)) {
              if ((DEDUCTIONS as readonly string[]).includes(name)) {
                fail(path, `give ${name} as the text "${name}"`);
                continue;
              }
              percent(d[name], `${path}.${name}`, { required: true });
            }
            if (seen.has(name)) fail(path, `${name} is listed twice`);
            seen.add(name);
          }
        }
      }
      if (r.tiers !== undefined) {
        const t = r.tiers;
        if (!isObj(t)) fail('revshare.tiers', 'must be an object');
        else {
          only(t, 'revshare.tiers', ['mode', 'by', 'bands']);
          if (t.mode !== 'tiered' && t.mode !== 'ladder')
            fail(
              'revshare.tiers.mode',
              'must be tiered (the reached rate applies to all) or ladder (each rate to its band)',
            );
          if (t.by !== 'ngr' && t.by !== 'qualified_customers')
            fail('revshare.tiers.by', 'must be ngr or qualified_customers');
          if (!Array.isArray(t.bands) || t.bands.length === 0)
            fail('revshare.tiers.bands', 'must list at least one band');
          else {
            let previous = -1;
            for (const [i, band] of (t.bands as unknown[]).entries()) {
              const path = `revshare.tiers.bands[${i}]`;
              if (!isObj(band)) {
                fail(path, 'must be { from, rate }');
                continue;
              }
              only(band, path, ['from', 'rate']);
              percent(band.rate, `${path}.rate`, { required: true });
              if (typeof band.from !== 'number' || !Number.isInteger(band.from) || band.from < 0) {
                fail(`${path}.from`, 'must be a whole number, 0 or more');
                continue;
              }
              if (i === 0 && band.from !== 0)
                fail(
                  `${path}.from`,
                  t.mode === 'ladder'
                    ? 'a ladder starts at 0: it may not have a gap below its first band'
                    : 'the first band starts at 0',
                );
              if (i > 0 && band.from <= previous)
                fail(`${path}.from`, `must be above the band before (${previous}): bands may not overlap`);
              previous = band.from;
            }
          }
        }
      }
      if (r.carry_over !== undefined && typeof r.carry_over !== 'boolean')
        fail('revshare.carry_over', 'must be true or false');
      minor(r.carry_over_cap, 'revshare.carry_over_cap');
    }
  }

  if (raw.sale_share != null) {
    const s = raw.sale_share;
    if (!isObj(s)) fail('sale_share', 'must be an object');
    else {
      only(s, 'sale_share', ['percent', 'amount', 'duration', 'months']);
      const hasPercent = s.percent !== undefined && s.percent !== null;
      const hasAmount = s.amount !== undefined && s.amount !== null;
      if (hasPercent === hasAmount) fail('sale_share', 'give either percent or amount');
      percent(s.percent, 'sale_share.percent');
      minor(s.amount, 'sale_share.amount', { positive: true });
      if (s.duration !== 'first_sale' && s.duration !== 'months' && s.duration !== 'lifetime')
        fail('sale_share.duration', 'must be first_sale, months or lifetime');
      if (s.duration === 'months') {
        if (s.months === undefined || s.months === null)
          fail('sale_share.months', 'is required for a duration in months');
        count(s.months, 'sale_share.months', 1, 120);
      } else if (s.months !== undefined) fail('sale_share.months', 'is only used with duration months');
    }
  }

  if (raw.sub_affiliate != null) {
    const s = raw.sub_affiliate;
    if (!isObj(s)) fail('sub_affiliate', 'must be an object');
    else {
      only(s, 'sub_affiliate', ['levels']);
      if (!Array.isArray(s.levels) || s.levels.length < 1 || s.levels.length > 2)
        fail('sub_affiliate.levels', 'must list one or two levels');
      else
        for (const [i, level] of (s.levels as unknown[]).entries()) {
          const path = `sub_affiliate.levels[${i}]`;
          if (!isObj(level)) {
            fail(path, 'must be an object');
            continue;
          }
          only(level, path, ['cpa_fee', 'revshare_cut_percent', 'net_pl_cut_percent']);
          minor(level.cpa_fee, `${path}.cpa_fee`);
          percent(level.revshare_cut_percent, `${path}.revshare_cut_percent`);
          percent(level.net_pl_cut_percent, `${path}.net_pl_cut_percent`);
          if (level.cpa_fee == null && level.revshare_cut_percent == null && level.net_pl_cut_percent == null)
            fail(path, 'needs a CPA fee, a RevShare cut or a net P/L cut');
        }
    }
  }
  return errors;
}

/** Field-level differences between two definitions: dotted paths with before and after. */
export function diffDefinitions(
  before: unknown,
  after: unknown,
  path = '',
): { field: string; before: unknown; after: unknown }[] {
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffDefinitions(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length)
    return before.flatMap((b, i) => diffDefinitions(b, after[i], `${path}[${i}]`));
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: path, before: before ?? null, after: after ?? null }];
}
