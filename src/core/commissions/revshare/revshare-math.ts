import { Decimal } from 'decimal.js';
import type { Deduction, PlanDefinition } from '../plans/plan-definition.ts';

/**
 * The RevShare arithmetic, pure. Rounding rule: every step is exact (decimal.js, no rounding of
 * a percentage fee or a band's part); the commission is rounded once, at the end, to the minor
 * unit, half to even. Carry-over and sub-affiliate cuts work on those rounded amounts and round
 * their own result once, the same way.
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** A period's money of one affiliate (or customer), in minor units of one currency. */
export interface Figures {
  bets: bigint;
  wins: bigint;
  bonuses: bigint;
  jackpot_contributions: bigint;
  taxes: bigint;
  fees: bigint;
  /** Activity lines' chargebacks plus chargeback events (deposits taken back). */
  chargebacks: bigint;
  adjustments: bigint;
  /** Deposits less the refunded ones. */
  deposits: bigint;
  withdrawals: bigint;
}
export const FIGURES = [
  'bets',
  'wins',
  'bonuses',
  'jackpot_contributions',
  'taxes',
  'fees',
  'chargebacks',
  'adjustments',
  'deposits',
  'withdrawals',
] as const satisfies readonly (keyof Figures)[];

export const zeroFigures = (): Figures =>
  Object.fromEntries(FIGURES.map((f) => [f, 0n])) as unknown as Figures;

export function addFigures(into: Figures, more: Figures): Figures {
  for (const f of FIGURES) into[f] += more[f];
  return into;
}

type Revshare = NonNullable<PlanDefinition['revshare']>;
type Tiers = NonNullable<Revshare['tiers']>;

/** GGR: bets less wins. */
export const ggr = (f: Figures): bigint => f.bets - f.wins;

/**
 * Net P/L: GGR less every money deduction the operator reports (bonuses, jackpot
 * contributions, taxes, fees, chargebacks, adjustments); no plan's percentage fees. It does not
 * depend on a plan, so a sub-affiliate's net P/L cut is the same whatever plan the sub is on.
 */
export const netPl = (f: Figures): bigint =>
  ggr(f) - f.bonuses - f.jackpot_contributions - f.taxes - f.fees - f.chargebacks - f.adjustments;

/** Net deposits: deposits (less refunded ones) less withdrawals and chargebacks. */
export const netDeposits = (f: Figures): bigint => f.deposits - f.withdrawals - f.chargebacks;

/** One deduction as applied: what it took (exact), from what, and NGR after it. */
export interface DeductionStep {
  deduction: string;
  /** For a percentage: the amount it is a percentage of (GGR, deposits or withdrawals). */
  of?: { name: 'ggr' | 'deposits' | 'withdrawals'; amount: string };
  percent?: string;
  amount: string;
  after: string;
}

/**
 * NGR: GGR less the plan's deductions in their order (none listed: NGR is GGR). The admin fee
 * is a percentage of GGR, the payment fees of deposits and of withdrawals.
 */
export function ngr(
  f: Figures,
  deductions: readonly Deduction[] = [],
): { ngr: Decimal; steps: DeductionStep[] } {
  let value = new D(ggr(f).toString());
  const steps: DeductionStep[] = [];
  for (const d of deductions) {
    let amount: Decimal;
    let step: Omit<DeductionStep, 'amount' | 'after'>;
    if (typeof d === 'string') {
      amount = new D(f[d].toString());
      step = { deduction: d };
    } else {
      const [name, percent] = Object.entries(d)[0] as [string, string];
      const of =
        name === 'admin_fee_percent'
          ? { name: 'ggr' as const, amount: ggr(f) }
          : name === 'deposit_fee_percent'
            ? { name: 'deposits' as const, amount: f.deposits }
            : { name: 'withdrawals' as const, amount: f.withdrawals };
      amount = new D(of.amount.toString()).mul(percent).div(100);
      step = { deduction: name, of: { name: of.name, amount: of.amount.toString() }, percent };
    }
    value = value.sub(amount);
    steps.push({ ...step, amount: amount.toString(), after: value.toString() });
  }
  return { ngr: value, steps };
}

/** What the plan's rate applies to, by its basis. */
export function basisAmount(
  f: Figures,
  revshare: Revshare,
): { basis: Revshare['basis']; amount: Decimal; steps: DeductionStep[] } {
  if (revshare.basis === 'ngr') {
    const { ngr: amount, steps } = ngr(f, revshare.deductions);
    return { basis: 'ngr', amount, steps };
  }
  const amount = revshare.basis === 'net_pl' ? netPl(f) : netDeposits(f);
  return { basis: revshare.basis, amount: new D(amount.toString()), steps: [] };
}

/** One band's share of the commission: the part of the basis inside it and its rate. */
export interface BandPart {
  band: number;
  from: number;
  to: number | null;
  rate: string;
  part: string;
  commission: string;
}

export interface RateResult {
  /** The plan's flat rate, or how the tiers applied. */
  mode: 'flat' | 'tiered' | 'ladder';
  by?: Tiers['by'];
  /** tiered and flat: the one rate; ladder: null (each band its own). */
  rate: string | null;
  /** tiered: the band reached (0-based). */
  band?: number;
  parts: BandPart[];
  /** Exact, before rounding. */
  commission: Decimal;
}

/**
 * The commission on `amount` (exact). Tiered: the rate of the band reached applies to the whole
 * amount. Ladder by NGR: each band's rate applies to the part inside it. Tiers by qualified
 * customers pick the band by the count; a band of customers holds no part of an amount, so a
 * ladder by qualified customers pays the rate reached, as tiered does. A negative amount falls
 * in the first band.
 */
export function applyRate(amount: Decimal, revshare: Revshare, qualifiedCustomers = 0): RateResult {
  const tiers = revshare.tiers;
  if (!tiers) {
    const commission = amount.mul(revshare.rate).div(100);
    return {
      mode: 'flat',
      rate: revshare.rate,
      parts: [band(0, 0, null, revshare.rate, amount, commission)],
      commission,
    };
  }
  const bands = tiers.bands;
  const measure = tiers.by === 'ngr' ? amount : new D(qualifiedCustomers);
  let reached = 0;
  for (const [i, b] of bands.entries()) if (measure.gte(b.from)) reached = i;
  const toOf = (i: number) => bands[i + 1]?.from ?? null;
  if (tiers.mode === 'tiered' || tiers.by === 'qualified_customers') {
    const rate = (bands[reached] as { rate: string }).rate;
    const commission = amount.mul(rate).div(100);
    return {
      mode: 'tiered',
      by: tiers.by,
      rate,
      band: reached,
      parts: [band(reached, bands[reached]?.from ?? 0, toOf(reached), rate, amount, commission)],
      commission,
    };
  }
  const parts: BandPart[] = [];
  let commission = new D(0);
  if (amount.lte(0)) {
    const first = bands[0] as { from: number; rate: string };
    commission = amount.mul(first.rate).div(100);
    parts.push(band(0, first.from, toOf(0), first.rate, amount, commission));
  } else
    for (const [i, b] of bands.entries()) {
      const to = toOf(i);
      if (amount.lte(b.from)) break;
      const part = (to === null ? amount : D.min(amount, to)).sub(b.from);
      const share = part.mul(b.rate).div(100);
      commission = commission.add(share);
      parts.push(band(i, b.from, to, b.rate, part, share));
    }
  return { mode: 'ladder', by: 'ngr', rate: null, parts, commission };
}

const band = (
  i: number,
  from: number,
  to: number | null,
  rate: string,
  part: Decimal,
  c: Decimal,
): BandPart => ({
  band: i,
  from,
  to,
  rate,
  part: part.toString(),
  commission: c.toString(),
});

/** The one rounding: to the minor unit, half to even. */
export const roundMinor = (value: Decimal): bigint =>
  BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));

/** `percent` of a rounded amount, rounded once (sub-affiliate cuts). */
export const percentOf = (amount: bigint, percent: string): bigint =>
  roundMinor(new D(amount.toString()).mul(percent).div(100));

export interface CarryOver {
  /** Whether a negative result carries over: the plan says so and the affiliate has no `no_carry_over`. */
  applies: boolean;
  cap: number | null;
}

export interface CarryResult {
  raw: bigint;
  carry_in: bigint;
  /** raw + carry_in. */
  total: bigint;
  /** What the period pays: the total when positive, else 0. */
  amount: bigint;
  /** The negative part carried to the next period (0 or less), at most `cap` in size. */
  carry_out: bigint;
  capped: boolean;
}

/**
 * Negative carry-over. With it, a negative total pays 0 and carries to the next period (its size
 * at most the cap); a positive total first pays back what was carried in. Without it each period
 * stands alone: a negative result pays 0 and is forgotten (any carry in is dropped too).
 */
export function carryOver(raw: bigint, carryIn: bigint, rule: CarryOver): CarryResult {
  const carry_in = rule.applies ? carryIn : 0n;
  const total = raw + carry_in;
  if (total >= 0n) return { raw, carry_in, total, amount: total, carry_out: 0n, capped: false };
  if (!rule.applies) return { raw, carry_in, total, amount: 0n, carry_out: 0n, capped: false };
  const cap = rule.cap === null ? null : BigInt(rule.cap);
  const capped = cap !== null && -total > cap;
  return { raw, carry_in, total, amount: 0n, carry_out: capped ? -(cap as bigint) : total, capped };
}

export interface PeriodResult {
  basis: Revshare['basis'];
  ggr: bigint;
  net_pl: bigint;
  net_deposits: bigint;
  /** The basis amount, exact (NGR may have fractions of a minor unit from a percentage fee). */
  basis_amount: string;
  deductions: DeductionStep[];
  rate: Omit<RateResult, 'commission'> & { commission: string };
  carry: CarryResult;
}

/** A period's RevShare for one plan version: basis, rate, rounding, carry-over. */
export function revsharePeriod(
  f: Figures,
  revshare: Revshare,
  options: { qualifiedCustomers?: number; carryIn: bigint; carryOver: CarryOver },
): PeriodResult {
  const base = basisAmount(f, revshare);
  const rate = applyRate(base.amount, revshare, options.qualifiedCustomers ?? 0);
  const raw = roundMinor(rate.commission);
  return {
    basis: base.basis,
    ggr: ggr(f),
    net_pl: netPl(f),
    net_deposits: netDeposits(f),
    basis_amount: base.amount.toString(),
    deductions: base.steps,
    rate: { ...rate, commission: rate.commission.toString() },
    carry: carryOver(raw, options.carryIn, options.carryOver),
  };
}

const BASIS = { ngr: 'NGR', net_pl: 'net P/L', net_deposits: 'net deposits' } as const;

const WHOLE = /^(?:-?[1-9]\d*|0)$/;

/** Minor units in major units of the currency: 123456n, 2 → "1234.56". */
export function major(value: bigint | string, minorUnit: number): string {
  // A whole number of minor units (most of them) by its digits: the same text, without decimal.js.
  const digits = typeof value === 'bigint' ? value.toString() : WHOLE.test(value) ? value : null;
  if (digits === null || !Number.isInteger(minorUnit) || minorUnit < 0)
    return new D(value.toString()).div(10 ** minorUnit).toFixed(minorUnit);
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(minorUnit + 1, '0');
  const units = abs.slice(0, abs.length - minorUnit);
  return `${negative ? '-' : ''}${units}${minorUnit ? `.${abs.slice(abs.length - minorUnit)}` : ''}`;
}

/** The period's result as one sentence, amounts in major units. */
export function explainPeriod(r: PeriodResult, currency: string, minorUnit: number): string {
  const m = (v: bigint | string) => `${major(v, minorUnit)}`;
  const parts: string[] = [];
  const basis = BASIS[r.basis];
  let head = `RevShare ${m(r.carry.amount)} ${currency}: ${basis} ${m(r.basis_amount)}`;
  if (r.basis === 'ngr') {
    head += ` = GGR ${m(r.ggr)}`;
    for (const s of r.deductions)
      head += s.percent
        ? ` − ${s.deduction.replace(/_percent$/, '').replace(/_/g, ' ')} ${s.percent}% of ${s.of?.name} ${m(s.of?.amount ?? '0')} (${m(s.amount)})`
        : ` − ${s.deduction.replace(/_/g, ' ')} ${m(s.amount)}`;
  }
  parts.push(head);
  if (r.rate.mode === 'ladder')
    parts.push(
      `ladder: ${r.rate.parts.map((p) => `${m(p.part)} × ${p.rate}% = ${m(p.commission)}`).join(' + ')}`,
    );
  else
    parts.push(
      `× ${r.rate.rate}%${r.rate.mode === 'tiered' ? ` (band ${(r.rate.band ?? 0) + 1} by ${r.rate.by === 'ngr' ? 'NGR' : 'qualified customers'})` : ''} = ${m(r.rate.commission)}, rounded ${m(r.carry.raw)}`,
    );
  if (r.carry.carry_in !== 0n) parts.push(`carried in ${m(r.carry.carry_in)}, total ${m(r.carry.total)}`);
  if (r.carry.carry_out !== 0n)
    parts.push(`${m(r.carry.carry_out)} carried to the next period${r.carry.capped ? ' (capped)' : ''}`);
  else if (r.carry.total < 0n) parts.push(`negative result not carried over: pays 0`);
  return `${parts.join('; ')}.`;
}
