import { DAYS_OF_WEEK, type DayOfWeek } from '../../../core/affiliates/billing-rules.ts';
import type { AffiliateStatus } from '../../../core/affiliates/status.ts';
import { majorUnits } from '../../../core/reference/money-format.ts';
import { toMinor } from './money.ts';
import { nativeStatusFor, toEverflowStatus } from './status.ts';

/**
 * Everflow's patchable fields (Bulk Edit, Patch Preview) as native bulk-edit fields. A few values
 * depend on the affiliate: an account_status word keeps a status that already reads as it (as
 * the full update does), and amounts are major units of the affiliate's default currency.
 */
export interface AffiliateContext {
  status: AffiliateStatus | null;
  minorUnit: number;
}

export type Verdict = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Verdict => ({ ok: true, value });
const bad = (message: string): Verdict => ({ ok: false, message });

export interface PatchField {
  native: string;
  /** labels only: append, delete and clear besides overwrite. */
  list?: boolean;
  toNative(value: unknown, ctx: AffiliateContext): Verdict;
  /** A native before or after value in Everflow's words. */
  show(value: unknown, ctx: AffiliateContext): unknown;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const same = (v: unknown) => ok(v);
const asIs = (v: unknown) => v;

/** Everflow's ids: 0 is none. */
const id = (native: string): PatchField => ({
  native,
  toNative: (v) =>
    isInt(v) && v >= 0 && v <= 2_147_483_647 ? ok(v === 0 ? null : v) : bad('must be an id (0: none)'),
  show: (v) => v ?? 0,
});
const plain = (native: string, show: (v: unknown) => unknown = asIs): PatchField => ({
  native,
  toNative: same,
  show,
});
/** A double of major units; more decimals than the currency has is an error, never a rounding. */
const money = (native: string): PatchField => ({
  native,
  toNative: (v, ctx) => {
    if (typeof v !== 'number' && typeof v !== 'string') return bad('must be an amount such as 100.5');
    const minor = toMinor(v, ctx.minorUnit);
    if (minor === null || minor < 0n)
      return bad(`must be an amount of 0 or more with at most ${ctx.minorUnit} decimals`);
    return ok(Number(minor));
  },
  show: (v, ctx) =>
    v === null || v === undefined ? 0 : Number(majorUnits(BigInt(v as number), ctx.minorUnit)),
});
const wholeDays = (native: string): PatchField => ({
  native,
  toNative: (v) =>
    typeof v === 'number' && Number.isInteger(v) ? ok(v) : bad('must be a whole number of days'),
  show: (v) => v ?? 0,
});

export const PATCH_STATUSES = ['active', 'inactive', 'suspended'] as const;

/** The billing_<frequency> fields: the details of one frequency. */
export const SCHEDULE_FIELDS = {
  billing_weekly: 'weekly',
  billing_bimonthly: 'bimonthly',
  billing_monthly: 'monthly',
  billing_two_months: 'two_months',
  billing_quarterly: 'quarterly',
} as const;
const DETAIL_KEYS: Record<string, readonly string[]> = {
  bimonthly: ['day_of_month_one', 'day_of_month_two'],
  monthly: ['day_of_month'],
  two_months: ['starting_month', 'day_of_month'],
  quarterly: ['starting_month', 'day_of_month'],
};

type Schedule = { frequency: string; details: Record<string, unknown> };

/** billing_billing_frequency and billing_<frequency> travel together as the native billing_schedule. */
const schedulePart = (frequency: string | null): PatchField => ({
  native: 'billing_schedule',
  toNative: same,
  show: (v) => {
    const s = v as Schedule;
    if (frequency === null) return s.frequency;
    if (s.frequency !== frequency) return null;
    if (frequency === 'weekly') return (s.details.day_of_week as string | undefined) ?? '';
    return Object.fromEntries(DETAIL_KEYS[frequency]!.map((k) => [k, s.details[k] ?? 0]));
  },
});

/** Turns the billing_<frequency> value into native details. */
export function scheduleDetails(frequency: string, value: unknown): Verdict {
  if (frequency === 'weekly') {
    return typeof value === 'string' && DAYS_OF_WEEK.includes(value.toLowerCase() as DayOfWeek)
      ? ok({ day_of_week: value.toLowerCase() })
      : bad(`must be one of: ${DAYS_OF_WEEK.join(', ')}`);
  }
  const keys = DETAIL_KEYS[frequency]!;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return bad(`must be an object of ${keys.join(', ')}`);
  const unknown = Object.keys(value).filter((k) => !keys.includes(k));
  if (unknown.length) return bad(`takes only ${keys.join(', ')} (not ${unknown.join(', ')})`);
  const details = value as Record<string, unknown>;
  const notInt = keys.filter((k) => details[k] !== undefined && !isInt(details[k]));
  if (notInt.length) return bad(`${notInt.join(', ')} must be whole numbers`);
  return ok({ ...details });
}

/** Everflow writes "quaterly" in the bulk edit's list of frequencies: the same as quarterly. */
export function frequencyOf(value: unknown): string | null {
  const words = ['weekly', 'bimonthly', 'monthly', 'two_months', 'quarterly', 'manual', 'other'];
  if (value === 'quaterly') return 'quarterly';
  return typeof value === 'string' && words.includes(value) ? value : null;
}

export const PATCH_FIELDS: Record<string, PatchField> = {
  network_employee_id: id('account_manager_id'),
  account_executive_id: id('account_executive_id'),
  referrer_id: id('referrer_id'),
  labels: { ...plain('labels'), list: true },
  account_status: {
    native: 'status',
    toNative: (v, ctx) =>
      PATCH_STATUSES.includes(v as never)
        ? ok(nativeStatusFor(v as (typeof PATCH_STATUSES)[number], ctx.status))
        : bad(`must be one of: ${PATCH_STATUSES.join(', ')}`),
    show: (v) => toEverflowStatus(v as AffiliateStatus),
  },
  default_currency_id: plain('default_currency', (v) => v ?? ''),
  has_notifications: plain('has_notifications'),
  enable_media_cost_tracking_links: plain('media_cost_override'),
  network_traffic_source_id: id('traffic_source_id'),
  internal_notes: plain('internal_notes'),
  billing_payment_method: {
    native: 'payment_method',
    toNative: () =>
      bad(
        'Everflow Pay ("pay") is a payment service of Everflow itself; Affluent pays through the other methods, set per affiliate',
      ),
    show: asIs,
  },
  billing_billing_frequency: schedulePart(null),
  ...Object.fromEntries(Object.entries(SCHEDULE_FIELDS).map(([field, f]) => [field, schedulePart(f)])),
  billing_is_invoice_creation_auto: plain('billing_auto_invoice'),
  billing_invoice_amount_threshold: money('billing_invoice_amount_threshold'),
  billing_auto_invoice_start_date: plain('billing_auto_invoice_start_date', (v) => v ?? ''),
  billing_invoice_generation_days_delay: wholeDays('billing_invoice_generation_delay_days'),
  billing_default_payment_terms: wholeDays('billing_payment_terms_days'),
  billing_default_invoice_is_hidden: plain('billing_invoices_hidden_by_default'),
  referral_is_enabled: plain('referral_enabled'),
  referral_method: plain('referral_method', (v) => v ?? ''),
  referral_value: {
    native: 'referral_value',
    toNative: same,
    show: (v) => (v === null || v === undefined ? 0 : Number(v)),
  },
  referral_commission_basis: plain('referral_commission_basis', (v) => v ?? ''),
  referral_minimum_threshold: money('referral_minimum_threshold'),
  referral_duration: wholeDays('referral_duration_days'),
};

export const PATCH_FIELD_NAMES = Object.keys(PATCH_FIELDS);

/** The vocabulary table the docs show: Everflow's patchable field and the native bulk field. */
export function patchFieldsMarkdown(): string {
  return [
    '| Everflow field_type | native bulk-edit field |',
    '|---|---|',
    ...Object.entries(PATCH_FIELDS).map(
      ([name, f]) =>
        `| \`${name}\` | ${f.native === 'payment_method' ? 'refused: Everflow Pay only' : `\`${f.native}\``} |`,
    ),
  ].join('\n');
}
