import { BILLING_FREQUENCIES, type BillingDetails, type BillingFrequency } from './billing-rules.ts';
import { isDateOnly, isDecimal } from './formats.ts';
import type { AffiliateFields, CustomTagAssignment } from './state.ts';
import { AFFILIATE_STATUSES } from './status.ts';

export const BULK_OPERATORS = ['overwrite', 'append', 'delete', 'clear'] as const;
export type BulkOperator = (typeof BULK_OPERATORS)[number];

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

interface FieldDef {
  /** Multi-valued fields take append, delete and clear besides overwrite. */
  list: boolean;
  parse(value: unknown): Parsed;
  get(f: AffiliateFields): unknown;
  set(f: AffiliateFields, value: unknown): void;
  /** List fields: identity of an item for append and delete. */
  key?: (item: unknown) => string;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const idOrNull = (v: unknown) =>
  v === null || (isInt(v) && v > 0) ? ok(v) : bad('must be a positive id or null');
const bool = (v: unknown) => (typeof v === 'boolean' ? ok(v) : bad('must be true or false'));
const oneOf =
  (values: readonly string[], nullable = false) =>
  (v: unknown) =>
    (nullable && v === null) || (typeof v === 'string' && values.includes(v))
      ? ok(v)
      : bad(`must be one of: ${values.join(', ')}${nullable ? ' (or null)' : ''}`);
const text =
  (max: number, nullable = false) =>
  (v: unknown) =>
    (nullable && v === null) || (typeof v === 'string' && v.length <= max)
      ? ok(v)
      : bad(`must be a string of at most ${max} characters${nullable ? ' or null' : ''}`);
const days =
  (nullable = false) =>
  (v: unknown) =>
    (nullable && v === null) || (isInt(v) && v >= 0 && v <= 3650)
      ? ok(v)
      : bad('must be a whole number of days (0 to 3650)');
const money = (v: unknown) =>
  isInt(v) && v >= 0 ? ok(BigInt(v)) : bad('must be a whole amount in minor units (0 or more)');
const list =
  (item: (v: unknown) => Parsed) =>
  (v: unknown): Parsed => {
    if (!Array.isArray(v) || v.length === 0 || v.length > 100) return bad('must be a list of 1 to 100 items');
    const out: unknown[] = [];
    for (const [i, x] of v.entries()) {
      const p = item(x);
      if (!p.ok) return bad(`[${i}] ${p.message}`);
      out.push(p.value);
    }
    return ok(out);
  };
const label = (v: unknown) =>
  typeof v === 'string' && v.trim().length > 0 && v.trim().length <= 64
    ? ok(v.trim())
    : bad('must be a label of 1 to 64 characters');
const positiveId = (v: unknown) => (isInt(v) && v > 0 ? ok(v) : bad('must be a positive id'));
const tag = (v: unknown) => {
  const t = v as CustomTagAssignment;
  return t && typeof t === 'object' && isInt(t.tag_id) && isInt(t.value_id) && Object.keys(t).length === 2
    ? ok({ tag_id: t.tag_id, value_id: t.value_id })
    : bad('must be { tag_id, value_id }');
};
const schedule = (v: unknown) => {
  const s = v as { frequency?: unknown; details?: unknown };
  if (!s || typeof s !== 'object' || !BILLING_FREQUENCIES.includes(s.frequency as BillingFrequency)) {
    return bad(`must be { frequency, details } with frequency one of: ${BILLING_FREQUENCIES.join(', ')}`);
  }
  if (
    s.details !== undefined &&
    (typeof s.details !== 'object' || s.details === null || Array.isArray(s.details))
  ) {
    return bad('details must be an object');
  }
  return ok({ frequency: s.frequency, details: { ...((s.details as BillingDetails) ?? {}) } });
};

/** A top-level field, read and written as is. */
function top<K extends keyof AffiliateFields>(key: K, parse: (v: unknown) => Parsed): FieldDef {
  return { list: false, parse, get: (f) => f[key], set: (f, v) => Object.assign(f, { [key]: v }) };
}
function topList<K extends keyof AffiliateFields>(
  key: K,
  parse: (v: unknown) => Parsed,
  keyOf: (x: unknown) => string,
): FieldDef {
  return { ...top(key, list(parse)), list: true, key: keyOf };
}
function nested<S extends 'billing' | 'referral'>(
  section: S,
  key: keyof AffiliateFields[S],
  parse: (v: unknown) => Parsed,
): FieldDef {
  return {
    list: false,
    parse,
    get: (f) => (f[section] as unknown as Record<string, unknown>)[key as string],
    set: (f, v) => Object.assign(f[section], { [key]: v }),
  };
}

/**
 * Fields a bulk edit may change, named as in Everflow's patchable fields where it has one.
 * `billing_schedule` replaces Everflow's billing_billing_frequency plus billing_<frequency>: the
 * frequency and its details travel together. Payment methods are per affiliate and not bulk-editable.
 */
export const BULK_FIELDS: Record<string, FieldDef> = {
  status: top('status', oneOf(AFFILIATE_STATUSES)),
  account_manager_id: top('account_manager_id', idOrNull),
  account_executive_id: top('account_executive_id', idOrNull),
  referrer_id: top('referrer_id', idOrNull),
  tier_id: top('tier_id', idOrNull),
  traffic_source_id: top('traffic_source_id', idOrNull),
  default_currency: top('default_currency', (v) =>
    v === null || (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9]{2,9}$/.test(v))
      ? ok(typeof v === 'string' ? v.toUpperCase() : v)
      : bad('must be a currency code or null'),
  ),
  language: top('language', (v) =>
    v === null || (typeof v === 'string' && /^[A-Za-z]{2}([-_][A-Za-z]{2})?$/.test(v))
      ? ok(v)
      : bad('must be a language code or null'),
  ),
  has_notifications: top('has_notifications', bool),
  media_cost_override: top('media_cost_override', bool),
  no_negative_carry_over: top('no_negative_carry_over', bool),
  api_access_enabled: top('api_access_enabled', bool),
  internal_notes: top('internal_notes', text(20_000)),
  affiliate_notes: top('affiliate_notes', text(20_000)),
  labels: topList('labels', label, (x) => String(x).toLowerCase()),
  extra_permissions: topList(
    'extra_permissions',
    (v) => (typeof v === 'string' ? ok(v) : bad('must be a permission name')),
    String,
  ),
  traffic_source_ids: topList('traffic_source_ids', positiveId, String),
  custom_tags: topList('custom_tags', tag, (x) => String((x as CustomTagAssignment).tag_id)),
  billing_schedule: {
    list: false,
    parse: schedule,
    get: (f) => ({ frequency: f.billing.frequency, details: f.billing.details }),
    set: (f, v) => Object.assign(f.billing, v),
  },
  billing_tax_id: nested('billing', 'tax_id', text(64, true)),
  billing_auto_invoice: nested('billing', 'auto_invoice', bool),
  billing_auto_invoice_start_date: nested('billing', 'auto_invoice_start_date', (v) =>
    v === null || (typeof v === 'string' && isDateOnly(v))
      ? ok(v)
      : bad('must be a date as YYYY-MM-DD or null'),
  ),
  billing_invoices_hidden_by_default: nested('billing', 'invoices_hidden_by_default', bool),
  billing_invoice_generation_delay_days: nested('billing', 'invoice_generation_delay_days', days()),
  billing_invoice_amount_threshold: nested('billing', 'invoice_amount_threshold', money),
  billing_payment_terms_days: nested('billing', 'payment_terms_days', days()),
  referral_enabled: nested('referral', 'enabled', bool),
  referral_method: nested('referral', 'method', oneOf(['flat_fee', 'percentage'], true)),
  referral_value: nested('referral', 'value', (v) =>
    v === null ||
    (typeof v === 'string' && isDecimal(v)) ||
    (typeof v === 'number' && v >= 0 && isDecimal(String(v)))
      ? ok(v === null ? null : String(v))
      : bad('must be a decimal number (up to 6 places) or null'),
  ),
  referral_commission_basis: nested(
    'referral',
    'commission_basis',
    oneOf(['payout', 'revenue', 'profit'], true),
  ),
  referral_minimum_threshold: nested('referral', 'minimum_threshold', money),
  referral_duration_days: nested('referral', 'duration_days', days(true)),
};

export const BULK_FIELD_NAMES = Object.keys(BULK_FIELDS);

/** Applies one operator to the fields; the value has been parsed by the field's definition. */
export function applyOperator(
  f: AffiliateFields,
  field: string,
  operator: BulkOperator,
  value: unknown,
): void {
  const def = BULK_FIELDS[field]!;
  def.set(f, nextValue(def, field, operator, def.get(f), value));
}

function nextValue(
  def: FieldDef,
  field: string,
  operator: BulkOperator,
  current: unknown,
  value: unknown,
): unknown {
  if (operator === 'overwrite') return value;
  if (operator === 'clear') return [];
  const items = value as unknown[];
  const list = current as unknown[];
  const key = def.key!;
  if (operator === 'append') {
    if (field === 'custom_tags') {
      // One value per tag: appending a tag's value replaces the value it had.
      const tags = new Set(items.map(key));
      return [...list.filter((x) => !tags.has(key(x))), ...items];
    }
    const have = new Set(list.map(key));
    return [...list, ...items.filter((x) => !have.has(key(x)) && have.add(key(x)))];
  }
  // Delete matches whole items: a custom tag entry is removed only with the value given.
  const identity = field === 'custom_tags' ? (x: unknown) => JSON.stringify(x) : key;
  const removed = new Set(items.map(identity));
  return list.filter((x) => !removed.has(identity(x)));
}
