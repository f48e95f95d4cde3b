import { Decimal } from 'decimal.js';
import type { PlanDefinition, Qualification } from './plan-definition.ts';

export interface PlanComponentCard {
  component: 'cpl' | 'cpa' | 'revshare' | 'sale_share' | 'sub_affiliate';
  title: string;
  /** What it pays, in plain numbers of the plan's currency ("30.00 EUR per qualified customer"). */
  lines: string[];
}

/** A plan version's components in words, amounts in major units of its currency. */
export function describePlan(
  definition: PlanDefinition,
  currency: string,
  minorUnit: number,
): PlanComponentCard[] {
  const money = (minor: number) =>
    `${new Decimal(minor).div(10 ** minorUnit).toFixed(minorUnit)} ${currency}`;
  const cards: PlanComponentCard[] = [];
  const { cpl, cpa, revshare, sale_share, sub_affiliate } = definition;
  if (cpl)
    cards.push({
      component: 'cpl',
      title: 'CPL',
      lines: [`${money(cpl.amount)} per ${cpl.qualified_only ? 'qualified ' : ''}registration`],
    });
  if (cpa) {
    const lines = [`${money(cpa.amount)} per qualified customer`];
    for (const [country, amount] of Object.entries(cpa.country_amounts ?? {}))
      lines.push(`${money(amount)} for customers in ${country}`);
    lines.push(`Qualifies with ${qualificationText(cpa.qualification, money)}`);
    if (cpa.hold_days) lines.push(`Approved after a hold of ${cpa.hold_days} days`);
    for (const level of cpa.tiers?.levels ?? [])
      lines.push(`From the ${ordinal(level.from)} qualified customer of the period: ${money(level.amount)}`);
    if (cpa.tiers)
      lines.push(
        cpa.tiers.mode === 'whole_period'
          ? 'The tier reached pays every CPA of the period'
          : 'A tier pays the CPAs past its threshold',
      );
    cards.push({ component: 'cpa', title: 'CPA', lines });
  }
  if (revshare) {
    const basis = { ngr: 'NGR', net_pl: 'net P/L', net_deposits: 'net deposits' }[revshare.basis];
    const lines = [`${revshare.rate}% of ${basis}`];
    const deductions = (revshare.deductions ?? []).map((d) =>
      typeof d === 'string'
        ? d.replace(/_/g, ' ')
        : Object.entries(d).map(([k, v]) => `${k.replace(/_percent$/, '').replace(/_/g, ' ')} ${v}%`)[0],
    );
    if (revshare.basis === 'ngr' && deductions.length)
      lines.push(`NGR is bets minus wins, less ${deductions.join(', ')}`);
    if (revshare.tiers) {
      const unit = (from: number) =>
        revshare.tiers?.by === 'ngr' ? money(from) : `${from} qualified customers`;
      for (const band of revshare.tiers.bands) lines.push(`From ${unit(band.from)}: ${band.rate}%`);
      lines.push(
        revshare.tiers.mode === 'tiered'
          ? 'The rate reached applies to the whole amount'
          : 'Each rate applies to the part inside its band',
      );
    }
    if (revshare.carry_over)
      lines.push(
        revshare.carry_over_cap != null
          ? `A negative balance carries over to the next period, up to ${money(revshare.carry_over_cap)}`
          : 'A negative balance carries over to the next period',
      );
    cards.push({ component: 'revshare', title: 'RevShare', lines });
  }
  if (sale_share) {
    const what =
      sale_share.percent != null
        ? `${sale_share.percent}% of each sale`
        : `${money(sale_share.amount ?? 0)} per sale`;
    const when = {
      first_sale: 'on the first sale only',
      months: `for ${sale_share.months} months of recurring sales`,
      lifetime: "for the customer's lifetime",
    }[sale_share.duration];
    cards.push({ component: 'sale_share', title: 'Sale share', lines: [`${what}, ${when}`] });
  }
  if (sub_affiliate)
    cards.push({
      component: 'sub_affiliate',
      title: 'Sub-affiliates',
      lines: sub_affiliate.levels.map((level, i) => {
        const parts = [
          level.cpa_fee != null && `${money(level.cpa_fee)} per qualified customer`,
          level.revshare_cut_percent != null && `${level.revshare_cut_percent}% of their RevShare`,
          level.net_pl_cut_percent != null && `${level.net_pl_cut_percent}% of their net P/L`,
        ].filter(Boolean);
        return `Level ${i + 1}: ${parts.join(', ')}`;
      }),
    });
  return cards;
}

function qualificationText(q: Qualification, money: (minor: number) => string): string {
  const rules = [
    q.min_first_deposit != null && `a first deposit of at least ${money(q.min_first_deposit)}`,
    q.min_deposit_count != null && `at least ${q.min_deposit_count} deposits`,
    q.min_deposit_total != null && `deposits of at least ${money(q.min_deposit_total)} in total`,
    q.min_net_deposit != null && `a net deposit of at least ${money(q.min_net_deposit)}`,
    q.min_bets != null && `bets of at least ${money(q.min_bets)}`,
    q.min_bet_count != null && `at least ${q.min_bet_count} bets`,
  ].filter((r): r is string => !!r);
  let text = rules.join(q.combine === 'any' ? ' or ' : ' and ');
  if (q.within_days) text += ` within ${q.within_days} days of registration`;
  if (q.countries?.length) text += `, in ${q.countries.join(', ')}`;
  return text;
}

function ordinal(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}
