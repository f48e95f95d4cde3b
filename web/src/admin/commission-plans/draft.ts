import type { Deduction, PlanDefinition } from '../../../../src/core/commissions/plans/plan-definition.ts';
import { inputToMinor, minorToInput } from '../../forms/amount.ts';

/**
 * A plan's definition: the OpenAPI document carries it as an open object (the server checks it
 * field by field), so its shape comes from the server's own type. Money in minor units; rates as
 * decimal strings.
 */
export type Definition = PlanDefinition & Record<string, unknown>;

export const MONEY_RULES = [
  ['min_first_deposit', 'Minimum first deposit'],
  ['min_deposit_total', 'Minimum deposits in total'],
  ['min_net_deposit', 'Minimum net deposit'],
  ['min_bets', 'Minimum bets (wagering)'],
] as const;
export const COUNT_RULES = [
  ['min_deposit_count', 'Minimum number of deposits'],
  ['min_bet_count', 'Minimum number of bets'],
] as const;
type RuleKey = (typeof MONEY_RULES)[number][0] | (typeof COUNT_RULES)[number][0];

export const DEDUCTION_LABELS: Record<string, string> = {
  bonuses: 'Bonuses',
  jackpot_contributions: 'Jackpot contributions',
  taxes: 'Taxes',
  fees: 'Fees',
  chargebacks: 'Chargebacks',
  adjustments: 'Adjustments',
  admin_fee_percent: 'Admin fee (% of GGR)',
  deposit_fee_percent: 'Deposit fee (% of deposits)',
  withdrawal_fee_percent: 'Withdrawal fee (% of withdrawals)',
};
export const isPercentDeduction = (name: string) => name.endsWith('_percent');

/** The editor's state: what the person typed, money in major units of the plan's currency. */
export interface Draft {
  cpl: { on: boolean; amount: string; qualified_only: boolean };
  cpa: {
    on: boolean;
    amount: string;
    country_amounts: { country: string; amount: string }[];
    combine: 'all' | 'any';
    rules: Record<RuleKey, string>;
    within_days: string;
    countries: string[];
    hold_days: string;
    tiers_on: boolean;
    tiers_mode: 'whole_period' | 'past_threshold';
    levels: { from: string; amount: string }[];
  };
  revshare: {
    on: boolean;
    basis: 'ngr' | 'net_pl' | 'net_deposits';
    rate: string;
    deductions: { name: string; percent: string }[];
    tiers_on: boolean;
    tiers_mode: 'tiered' | 'ladder';
    tiers_by: 'ngr' | 'qualified_customers';
    bands: { from: string; rate: string }[];
    carry_over: boolean;
    carry_over_cap: string;
  };
  sale_share: {
    on: boolean;
    kind: 'percent' | 'amount';
    percent: string;
    amount: string;
    duration: 'first_sale' | 'months' | 'lifetime';
    months: string;
  };
  sub_affiliate: {
    on: boolean;
    levels: { cpa_fee: string; revshare_cut_percent: string; net_pl_cut_percent: string }[];
  };
}

const emptyRules = (): Record<RuleKey, string> => ({
  min_first_deposit: '',
  min_deposit_total: '',
  min_net_deposit: '',
  min_bets: '',
  min_deposit_count: '',
  min_bet_count: '',
});

export const emptyDraft = (): Draft => ({
  cpl: { on: false, amount: '', qualified_only: false },
  cpa: {
    on: false,
    amount: '',
    country_amounts: [],
    combine: 'all',
    rules: emptyRules(),
    within_days: '',
    countries: [],
    hold_days: '',
    tiers_on: false,
    tiers_mode: 'whole_period',
    levels: [{ from: '1', amount: '' }],
  },
  revshare: {
    on: false,
    basis: 'ngr',
    rate: '',
    deductions: [],
    tiers_on: false,
    tiers_mode: 'tiered',
    tiers_by: 'ngr',
    bands: [{ from: '0', rate: '' }],
    carry_over: false,
    carry_over_cap: '',
  },
  sale_share: { on: false, kind: 'percent', percent: '', amount: '', duration: 'first_sale', months: '' },
  sub_affiliate: { on: false, levels: [{ cpa_fee: '', revshare_cut_percent: '', net_pl_cut_percent: '' }] },
});

/** A published definition as the editor shows it, to start a new version from. */
export function draftOf(definition: Definition, minorUnit: number): Draft {
  const draft = emptyDraft();
  const money = (v: number | null | undefined) => (v == null ? '' : minorToInput(v, minorUnit));
  const text = (v: number | string | null | undefined) => (v == null ? '' : String(v));
  const { cpl, cpa, revshare, sale_share, sub_affiliate } = definition;
  if (cpl) draft.cpl = { on: true, amount: money(cpl.amount), qualified_only: !!cpl.qualified_only };
  if (cpa) {
    const q = cpa.qualification ?? {};
    draft.cpa = {
      ...draft.cpa,
      on: true,
      amount: money(cpa.amount),
      country_amounts: Object.entries(cpa.country_amounts ?? {}).map(([country, amount]) => ({
        country,
        amount: money(amount),
      })),
      combine: q.combine ?? 'all',
      rules: {
        min_first_deposit: money(q.min_first_deposit),
        min_deposit_total: money(q.min_deposit_total),
        min_net_deposit: money(q.min_net_deposit),
        min_bets: money(q.min_bets),
        min_deposit_count: text(q.min_deposit_count),
        min_bet_count: text(q.min_bet_count),
      },
      within_days: text(q.within_days),
      countries: q.countries ?? [],
      hold_days: text(cpa.hold_days),
      tiers_on: !!cpa.tiers,
      tiers_mode: cpa.tiers?.mode ?? 'whole_period',
      levels:
        cpa.tiers?.levels.map((l) => ({ from: text(l.from), amount: money(l.amount) })) ?? draft.cpa.levels,
    };
  }
  if (revshare) {
    const byNgr = (revshare.tiers?.by ?? 'ngr') === 'ngr';
    draft.revshare = {
      on: true,
      basis: revshare.basis,
      rate: revshare.rate,
      deductions: (revshare.deductions ?? []).map((d) =>
        typeof d === 'string'
          ? { name: d, percent: '' }
          : { name: Object.keys(d)[0] ?? '', percent: Object.values(d)[0] ?? '' },
      ),
      tiers_on: !!revshare.tiers,
      tiers_mode: revshare.tiers?.mode ?? 'tiered',
      tiers_by: revshare.tiers?.by ?? 'ngr',
      bands:
        revshare.tiers?.bands.map((b) => ({ from: byNgr ? money(b.from) : text(b.from), rate: b.rate })) ??
        draft.revshare.bands,
      carry_over: !!revshare.carry_over,
      carry_over_cap: money(revshare.carry_over_cap),
    };
  }
  if (sale_share)
    draft.sale_share = {
      on: true,
      kind: sale_share.percent != null ? 'percent' : 'amount',
      percent: sale_share.percent ?? '',
      amount: money(sale_share.amount),
      duration: sale_share.duration,
      months: text(sale_share.months),
    };
  if (sub_affiliate)
    draft.sub_affiliate = {
      on: true,
      levels: sub_affiliate.levels.map((l) => ({
        cpa_fee: money(l.cpa_fee),
        revshare_cut_percent: l.revshare_cut_percent ?? '',
        net_pl_cut_percent: l.net_pl_cut_percent ?? '',
      })),
    };
  return draft;
}

/**
 * The draft as the API's definition, and the problems found reading it (an amount that is not
 * one), by the server's paths. A value that cannot be read goes to the server as typed, so its
 * answer still names every other problem in the same round; the form shows the browser's words
 * for the ones it found.
 */
export function definitionOf(
  draft: Draft,
  minorUnit: number,
): { definition: Definition; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  // The server refuses what is not a number, so an unreadable amount is sent as typed.
  const money = (text: string, path: string): number | undefined => {
    if (!text.trim()) return undefined;
    const parsed = inputToMinor(text, minorUnit);
    if (parsed.ok) return parsed.minor;
    problems[`definition.${path}`] = parsed.message;
    return text as unknown as number;
  };
  const count = (text: string): number | undefined => {
    const t = text.trim();
    if (!t) return undefined;
    return /^\d+$/.test(t) ? Number(t) : (t as unknown as number);
  };
  const percent = (text: string) => (text.trim() ? text.trim().replace(',', '.') : undefined);
  const definition: Definition = {};
  const { cpl, cpa, revshare, sale_share, sub_affiliate } = draft;
  if (cpl.on)
    definition.cpl = {
      amount: money(cpl.amount, 'cpl.amount') as number,
      ...(cpl.qualified_only ? { qualified_only: true } : {}),
    };
  if (cpa.on) {
    const qualification: NonNullable<Definition['cpa']>['qualification'] = {};
    if (cpa.combine === 'any') qualification.combine = 'any';
    for (const [key] of MONEY_RULES) {
      const v = money(cpa.rules[key], `cpa.qualification.${key}`);
      if (v !== undefined) qualification[key] = v;
    }
    for (const [key] of COUNT_RULES) {
      const v = count(cpa.rules[key]);
      if (v !== undefined) qualification[key] = v;
    }
    const within = count(cpa.within_days);
    if (within !== undefined) qualification.within_days = within;
    if (cpa.countries.length) qualification.countries = cpa.countries;
    const countryAmounts: Record<string, number> = {};
    for (const row of cpa.country_amounts)
      if (row.country) {
        const v = money(row.amount, `cpa.country_amounts.${row.country}`);
        countryAmounts[row.country] = v ?? (null as unknown as number);
      }
    const hold = count(cpa.hold_days);
    definition.cpa = {
      amount: money(cpa.amount, 'cpa.amount') as number,
      ...(Object.keys(countryAmounts).length ? { country_amounts: countryAmounts } : {}),
      qualification,
      ...(hold !== undefined ? { hold_days: hold } : {}),
      ...(cpa.tiers_on
        ? {
            tiers: {
              mode: cpa.tiers_mode,
              levels: cpa.levels.map((l, i) => ({
                from: count(l.from) as number,
                amount: money(l.amount, `cpa.tiers.levels[${i}].amount`) as number,
              })),
            },
          }
        : {}),
    };
  }
  if (revshare.on) {
    const byNgr = revshare.tiers_by === 'ngr';
    const cap = money(revshare.carry_over_cap, 'revshare.carry_over_cap');
    definition.revshare = {
      basis: revshare.basis,
      rate: percent(revshare.rate) as string,
      ...(revshare.basis === 'ngr' && revshare.deductions.length
        ? {
            deductions: revshare.deductions.map(
              (d) =>
                (isPercentDeduction(d.name) ? { [d.name]: percent(d.percent) ?? '' } : d.name) as Deduction,
            ),
          }
        : {}),
      ...(revshare.tiers_on
        ? {
            tiers: {
              mode: revshare.tiers_mode,
              by: revshare.tiers_by,
              bands: revshare.bands.map((b, i) => ({
                from: (byNgr ? money(b.from, `revshare.tiers.bands[${i}].from`) : count(b.from)) as number,
                rate: percent(b.rate) as string,
              })),
            },
          }
        : {}),
      ...(revshare.carry_over
        ? { carry_over: true, ...(cap !== undefined ? { carry_over_cap: cap } : {}) }
        : {}),
    };
  }
  if (sale_share.on)
    definition.sale_share = {
      ...(sale_share.kind === 'percent'
        ? { percent: percent(sale_share.percent) ?? null }
        : { amount: money(sale_share.amount, 'sale_share.amount') ?? null }),
      duration: sale_share.duration,
      ...(sale_share.duration === 'months' ? { months: count(sale_share.months) as number } : {}),
    };
  if (sub_affiliate.on)
    definition.sub_affiliate = {
      levels: sub_affiliate.levels.map((l, i) => {
        const fee = money(l.cpa_fee, `sub_affiliate.levels[${i}].cpa_fee`);
        return {
          ...(fee !== undefined ? { cpa_fee: fee } : {}),
          ...(percent(l.revshare_cut_percent)
            ? { revshare_cut_percent: percent(l.revshare_cut_percent) }
            : {}),
          ...(percent(l.net_pl_cut_percent) ? { net_pl_cut_percent: percent(l.net_pl_cut_percent) } : {}),
        };
      }),
    };
  return { definition, problems };
}

/** Every input of the draft by its server path, with the label the summary links by. */
export function fieldsOf(draft: Draft): Record<string, string> {
  const f: Record<string, string> = {
    name: 'Name',
    brand_id: 'Brand',
    currency: 'Currency',
    description: 'Description',
    private_affiliate_ids: 'Affiliates who see the plan',
    effective_from: 'Effective from',
    customer_binding: 'Customers follow',
    note: 'Note',
    definition: 'Components',
    'definition.cpl': 'CPL',
    'definition.cpl.amount': 'CPL amount',
    'definition.cpa': 'CPA',
    'definition.cpa.amount': 'CPA amount',
    'definition.cpa.qualification': 'CPA qualification',
    'definition.cpa.qualification.combine': 'Rules combine',
    'definition.cpa.qualification.within_days': 'Within days of registration',
    'definition.cpa.qualification.countries': 'Countries that qualify',
    'definition.cpa.hold_days': 'Hold (days)',
    'definition.cpa.tiers': 'CPA tiers',
    'definition.cpa.tiers.mode': 'CPA tier mode',
    'definition.cpa.tiers.levels': 'CPA tier levels',
    'definition.revshare': 'RevShare',
    'definition.revshare.basis': 'RevShare basis',
    'definition.revshare.rate': 'RevShare rate (%)',
    'definition.revshare.deductions': 'NGR deductions',
    'definition.revshare.tiers': 'RevShare tiers',
    'definition.revshare.tiers.mode': 'RevShare tier mode',
    'definition.revshare.tiers.by': 'RevShare tiers by',
    'definition.revshare.tiers.bands': 'RevShare bands',
    'definition.revshare.carry_over_cap': 'Carry-over cap',
    'definition.sale_share': 'Sale share',
    'definition.sale_share.percent': 'Sale share (%)',
    'definition.sale_share.amount': 'Sale share amount',
    'definition.sale_share.duration': 'Sale share duration',
    'definition.sale_share.months': 'Sale share months',
    'definition.sub_affiliate.levels': 'Sub-affiliate levels',
  };
  for (const [key, label] of [...MONEY_RULES, ...COUNT_RULES])
    f[`definition.cpa.qualification.${key}`] = label;
  draft.cpa.country_amounts.forEach((row, i) => {
    if (row.country) f[`definition.cpa.country_amounts.${row.country}`] = `CPA amount for ${row.country}`;
    f[`definition.cpa.qualification.countries[${i}]`] = `Country ${i + 1}`;
  });
  draft.cpa.countries.forEach((_, i) => {
    f[`definition.cpa.qualification.countries[${i}]`] = `Country ${i + 1}`;
  });
  draft.cpa.levels.forEach((_, i) => {
    f[`definition.cpa.tiers.levels[${i}]`] = `CPA tier ${i + 1}`;
    f[`definition.cpa.tiers.levels[${i}].from`] = `CPA tier ${i + 1} from`;
    f[`definition.cpa.tiers.levels[${i}].amount`] = `CPA tier ${i + 1} amount`;
  });
  draft.revshare.deductions.forEach((d, i) => {
    f[`definition.revshare.deductions[${i}]`] = `Deduction ${i + 1}`;
    f[`definition.revshare.deductions[${i}].${d.name}`] = `${DEDUCTION_LABELS[d.name] ?? d.name}`;
  });
  draft.revshare.bands.forEach((_, i) => {
    f[`definition.revshare.tiers.bands[${i}]`] = `Band ${i + 1}`;
    f[`definition.revshare.tiers.bands[${i}].from`] = `Band ${i + 1} from`;
    f[`definition.revshare.tiers.bands[${i}].rate`] = `Band ${i + 1} rate`;
  });
  draft.sub_affiliate.levels.forEach((_, i) => {
    f[`definition.sub_affiliate.levels[${i}]`] = `Sub-affiliate level ${i + 1}`;
    f[`definition.sub_affiliate.levels[${i}].cpa_fee`] = `Level ${i + 1} CPA fee`;
    f[`definition.sub_affiliate.levels[${i}].revshare_cut_percent`] = `Level ${i + 1} RevShare cut (%)`;
    f[`definition.sub_affiliate.levels[${i}].net_pl_cut_percent`] = `Level ${i + 1} net P/L cut (%)`;
  });
  return f;
}
