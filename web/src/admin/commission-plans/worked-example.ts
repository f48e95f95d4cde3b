import { Decimal } from 'decimal.js';
import type { Definition } from './draft.ts';

/**
 * What a plan would pay for one sample customer, worked out in the browser from the draft so the
 * person sees the effect of each change as they type. The same arithmetic as the engine: exact
 * decimals, one rounding to the minor unit (half to even) at the end of RevShare; NGR is GGR
 * (bets less wins) less the plan's deductions in their order, the admin fee a percentage of GGR,
 * the payment fees of deposits and of withdrawals. Money is in minor units.
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

export interface Sample {
  first_deposit: number;
  deposits: number;
  deposit_count: number;
  withdrawals: number;
  bets: number;
  bet_count: number;
  wins: number;
  bonuses: number;
  country: string;
  /** Days from registration to the moment of these figures. */
  days: number;
  /** Qualified customers of the affiliate this period, this one included (CPA and RevShare tiers). */
  qualified_in_period: number;
}

export interface RuleCheck {
  rule: string;
  ok: boolean;
  /** "first deposit 50.00 ≥ 20.00" in minor units; the screen writes them in major units. */
  actual: number | string;
  needed: number | string;
  money: boolean;
}

export interface DeductionLine {
  name: string;
  percent?: string;
  of?: { name: 'GGR' | 'deposits' | 'withdrawals'; amount: number };
  /** Exact, in minor units (a percentage may leave a fraction). */
  amount: string;
  after: string;
}

export interface Example {
  cpl: { amount: number; paid: boolean; reason: string } | null;
  cpa: {
    qualifies: boolean;
    combine: 'all' | 'any';
    rules: RuleCheck[];
    /** Conditions that always apply, whatever `combine` says. */
    conditions: RuleCheck[];
    tier: { level: number; from: number; amount: number } | null;
    source: 'country' | 'tier' | 'base';
    amount: number;
    hold_days: number;
  } | null;
  revshare: {
    basis: 'ngr' | 'net_pl' | 'net_deposits';
    ggr: number;
    deductions: DeductionLine[];
    basis_amount: string;
    mode: 'flat' | 'tiered' | 'ladder';
    /** tiered: the band reached, 1-based. */
    band: number | null;
    rate: string | null;
    parts: { from: number; to: number | null; rate: string; part: string; commission: string }[];
    exact: string;
    commission: number;
  } | null;
  sub_affiliate: { level: number; cpa_fee: number; revshare_cut: number; net_pl_cut: number }[];
}

/** An amount of the draft: one left empty while typing counts as 0. */
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

const roundMinor = (value: Decimal) => Number(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));

const DEDUCTION_FIELD: Record<string, keyof Sample | null> = {
  bonuses: 'bonuses',
  jackpot_contributions: null,
  taxes: null,
  fees: null,
  chargebacks: null,
  adjustments: null,
};

function cpaOf(definition: Definition, s: Sample): Example['cpa'] {
  const cpa = definition.cpa;
  if (!cpa) return null;
  const q = cpa.qualification ?? {};
  const money = (rule: string, actual: number, needed?: number): RuleCheck[] =>
    needed == null ? [] : [{ rule, ok: actual >= needed, actual, needed, money: true }];
  const count = (rule: string, actual: number, needed?: number): RuleCheck[] =>
    needed == null ? [] : [{ rule, ok: actual >= needed, actual, needed, money: false }];
  const rules = [
    ...money('first deposit', s.first_deposit, q.min_first_deposit),
    ...count('deposit count', s.deposit_count, q.min_deposit_count),
    ...money('deposits in total', s.deposits, q.min_deposit_total),
    ...money('net deposit', s.deposits - s.withdrawals, q.min_net_deposit),
    ...money('bets', s.bets, q.min_bets),
    ...count('bet count', s.bet_count, q.min_bet_count),
  ];
  const conditions: RuleCheck[] = [];
  if (q.within_days != null)
    conditions.push({
      rule: 'days since registration',
      ok: s.days <= q.within_days,
      actual: s.days,
      needed: q.within_days,
      money: false,
    });
  if (q.countries?.length)
    conditions.push({
      rule: 'country',
      ok: q.countries.includes(s.country),
      actual: s.country || '—',
      needed: q.countries.join(', '),
      money: false,
    });
  const combine = q.combine ?? 'all';
  const met = combine === 'any' ? rules.some((r) => r.ok) : rules.length > 0 && rules.every((r) => r.ok);
  const qualifies = met && conditions.every((c) => c.ok);
  // The tier reached by the count of qualified customers (levels start at 1, ascending).
  let tier: NonNullable<Example['cpa']>['tier'] = null;
  for (const [i, level] of (cpa.tiers?.levels ?? []).entries())
    if (s.qualified_in_period >= num(level.from))
      tier = { level: i + 1, from: num(level.from), amount: num(level.amount) };
  const countryAmount = cpa.country_amounts?.[s.country];
  // A country's own amount is the deal for that market; else the tier reached; else the amount.
  const [source, amount] =
    countryAmount != null
      ? (['country', num(countryAmount)] as const)
      : tier
        ? (['tier', tier.amount] as const)
        : (['base', num(cpa.amount)] as const);
  return {
    qualifies,
    combine,
    rules,
    conditions,
    tier,
    source,
    amount: qualifies ? amount : 0,
    hold_days: cpa.hold_days ?? 0,
  };
}

function revshareOf(definition: Definition, s: Sample): Example['revshare'] {
  const r = definition.revshare;
  if (!r) return null;
  const ggr = s.bets - s.wins;
  const deductions: DeductionLine[] = [];
  let basis: Decimal;
  if (r.basis === 'ngr') {
    basis = new D(ggr);
    for (const d of r.deductions ?? []) {
      let amount: Decimal;
      let line: Omit<DeductionLine, 'amount' | 'after'>;
      if (typeof d === 'string') {
        const field = DEDUCTION_FIELD[d];
        amount = new D(field ? (s[field] as number) : 0);
        line = { name: d };
      } else {
        const [name, percent] = Object.entries(d)[0] as [string, string];
        const of =
          name === 'admin_fee_percent'
            ? { name: 'GGR' as const, amount: ggr }
            : name === 'deposit_fee_percent'
              ? { name: 'deposits' as const, amount: s.deposits }
              : { name: 'withdrawals' as const, amount: s.withdrawals };
        amount = new D(of.amount).mul(percent || 0).div(100);
        line = { name, percent, of };
      }
      basis = basis.sub(amount);
      deductions.push({ ...line, amount: amount.toString(), after: basis.toString() });
    }
  } else if (r.basis === 'net_pl') basis = new D(ggr - s.bonuses);
  else basis = new D(s.deposits - s.withdrawals);

  const tiers = r.tiers;
  const parts: NonNullable<Example['revshare']>['parts'] = [];
  let exact = new D(0);
  let mode: 'flat' | 'tiered' | 'ladder' = 'flat';
  let rate: string | null = r.rate;
  let band: number | null = null;
  if (!tiers || tiers.bands.length === 0) {
    exact = basis.mul(r.rate || 0).div(100);
    parts.push({ from: 0, to: null, rate: r.rate, part: basis.toString(), commission: exact.toString() });
  } else {
    const bands = tiers.bands;
    const measure = tiers.by === 'ngr' ? basis : new D(s.qualified_in_period);
    let reached = 0;
    for (const [i, b] of bands.entries()) if (measure.gte(num(b.from))) reached = i;
    const toOf = (i: number) => bands[i + 1]?.from ?? null;
    if (tiers.mode === 'tiered' || tiers.by === 'qualified_customers' || basis.lte(0)) {
      // A band of customers holds no part of an amount, and a loss falls in the first band.
      const i = basis.lte(0) && tiers.mode === 'ladder' && tiers.by === 'ngr' ? 0 : reached;
      const b = bands[i] as { from: number; rate: string };
      mode = tiers.mode === 'ladder' && tiers.by === 'ngr' ? 'ladder' : 'tiered';
      rate = b.rate;
      band = i + 1;
      exact = basis.mul(b.rate || 0).div(100);
      parts.push({
        from: b.from,
        to: toOf(i),
        rate: b.rate,
        part: basis.toString(),
        commission: exact.toString(),
      });
    } else {
      mode = 'ladder';
      rate = null;
      for (const [i, b] of bands.entries()) {
        const to = toOf(i);
        if (basis.lte(num(b.from))) break;
        const part = (to === null ? basis : D.min(basis, to)).sub(num(b.from));
        const share = part.mul(b.rate || 0).div(100);
        exact = exact.add(share);
        parts.push({ from: b.from, to, rate: b.rate, part: part.toString(), commission: share.toString() });
      }
    }
  }
  return {
    basis: r.basis,
    ggr,
    deductions,
    basis_amount: basis.toString(),
    mode,
    band,
    rate,
    parts,
    exact: exact.toString(),
    commission: roundMinor(exact),
  };
}

/** Everything the draft would pay for the sample; a component left out is null. */
export function workedExample(definition: Definition, s: Sample): Example {
  const cpa = cpaOf(definition, s);
  const revshare = revshareOf(definition, s);
  const cpl = definition.cpl
    ? definition.cpl.qualified_only
      ? {
          amount: num(definition.cpl.amount),
          paid: !!cpa?.qualifies,
          reason: cpa ? (cpa.qualifies ? 'qualified' : 'not qualified') : 'no CPA rules to qualify by',
        }
      : { amount: num(definition.cpl.amount), paid: true, reason: 'every registration' }
    : null;
  const netPl = s.bets - s.wins - s.bonuses;
  const revshareCommission = Math.max(revshare?.commission ?? 0, 0);
  const sub_affiliate = (definition.sub_affiliate?.levels ?? []).map((level, i) => ({
    level: i + 1,
    cpa_fee: cpa?.qualifies ? num(level.cpa_fee) : 0,
    revshare_cut: roundMinor(new D(revshareCommission).mul(level.revshare_cut_percent || 0).div(100)),
    net_pl_cut: roundMinor(new D(Math.max(netPl, 0)).mul(level.net_pl_cut_percent || 0).div(100)),
  }));
  return { cpl, cpa, revshare, sub_affiliate };
}

/** Minor units, exact or not, in major units: "1234.5" with 2 decimals reads "12.35" (half to even). */
export function major(minor: number | string | undefined, minorUnit: number): string {
  // A draft's amount still being typed (left empty) has no value yet.
  if (minor === undefined || minor === '' || Number.isNaN(Number(minor))) return '—';
  return new D(minor).div(10 ** minorUnit).toFixed(minorUnit, Decimal.ROUND_HALF_EVEN);
}
