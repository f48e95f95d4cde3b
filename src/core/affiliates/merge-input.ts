// @internal: only core/affiliates imports this file.
import type { BillingDetails } from './billing-rules.ts';
import { canonicalDecimal, normalizeLanguage } from './formats.ts';
import {
  normalizePaymentDetails,
  type PaymentDetails,
  type PaymentType,
  unmaskEcho,
} from './payment-methods.ts';
import {
  ADDRESS_KEYS,
  type AffiliateAddress,
  type AffiliateFields,
  type BillingSettings,
  type CustomTagAssignment,
  emptyAddress,
  type MessengerKey,
  type PaymentMethod,
  type ReferralSettings,
} from './state.ts';

type Scalars = Omit<
  AffiliateFields,
  'address' | 'messengers' | 'referral' | 'billing' | 'payment_method' | 'applied_at' | 'custom_tags'
>;

/** The API's JSON shape of the fields: every key optional, amounts as plain integers. */
export type AffiliateInput = Partial<Scalars> & {
  custom_tags?: CustomTagAssignment[];
  address?: Partial<AffiliateAddress> | null;
  messengers?: Partial<Record<MessengerKey, string | null>>;
  referral?: Partial<Omit<ReferralSettings, 'minimum_threshold'>> & { minimum_threshold?: number | bigint };
  billing?: Partial<Omit<BillingSettings, 'invoice_amount_threshold' | 'details'>> & {
    invoice_amount_threshold?: number | bigint;
    details?: BillingDetails;
  };
  payment_method?: { type: PaymentType; details?: PaymentDetails };
  applied_at?: string | Date;
};

const NESTED = new Set(['address', 'messengers', 'referral', 'billing', 'payment_method', 'applied_at']);

/**
 * Lays `input` over `base`. Top-level fields replace; address, messengers, referral and billing
 * merge key by key (billing details are replaced whole, and dropped when the frequency changes
 * without new ones); a payment method is replaced whole. With the defaults as base this is the
 * full-replace (PUT) semantics, with the current state it is the partial update (PATCH).
 * `stored` is the payment method on file, so masked values echoed back keep the real ones.
 */
export function mergeInput(
  base: AffiliateFields,
  input: AffiliateInput,
  stored?: PaymentMethod,
): AffiliateFields {
  const next = structuredClone(base);
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || NESTED.has(key)) continue;
    (next as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  if (input.applied_at !== undefined) next.applied_at = new Date(input.applied_at);
  if (input.address === null) next.address = null;
  else if (input.address) next.address = { ...(next.address ?? emptyAddress()), ...input.address };
  if (input.messengers) {
    const messengers: Record<string, string> = { ...next.messengers };
    for (const [k, v] of Object.entries(input.messengers)) {
      if (v === null || v === undefined || v.trim() === '') delete messengers[k];
      else messengers[k] = v;
    }
    next.messengers = messengers;
  }
  if (input.referral) {
    const { minimum_threshold, ...rest } = input.referral;
    next.referral = { ...next.referral, ...stripUndefined(rest) };
    if (minimum_threshold !== undefined) next.referral.minimum_threshold = BigInt(minimum_threshold);
  }
  if (input.billing) {
    const { invoice_amount_threshold, details, ...rest } = input.billing;
    const frequencyChanged = rest.frequency !== undefined && rest.frequency !== next.billing.frequency;
    next.billing = { ...next.billing, ...stripUndefined(rest) };
    if (details !== undefined) next.billing.details = { ...details };
    else if (frequencyChanged) next.billing.details = {};
    if (invoice_amount_threshold !== undefined) {
      next.billing.invoice_amount_threshold = BigInt(invoice_amount_threshold);
    }
  }
  if (input.payment_method) {
    const { type } = input.payment_method;
    const details = input.payment_method.details ?? {};
    next.payment_method = {
      type,
      details: stored ? unmaskEcho(type, details, stored.type, stored.details) : { ...details },
    };
  }
  return normalizeFields(next);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const trimOrNull = (v: string | null) => {
  if (v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
};

/** One spelling per value, so equal meanings compare equal (no_change) and search consistently. */
export function normalizeFields(fields: AffiliateFields): AffiliateFields {
  const f = fields;
  f.name = f.name.trim();
  for (const key of ['company_name', 'contact_name', 'phone', 'website_url', 'external_id'] as const) {
    f[key] = trimOrNull(f[key]);
  }
  f.company_registration_number = trimOrNull(f.company_registration_number);
  f.vat_number = trimOrNull(f.vat_number)?.toUpperCase().replace(/\s+/g, '') ?? null;
  f.email = trimOrNull(f.email)?.toLowerCase() ?? null;
  f.default_currency = trimOrNull(f.default_currency)?.toUpperCase() ?? null;
  f.language = f.language === null || f.language.trim() === '' ? null : normalizeLanguage(f.language);
  f.labels = dedupe(f.labels.map((l) => l.trim()).filter(Boolean), (l) => l.toLowerCase());
  f.extra_permissions = dedupe(f.extra_permissions, (p) => p).sort();
  f.traffic_source_ids = dedupe(f.traffic_source_ids, (n) => n).sort((a, b) => a - b);
  f.custom_tags = [...f.custom_tags].sort((a, b) => a.tag_id - b.tag_id || a.value_id - b.value_id);
  if (f.address) {
    const a = f.address;
    for (const key of ADDRESS_KEYS) a[key] = typeof a[key] === 'string' ? trimOrNull(a[key]) : null;
    a.country_code = a.country_code?.toUpperCase() ?? null;
    a.region_code = a.region_code?.toUpperCase() ?? null;
    if (ADDRESS_KEYS.every((k) => a[k] === null)) f.address = null;
  }
  f.messengers = Object.fromEntries(
    Object.entries(f.messengers)
      .map(([k, v]) => [k, (v ?? '').trim()] as const)
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  if (f.referral.value !== null) f.referral.value = canonicalDecimal(String(f.referral.value).trim());
  f.billing.tax_id = trimOrNull(f.billing.tax_id);
  f.billing.details = orderDetails(f.billing.details);
  f.payment_method = {
    type: f.payment_method.type,
    details: normalizePaymentDetails(f.payment_method.type, f.payment_method.details),
  };
  return f;
}

const DETAIL_ORDER = [
  'day_of_week',
  'day_of_month',
  'day_of_month_one',
  'day_of_month_two',
  'starting_month',
];

/** Known keys in a stable order; unknown ones stay (after them) so validation can name them. */
function orderDetails(details: BillingDetails): BillingDetails {
  const entries = Object.entries(details).filter(([, v]) => v !== undefined && v !== null);
  const rank = (k: string) => (DETAIL_ORDER.includes(k) ? DETAIL_ORDER.indexOf(k) : DETAIL_ORDER.length);
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
}

function dedupe<T>(items: readonly T[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
