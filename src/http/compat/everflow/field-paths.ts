/**
 * Native field paths (what core validation names) in Everflow's names, so an error names the
 * field the caller sent. Longest prefix first; a path with no Everflow name stays native.
 */
const PREFIXES: [native: string, everflow: string][] = [
  ['payment_method.details.', 'billing.billing.'],
  ['payment_method.type', 'billing.payment_type'],
  ['payment_method', 'billing.payment_type'],
  ['billing.frequency', 'billing.billing_frequency'],
  ['billing.auto_invoice_start_date', 'billing.auto_invoice_start_date'],
  ['billing.auto_invoice', 'billing.is_invoice_creation_auto'],
  ['billing.invoices_hidden_by_default', 'billing.default_invoice_is_hidden'],
  ['billing.invoice_generation_delay_days', 'billing.invoice_generation_days_delay'],
  ['billing.payment_terms_days', 'billing.default_payment_terms'],
  ['address.line1', 'contact_address.address_1'],
  ['address.line2', 'contact_address.address_2'],
  ['address.postal_code', 'contact_address.zip_postal_code'],
  ['address.', 'contact_address.'],
  ['address', 'contact_address'],
  ['account_manager_id', 'network_employee_id'],
  ['default_currency', 'default_currency_id'],
  ['media_cost_override', 'enable_media_cost_tracking_links'],
  ['tier_id', 'network_affiliate_tier_id'],
  ['traffic_source_id', 'network_traffic_source_id'],
  ['status', 'account_status'],
];

const USER_FIELDS: Record<string, string> = {
  status: 'account_status',
  phone: 'cell_phone',
  timezone: 'timezone_id',
  language: 'language_id',
  currency: 'currency_id',
  skype: 'instant_messaging_identifier',
  telegram: 'instant_messaging_identifier',
};

export function toEverflowPath(path: string): string {
  const user = /^(users\[\d+\]\.)(\w+)(.*)$/.exec(path);
  if (user) return `${user[1]}${USER_FIELDS[user[2]!] ?? user[2]}${user[3]}`;
  for (const [native, everflow] of PREFIXES) {
    if (path === native || (native.endsWith('.') && path.startsWith(native))) {
      return everflow + path.slice(native.length);
    }
  }
  return path;
}
