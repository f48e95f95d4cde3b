import { formatDate, formatDateTime, sentenceCase } from '../../format.ts';
import { minorToInput } from '../../forms/amount.ts';
import { languageLabel } from '../../reference/languages.ts';
import { PROFILE_FIELDS } from './AffiliateForm.tsx';

/** The names the history shows in place of ids; an id not (or no longer) known reads "#id". */
export interface HistoryNames {
  staff: Map<number, string>;
  tiers: Map<number, string>;
  trafficSources: Map<number, string>;
  affiliates: Map<number, string>;
  /** Custom tags and their values, by id. */
  tags: Map<number, string>;
  tagValues: Map<number, string>;
  countries: Map<string, string>;
  /** The affiliate's default currency and its decimals: the amounts' unit. */
  currency: string | null;
  decimals: number;
}

// The fields of the affiliate form keep its labels; these are the rest of the account.
const LABELS: Record<string, string> = {
  ...PROFILE_FIELDS,
  tier_id: 'Tier',
  referrer_id: 'Referrer',
  external_id: 'External id',
  media_cost_override: 'Media cost override',
  has_notifications: 'Notifications',
  no_negative_carry_over: 'No negative carry-over',
  api_access_enabled: 'API access',
  extra_permissions: 'Extra permissions',
  traffic_source_id: 'Main traffic source',
  traffic_source_ids: 'Traffic sources',
  custom_tags: 'Custom tags',
  company_registration_number: 'Company registration',
  applied_at: 'Applied',
  approved_at: 'Approved',
  approved_by: 'Approved by',
  'address.line2': 'Address line 2',
  'address.line3': 'Address line 3',
  'address.apartment': 'Apartment',
  'billing.frequency': 'Billing frequency',
  'billing.tax_id': 'Tax id',
  'billing.auto_invoice': 'Automatic invoices',
  'billing.auto_invoice_start_date': 'Automatic invoices start',
  'billing.invoices_hidden_by_default': 'Invoices hidden by default',
  'billing.invoice_generation_delay_days': 'Invoice delay (days)',
  'billing.invoice_amount_threshold': 'Invoice threshold',
  'billing.payment_terms_days': 'Payment terms (days)',
  'payment_method.type': 'Payment type',
  'referral.enabled': 'Referral commission',
  'referral.minimum_threshold': 'Referral minimum',
  'referral.duration_days': 'Referral duration (days)',
};

const UPPER = new Set(['iban', 'idap', 'vat', 'id', 'url', 'api']);
const words = (key: string) =>
  sentenceCase(key)
    .split(' ')
    .map((w) => (UPPER.has(w.toLowerCase()) ? w.toUpperCase() : w))
    .join(' ');

/** "billing.details.day_of_month" reads "Billing: day of month"; "users[12].email" "User #12: email". */
export function fieldLabel(path: string): string {
  const known = LABELS[path];
  if (known) return known;
  const user = /^users\[(\d+)\]\.(.+)$/.exec(path);
  if (user) return `User #${user[1]}: ${words(user[2]!).toLowerCase()}`;
  const [group, ...rest] = path.split('.');
  if (rest.length === 0) return words(path);
  const prefix: Record<string, string> = {
    billing: 'Billing',
    payment_method: 'Payment',
    referral: 'Referral',
    address: 'Address',
    messengers: 'Messenger',
  };
  const last = rest[rest.length - 1]!;
  return `${prefix[group!] ?? words(group!)}: ${words(last).toLowerCase()}`;
}

const AMOUNTS = new Set(['billing.invoice_amount_threshold', 'referral.minimum_threshold']);
const WORDS =
  /^(status|billing\.frequency|billing\.details\.day_of_week|payment_method\.type|referral\.\w+)$/;

function nameOf(names: Map<number, string>, id: unknown): string {
  return typeof id === 'number' ? (names.get(id) ?? `#${id}`) : String(id);
}

/** A value before or after a change, as a person reads it: names for ids, words for codes. */
export function fieldValue(path: string, value: unknown, names: HistoryNames): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const field = path.replace(/^users\[\d+\]\./, '');
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    if (path === 'traffic_source_ids') return value.map((id) => nameOf(names.trafficSources, id)).join(', ');
    if (path === 'custom_tags')
      return value
        .map(
          (t: { tag_id?: number; value_id?: number }) =>
            `${nameOf(names.tags, t.tag_id)}: ${nameOf(names.tagValues, t.value_id)}`,
        )
        .join(', ');
    return value.map((v) => fieldValue(field, v, names)).join(', ');
  }
  if (typeof value === 'object') {
    const actor = value as { name?: unknown; type?: unknown };
    if (typeof actor.name === 'string') return actor.name || sentenceCase(String(actor.type ?? ''));
    return JSON.stringify(value);
  }
  switch (path) {
    case 'account_manager_id':
    case 'account_executive_id':
      return nameOf(names.staff, value);
    case 'tier_id':
      return nameOf(names.tiers, value);
    case 'traffic_source_id':
      return nameOf(names.trafficSources, value);
    case 'referrer_id':
      return typeof value === 'number' ? `${nameOf(names.affiliates, value)} (#${value})` : String(value);
    case 'language':
      return languageLabel(String(value));
    case 'address.country_code':
      return names.countries.get(String(value)) ?? String(value);
  }
  if (AMOUNTS.has(path) && (typeof value === 'number' || typeof value === 'string'))
    return `${minorToInput(value, names.decimals)}${names.currency ? ` ${names.currency}` : ''}`;
  if (typeof value === 'string') {
    if (/_at$/.test(field) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    if (/_date$/.test(field)) return formatDate(value);
    if (WORDS.test(path) || field === 'status' || field === 'role') return sentenceCase(value);
  }
  return String(value);
}
