export type BulkOperator = 'overwrite' | 'append' | 'delete' | 'clear';

export interface BulkFieldChoice {
  field: string;
  label: string;
  kind: 'status' | 'staff' | 'boolean' | 'labels' | 'text' | 'days' | 'currency';
}

/** The fields the screen offers; the API takes more (see /docs). */
export const BULK_CHOICES: BulkFieldChoice[] = [
  { field: 'status', label: 'Status', kind: 'status' },
  { field: 'account_manager_id', label: 'Account manager', kind: 'staff' },
  { field: 'account_executive_id', label: 'Account executive', kind: 'staff' },
  { field: 'labels', label: 'Labels', kind: 'labels' },
  { field: 'default_currency', label: 'Default currency', kind: 'currency' },
  { field: 'has_notifications', label: 'Notifications', kind: 'boolean' },
  { field: 'api_access_enabled', label: 'API access', kind: 'boolean' },
  { field: 'media_cost_override', label: 'Media cost override', kind: 'boolean' },
  { field: 'internal_notes', label: 'Internal notes', kind: 'text' },
  { field: 'billing_payment_terms_days', label: 'Payment terms (days)', kind: 'days' },
];

export function operatorsFor(choice: BulkFieldChoice): BulkOperator[] {
  return choice.kind === 'labels' ? ['overwrite', 'append', 'delete', 'clear'] : ['overwrite'];
}

/** The typed input as the API wants it: ids and days as numbers, labels as a list, "" as null. */
export function toValue(choice: BulkFieldChoice, raw: string): unknown {
  switch (choice.kind) {
    case 'staff':
      return raw ? Number(raw) : null;
    case 'boolean':
      return raw === 'true';
    case 'labels':
      return raw
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
    case 'days':
      return raw === '' ? raw : Number(raw);
    case 'currency':
      return raw.trim() ? raw.trim().toUpperCase() : null;
    default:
      return raw;
  }
}

/** Before and after values as people read them. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
