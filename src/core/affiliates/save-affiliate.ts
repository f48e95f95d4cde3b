// @internal: only core/affiliates imports this file.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AffiliatesTable } from '../../db/tables/affiliates.ts';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event.ts';
import { diffStates, type FieldChange, recordHistory } from './history.ts';
import { big } from './reference-problems.ts';
import type { AffiliateState, ChangeContext } from './state.ts';

function affiliateRow(s: AffiliateState): Omit<Insertable<AffiliatesTable>, 'id' | 'created_at'> {
  const a = s.address;
  return {
    name: s.name,
    status: s.status,
    company_name: s.company_name,
    contact_name: s.contact_name,
    email: s.email,
    phone: s.phone,
    website_url: s.website_url,
    account_manager_id: s.account_manager_id,
    account_executive_id: s.account_executive_id,
    internal_notes: s.internal_notes,
    affiliate_notes: s.affiliate_notes,
    default_currency: s.default_currency,
    language: s.language,
    tier_id: s.tier_id,
    labels: s.labels,
    referrer_id: s.referrer_id,
    external_id: s.external_id,
    media_cost_override: s.media_cost_override,
    has_notifications: s.has_notifications,
    no_negative_carry_over: s.no_negative_carry_over,
    api_access_enabled: s.api_access_enabled,
    extra_permissions: s.extra_permissions,
    traffic_source_id: s.traffic_source_id,
    address_line1: a?.line1 ?? null,
    address_line2: a?.line2 ?? null,
    address_line3: a?.line3 ?? null,
    apartment: a?.apartment ?? null,
    city: a?.city ?? null,
    region_code: a?.region_code ?? null,
    country_code: a?.country_code ?? null,
    postal_code: a?.postal_code ?? null,
    company_registration_number: s.company_registration_number,
    vat_number: s.vat_number,
    messengers: JSON.stringify(s.messengers),
    referral_enabled: s.referral.enabled,
    referral_method: s.referral.method,
    referral_value: s.referral.value,
    referral_commission_basis: s.referral.commission_basis,
    referral_minimum_threshold: s.referral.minimum_threshold,
    referral_duration_days: s.referral.duration_days,
    applied_at: s.applied_at,
    approved_at: s.approved_at,
    approved_by_type: s.approved_by?.type ?? null,
    approved_by_id: s.approved_by?.id ?? null,
    approved_by_name: s.approved_by?.name ?? null,
    updated_at: s.updated_at,
  };
}

function billingRow(s: AffiliateState) {
  const b = s.billing;
  return {
    frequency: b.frequency,
    day_of_week: b.details.day_of_week ?? null,
    day_of_month: b.details.day_of_month ?? null,
    day_of_month_one: b.details.day_of_month_one ?? null,
    day_of_month_two: b.details.day_of_month_two ?? null,
    starting_month: b.details.starting_month ?? null,
    tax_id: b.tax_id,
    auto_invoice: b.auto_invoice,
    auto_invoice_start_date: b.auto_invoice_start_date,
    invoices_hidden_by_default: b.invoices_hidden_by_default,
    invoice_generation_delay_days: b.invoice_generation_delay_days,
    invoice_amount_threshold: b.invoice_amount_threshold,
    payment_terms_days: b.payment_terms_days,
    updated_at: s.updated_at,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a, big) === JSON.stringify(b, big);

/** Labels not yet in the managed list join it, so the pickers offer them next time. */
async function registerLabels(db: Db, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  await db
    .insertInto('affiliate_labels')
    .values(labels.map((name) => ({ name })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface SaveOptions {
  action: string;
  batchId?: string | null;
}

/**
 * Writes `next` (inserting it when there is no `before`) and its field-level history. The caller
 * runs it in a transaction and has validated `next`. Returns the id and what changed.
 */
export async function saveAffiliate(
  db: Db,
  before: AffiliateState | null,
  next: AffiliateState,
  ctx: ChangeContext,
  options: SaveOptions,
): Promise<{ id: number; changes: FieldChange[] }> {
  const changes = diffStates(before, next);
  if (before && changes.length === 0) return { id: before.id, changes };
  let id = next.id;
  if (!before) {
    const row = await db
      .insertInto('affiliates')
      .values({ ...affiliateRow(next), created_at: next.created_at })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
    next.id = id;
    await db
      .insertInto('affiliate_billing')
      .values({ affiliate_id: id, ...billingRow(next) })
      .execute();
    await db
      .insertInto('affiliate_payment_methods')
      .values({
        affiliate_id: id,
        type: next.payment_method.type,
        details: JSON.stringify(next.payment_method.details),
      })
      .execute();
  } else {
    await db.updateTable('affiliates').set(affiliateRow(next)).where('id', '=', id).execute();
    if (!same(before.billing, next.billing)) {
      await db
        .insertInto('affiliate_billing')
        .values({ affiliate_id: id, ...billingRow(next) })
        .onConflict((oc) => oc.column('affiliate_id').doUpdateSet(billingRow(next)))
        .execute();
    }
    if (!same(before.payment_method, next.payment_method)) {
      const values = { type: next.payment_method.type, details: JSON.stringify(next.payment_method.details) };
      await db
        .insertInto('affiliate_payment_methods')
        .values({ affiliate_id: id, ...values })
        .onConflict((oc) => oc.column('affiliate_id').doUpdateSet({ ...values, updated_at: next.updated_at }))
        .execute();
    }
  }
  if (!before || !same(before.traffic_source_ids, next.traffic_source_ids)) {
    if (before) await db.deleteFrom('affiliate_traffic_sources').where('affiliate_id', '=', id).execute();
    if (next.traffic_source_ids.length > 0) {
      await db
        .insertInto('affiliate_traffic_sources')
        .values(next.traffic_source_ids.map((traffic_source_id) => ({ affiliate_id: id, traffic_source_id })))
        .execute();
    }
  }
  if (!before || !same(before.custom_tags, next.custom_tags)) {
    if (before) await db.deleteFrom('affiliate_custom_tags').where('affiliate_id', '=', id).execute();
    if (next.custom_tags.length > 0) {
      await db
        .insertInto('affiliate_custom_tags')
        .values(next.custom_tags.map((t) => ({ affiliate_id: id, ...t })))
        .execute();
    }
  }
  if (!before || !same(before.labels, next.labels)) await registerLabels(db, next.labels);
  await recordHistory(db, ctx, [
    { affiliateId: id, action: options.action, changes, batchId: options.batchId },
  ]);
  await queueAffiliateWebhooks(db, before, next);
  return { id, changes };
}

/** The operator's affiliate.created and affiliate.approved webhooks, with the change (outbox). */
async function queueAffiliateWebhooks(db: Db, before: AffiliateState | null, next: AffiliateState) {
  const payload = {
    id: next.id,
    name: next.name,
    status: next.status,
    email: next.email,
    company_name: next.company_name,
    account_manager_id: next.account_manager_id,
    created_at: next.created_at,
    approved_at: next.approved_at,
  };
  if (!before) await queueWebhookEvent({ db, type: 'affiliate.created', payload });
  if (next.status === 'active' && before?.status !== 'active')
    await queueWebhookEvent({ db, type: 'affiliate.approved', payload });
}
