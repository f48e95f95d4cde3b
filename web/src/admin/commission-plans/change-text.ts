import { formatDateTime } from '../../format.ts';
import { COUNT_RULES, DEDUCTION_LABELS, MONEY_RULES } from './draft.ts';
import { major } from './worked-example.ts';

const COMPONENT: Record<string, string> = {
  cpl: 'CPL',
  cpa: 'CPA',
  revshare: 'RevShare',
  sale_share: 'Sale share',
  sub_affiliate: 'Sub-affiliate',
};

const WORDS: Record<string, string> = {
  amount: 'amount',
  qualified_only: 'qualified leads only',
  country_amounts: 'amount for',
  qualification: '',
  combine: 'rules combine',
  within_days: 'within days of registration',
  countries: 'countries that qualify',
  hold_days: 'hold (days)',
  tiers: 'tiers',
  mode: 'mode',
  levels: 'tier',
  basis: 'basis',
  rate: 'rate',
  deductions: 'NGR deductions',
  by: 'by',
  bands: 'band',
  from: 'from',
  carry_over: 'carry-over',
  carry_over_cap: 'carry-over cap',
  percent: 'percentage',
  duration: 'duration',
  months: 'months',
  cpa_fee: 'CPA fee',
  revshare_cut_percent: 'RevShare cut',
  net_pl_cut_percent: 'net P/L cut',
  customer_binding: 'Customers follow',
  effective_from: 'Effective from',
  ...Object.fromEntries([...MONEY_RULES, ...COUNT_RULES].map(([k, l]) => [k, l.toLowerCase()])),
};

const MONEY =
  /(^definition\.(cpl|cpa)\.amount$|country_amounts\.[A-Z]{2}$|qualification\.min_(first_deposit|deposit_total|net_deposit|bets)$|levels\[\d+\]\.amount$|carry_over_cap$|sale_share\.amount$|cpa_fee$)/;
const PERCENT = /(\.rate$|_percent$|sale_share\.percent$)/;

/** "definition.cpa.tiers.levels[1].amount" reads "CPA tier 2 amount". */
export function changeLabel(field: string): string {
  const parts = field.replace(/^definition\./, '').split('.');
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === 0 && COMPONENT[part]) {
      out.push(COMPONENT[part]);
      continue;
    }
    const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
    if (indexed) {
      const word =
        indexed[1] === 'levels' && parts[0] === 'sub_affiliate' ? 'level' : WORDS[indexed[1] ?? ''];
      out.push(`${word ?? indexed[1]} ${Number(indexed[2]) + 1}`);
    } else if (/^[A-Z]{2}$/.test(part)) out.push(part);
    else if (WORDS[part] !== '') out.push(WORDS[part] ?? DEDUCTION_LABELS[part] ?? part.replaceAll('_', ' '));
  }
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueText(field: string, value: unknown, minorUnit: number, byNgr: boolean): string {
  if (value === null || value === undefined) return 'none';
  if (field === 'effective_from' && typeof value === 'string') return formatDateTime(value);
  const bandFrom = /bands\[\d+\]\.from$/.test(field);
  if (typeof value === 'number' && (MONEY.test(field) || (bandFrom && byNgr))) return major(value, minorUnit);
  if (typeof value === 'string' && PERCENT.test(field)) return `${value}%`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value
      .map((v) =>
        typeof v === 'string'
          ? (DEDUCTION_LABELS[v] ?? v)
          : typeof v === 'object' && v
            ? Object.entries(v)
                .map(([k, x]) => `${DEDUCTION_LABELS[k] ?? k.replaceAll('_', ' ')} ${String(x)}`)
                .join(', ')
            : String(v),
      )
      .join('; ');
  if (typeof value === 'object') return 'set';
  return String(value).replaceAll('_', ' ');
}

/** One change as a line: "CPA amount 30.00 → 35.00 EUR". */
export function changeText(
  change: { field: string; before: unknown; after: unknown },
  currency: string,
  minorUnit: number,
  byNgr = true,
): string {
  const label = changeLabel(change.field);
  const isComponent = /^definition\.\w+$/.test(change.field);
  if (isComponent && change.before === null) return `${label} added`;
  if (isComponent && change.after === null) return `${label} removed`;
  const money = MONEY.test(change.field) || (/bands\[\d+\]\.from$/.test(change.field) && byNgr);
  const before = valueText(change.field, change.before, minorUnit, byNgr);
  const after = valueText(change.field, change.after, minorUnit, byNgr);
  return `${label} ${before} → ${after}${money ? ` ${currency}` : ''}`;
}
