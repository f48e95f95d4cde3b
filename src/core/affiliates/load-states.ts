// @internal: only core/affiliates imports this file.
import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AffiliateBillingTable, AffiliatesTable } from '../../db/tables/affiliates.ts';
import type { BillingDetails, BillingFrequency } from './billing-rules.ts';
import { canonicalDecimal } from './formats.ts';
import type { PaymentType } from './payment-methods.ts';
import {
  ADDRESS_KEYS,
  type AffiliateAddress,
  type AffiliateState,
  type BillingSettings,
  defaultBilling,
} from './state.ts';

export type AffiliateRow = Selectable<AffiliatesTable>;

export function addressFromRow(row: AffiliateRow): AffiliateAddress | null {
  const address: AffiliateAddress = {
    line1: row.address_line1,
    line2: row.address_line2,
    line3: row.address_line3,
    apartment: row.apartment,
    city: row.city,
    region_code: row.region_code,
    country_code: row.country_code,
    postal_code: row.postal_code,
  };
  return ADDRESS_KEYS.some((k) => address[k] !== null) ? address : null;
}

export function billingFromRow(row: Selectable<AffiliateBillingTable> | undefined): BillingSettings {
  if (!row) return defaultBilling();
  const details: BillingDetails = {};
  if (row.day_of_week !== null) details.day_of_week = row.day_of_week as BillingDetails['day_of_week'];
  if (row.day_of_month !== null) details.day_of_month = row.day_of_month;
  if (row.day_of_month_one !== null) details.day_of_month_one = row.day_of_month_one;
  if (row.day_of_month_two !== null) details.day_of_month_two = row.day_of_month_two;
  if (row.starting_month !== null) details.starting_month = row.starting_month;
  return {
    frequency: row.frequency as BillingFrequency,
    details,
    tax_id: row.tax_id,
    auto_invoice: row.auto_invoice,
    auto_invoice_start_date: row.auto_invoice_start_date,
    invoices_hidden_by_default: row.invoices_hidden_by_default,
    invoice_generation_delay_days: row.invoice_generation_delay_days,
    invoice_amount_threshold: row.invoice_amount_threshold,
    payment_terms_days: row.payment_terms_days,
  };
}

/** The affiliate row alone, as state; the parts kept in other tables take their defaults. */
export function stateFromRow(row: AffiliateRow): AffiliateState {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    company_name: row.company_name,
    contact_name: row.contact_name,
    email: row.email,
    phone: row.phone,
    website_url: row.website_url,
    account_manager_id: row.account_manager_id,
    account_executive_id: row.account_executive_id,
    internal_notes: row.internal_notes,
    affiliate_notes: row.affiliate_notes,
    default_currency: row.default_currency,
    language: row.language,
    tier_id: row.tier_id,
    labels: row.labels,
    referrer_id: row.referrer_id,
    external_id: row.external_id,
    media_cost_override: row.media_cost_override,
    has_notifications: row.has_notifications,
    no_negative_carry_over: row.no_negative_carry_over,
    api_access_enabled: row.api_access_enabled,
    extra_permissions: row.extra_permissions,
    traffic_source_id: row.traffic_source_id,
    traffic_source_ids: [],
    custom_tags: [],
    address: addressFromRow(row),
    company_registration_number: row.company_registration_number,
    vat_number: row.vat_number,
    messengers: row.messengers ?? {},
    referral: {
      enabled: row.referral_enabled,
      method: row.referral_method,
      value: row.referral_value === null ? null : canonicalDecimal(row.referral_value),
      commission_basis: row.referral_commission_basis,
      minimum_threshold: row.referral_minimum_threshold,
      duration_days: row.referral_duration_days,
    },
    billing: defaultBilling(),
    payment_method: { type: 'none', details: {} },
    applied_at: row.applied_at,
    approved_at: row.approved_at,
    approved_by:
      row.approved_by_type === null
        ? null
        : { type: row.approved_by_type, id: row.approved_by_id, name: row.approved_by_name ?? '' },
    last_login_at: row.last_login_at,
    signup_info: row.signup_info,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Complete states (billing, payment method, traffic sources, custom tags included), in five
 * queries whatever the number of ids. `forUpdate` locks the affiliate rows for the transaction.
 */
export async function loadAffiliateStates(
  db: Db,
  ids: readonly number[],
  options: { forUpdate?: boolean } = {},
): Promise<Map<number, AffiliateState>> {
  const out = new Map<number, AffiliateState>();
  if (ids.length === 0) return out;
  let query = db
    .selectFrom('affiliates')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id');
  if (options.forUpdate) query = query.forUpdate();
  const rows = await query.execute();
  if (rows.length === 0) return out;
  const found = rows.map((r) => r.id);
  const [billing, payments, sources, tags] = await Promise.all([
    db.selectFrom('affiliate_billing').selectAll().where('affiliate_id', 'in', found).execute(),
    db.selectFrom('affiliate_payment_methods').selectAll().where('affiliate_id', 'in', found).execute(),
    db
      .selectFrom('affiliate_traffic_sources')
      .selectAll()
      .where('affiliate_id', 'in', found)
      .orderBy('traffic_source_id')
      .execute(),
    db
      .selectFrom('affiliate_custom_tags')
      .selectAll()
      .where('affiliate_id', 'in', found)
      .orderBy('tag_id')
      .execute(),
  ]);
  for (const row of rows) out.set(row.id, stateFromRow(row));
  for (const b of billing) out.get(b.affiliate_id)!.billing = billingFromRow(b);
  for (const p of payments) {
    out.get(p.affiliate_id)!.payment_method = { type: p.type as PaymentType, details: p.details ?? {} };
  }
  for (const s of sources) out.get(s.affiliate_id)!.traffic_source_ids.push(s.traffic_source_id);
  for (const t of tags) out.get(t.affiliate_id)!.custom_tags.push({ tag_id: t.tag_id, value_id: t.value_id });
  return out;
}

export async function loadAffiliateState(
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<AffiliateState | undefined> {
  return (await loadAffiliateStates(db, [id], options)).get(id);
}
