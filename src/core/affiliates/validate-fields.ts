// @internal: only core/affiliates imports this file.
import type { FieldError } from '../errors.ts';
import { BILLING_FREQUENCIES, validateBillingSchedule } from './billing-rules.ts';
import { isExtraPermission } from './extra-permissions.ts';
import {
  isCountryCode,
  isCurrencyCode,
  isDateOnly,
  isDecimal,
  isEmail,
  isHttpUrl,
  isLanguage,
  isPhone,
  isRegionCode,
} from './formats.ts';
import { PAYMENT_TYPES, validatePaymentMethod } from './payment-methods.ts';
import { ADDRESS_KEYS, type AffiliateFields, MESSENGER_KEYS } from './state.ts';
import { AFFILIATE_STATUSES } from './status.ts';

type Check = [ok: boolean, path: string, message: string];

const LIMITS = {
  name: 255,
  company_name: 255,
  contact_name: 255,
  external_id: 255,
  company_registration_number: 64,
  vat_number: 64,
  internal_notes: 20_000,
  affiliate_notes: 20_000,
} as const;

const MAX_DAYS = 3650;

/**
 * Shape rules every affiliate satisfies, needing no database: run on the state a change
 * produces, and on the current state when a bulk edit checks it is valid to begin with.
 */
export function formatProblems(f: AffiliateFields): FieldError[] {
  const checks: Check[] = [
    [f.name.length > 0, 'name', 'is required'],
    [AFFILIATE_STATUSES.includes(f.status), 'status', `must be one of: ${AFFILIATE_STATUSES.join(', ')}`],
    [f.email === null || isEmail(f.email), 'email', 'enter an email like name@example.com'],
    [f.phone === null || isPhone(f.phone), 'phone', 'must be a phone number'],
    [
      f.website_url === null || isHttpUrl(f.website_url),
      'website_url',
      'enter a web address like https://example.com',
    ],
    [
      f.default_currency === null || isCurrencyCode(f.default_currency),
      'default_currency',
      'must be a currency code such as USD',
    ],
    [
      f.language === null || isLanguage(f.language),
      'language',
      'must be a language code such as en or pt-BR',
    ],
    [f.labels.length <= 100, 'labels', 'must hold at most 100 labels'],
    [f.referrer_id === null || f.referrer_id > 0, 'referrer_id', 'must be an affiliate id'],
  ];
  for (const [key, max] of Object.entries(LIMITS)) {
    const value = f[key as keyof typeof LIMITS];
    checks.push([value === null || value.length <= max, key, `must be at most ${max} characters`]);
  }
  f.labels.forEach((label, i) => {
    checks.push([label.length <= 64, `labels[${i}]`, 'must be at most 64 characters']);
  });
  f.extra_permissions.forEach((p, i) => {
    checks.push([isExtraPermission(p), `extra_permissions[${i}]`, `unknown permission "${p}"`]);
  });
  const tagIds = f.custom_tags.map((t) => t.tag_id);
  checks.push([new Set(tagIds).size === tagIds.length, 'custom_tags', 'must hold one value per tag']);
  if (f.address) {
    const a = f.address;
    for (const key of ADDRESS_KEYS) {
      checks.push([(a[key] ?? '').length <= 255, `address.${key}`, 'must be at most 255 characters']);
    }
    checks.push([
      a.country_code === null || isCountryCode(a.country_code),
      'address.country_code',
      'must be a two-letter ISO country code',
    ]);
    checks.push([
      a.region_code === null || isRegionCode(a.region_code),
      'address.region_code',
      'must be an ISO 3166-2 subdivision code such as CA',
    ]);
    checks.push([
      a.region_code === null || a.country_code !== null,
      'address.country_code',
      'is required with a region',
    ]);
  }
  for (const [key, value] of Object.entries(f.messengers)) {
    checks.push([
      (MESSENGER_KEYS as readonly string[]).includes(key),
      `messengers.${key}`,
      `is not a known messenger; known: ${MESSENGER_KEYS.join(', ')}`,
    ]);
    checks.push([(value ?? '').length <= 200, `messengers.${key}`, 'must be at most 200 characters']);
  }
  checks.push(...referralChecks(f));
  checks.push(...billingChecks(f));
  const errors = checks.filter(([ok]) => !ok).map(([, path, message]) => ({ path, message }));
  if (BILLING_FREQUENCIES.includes(f.billing.frequency)) {
    errors.push(...validateBillingSchedule(f.billing.frequency, f.billing.details, 'billing'));
  }
  if (PAYMENT_TYPES.includes(f.payment_method.type)) {
    errors.push(...validatePaymentMethod(f.payment_method.type, f.payment_method.details, 'payment_method'));
  } else {
    errors.push({ path: 'payment_method.type', message: `must be one of: ${PAYMENT_TYPES.join(', ')}` });
  }
  return dedupeErrors(errors);
}

function referralChecks(f: AffiliateFields): Check[] {
  const r = f.referral;
  const checks: Check[] = [
    [
      r.value === null || isDecimal(r.value),
      'referral.value',
      'must be a decimal number with up to 6 places',
    ],
    [r.minimum_threshold >= 0n, 'referral.minimum_threshold', 'must not be negative'],
    [
      r.duration_days === null || (Number.isInteger(r.duration_days) && r.duration_days >= 0),
      'referral.duration_days',
      'must be a whole number of days',
    ],
    [
      r.minimum_threshold === 0n || f.default_currency !== null,
      'default_currency',
      'is required when a referral minimum threshold is set (the amount is in this currency)',
    ],
  ];
  if (r.enabled) {
    checks.push([r.method !== null, 'referral.method', 'is required when referral commissions are enabled']);
    checks.push([r.value !== null, 'referral.value', 'is required when referral commissions are enabled']);
    checks.push([
      r.commission_basis !== null,
      'referral.commission_basis',
      'is required when referral commissions are enabled',
    ]);
  }
  if (r.method === 'percentage' && r.value !== null && isDecimal(r.value)) {
    checks.push([Number(r.value) <= 100, 'referral.value', 'must be at most 100 (percent)']);
  }
  if (r.method === 'flat_fee') {
    checks.push([
      f.default_currency !== null,
      'default_currency',
      'is required for a flat-fee referral commission',
    ]);
  }
  return checks;
}

function billingChecks(f: AffiliateFields): Check[] {
  const b = f.billing;
  const days = (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_DAYS;
  return [
    [
      BILLING_FREQUENCIES.includes(b.frequency),
      'billing.frequency',
      `must be one of: ${BILLING_FREQUENCIES.join(', ')}`,
    ],
    [
      !b.auto_invoice || b.auto_invoice_start_date !== null,
      'billing.auto_invoice_start_date',
      'is required when auto_invoice is true',
    ],
    [
      b.auto_invoice_start_date === null || isDateOnly(b.auto_invoice_start_date),
      'billing.auto_invoice_start_date',
      'must be a date as YYYY-MM-DD',
    ],
    [
      days(b.invoice_generation_delay_days),
      'billing.invoice_generation_delay_days',
      `must be 0 to ${MAX_DAYS} days`,
    ],
    [days(b.payment_terms_days), 'billing.payment_terms_days', `must be 0 to ${MAX_DAYS} days`],
    [b.invoice_amount_threshold >= 0n, 'billing.invoice_amount_threshold', 'must not be negative'],
    [
      b.invoice_amount_threshold === 0n || f.default_currency !== null,
      'default_currency',
      'is required when an invoice amount threshold is set (the amount is in this currency)',
    ],
    [(b.tax_id ?? '').length <= 64, 'billing.tax_id', 'must be at most 64 characters'],
  ];
}

function dedupeErrors(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
}
