import type { BillingDetails } from '../../../core/affiliates/billing-rules.ts';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { getReferralLink } from '../../../core/affiliates/referral-link.ts';
import type { AffiliateUser } from '../../../core/affiliates/users.ts';
import { listCouponCodes } from '../../../core/catalog/coupon-codes/list-coupon-codes.ts';
import { listDestinationLinks } from '../../../core/catalog/links/list-destination-links.ts';
import { summarizeAffiliateMoney } from '../../../core/ledger/summarize-affiliate-money.ts';
import { minorUnitOf } from '../../../core/reference/money-format.ts';
import type { Db } from '../../../db/index.ts';
import { encodedValue, NETWORK_ID, toEverflowSignup, toEverflowUser, unix } from './affiliate-row.ts';
import { formatMoney, toMajorNumber } from './money.ts';
import { toEverflowStatus } from './status.ts';
import { dayOfWeekToInt } from './vocabulary.ts';

/** Find by ID's relationships, in the document's order. */
export const EVERFLOW_RELATIONSHIPS = [
  'reporting',
  'billing',
  'coupon_codes',
  'users',
  'audits',
  'visibility',
  'signup',
  'api',
  'traffic_source',
  'referral_link',
  'referrer',
  'referral',
  'supply_partner',
] as const;
export type EverflowRelationship = (typeof EVERFLOW_RELATIONSHIPS)[number];

/** The native relationships each Everflow one is read from. */
const NATIVE = {
  billing: 'billing',
  users: 'users',
  audits: 'audits',
  signup: 'signup',
  api: 'api_keys',
  traffic_source: 'traffic_sources',
  referrer: 'referrer',
  account_manager: 'account_manager',
} as const;

const COUPONS_SHOWN = 100;

interface StaffCard {
  id: number;
  name: string;
  email: string;
}

function staffContact(s: StaffCard) {
  const [first = '', ...rest] = s.name.trim().split(/\s+/);
  return {
    first_name: first,
    last_name: rest.join(' '),
    email: s.email,
    work_phone: '',
    cell_phone: '',
    instant_messaging_id: 0,
    instant_messaging_identifier: '',
  };
}

type NativeBilling = {
  frequency: string;
  details: BillingDetails;
  tax_id: string | null;
  auto_invoice: boolean;
  auto_invoice_start_date: string | null;
  invoices_hidden_by_default: boolean;
  invoice_generation_delay_days: number;
  invoice_amount_threshold: bigint;
  payment_terms_days: number;
  payment_method: { type: string; details: Record<string, unknown> };
};

function everflowBilling(b: NativeBilling, unit: number) {
  const { day_of_week, ...days } = b.details;
  return {
    billing_frequency: b.frequency,
    payment_type: b.payment_method.type,
    tax_id: b.tax_id ?? '',
    is_invoice_creation_auto: b.auto_invoice,
    auto_invoice_start_date: b.auto_invoice_start_date ?? '',
    default_invoice_is_hidden: b.invoices_hidden_by_default,
    invoice_generation_days_delay: b.invoice_generation_delay_days,
    invoice_amount_threshold: toMajorNumber(b.invoice_amount_threshold, unit),
    default_payment_terms: b.payment_terms_days,
    details: { ...(day_of_week ? { day_of_week: dayOfWeekToInt(day_of_week) } : {}), ...days },
    // Masked as the native read masks them: the last 4 characters, an email's first letter.
    billing: b.payment_method.details,
  };
}

/**
 * GET /v1/networks/affiliates/:id as Everflow shows it: the document's fields in its order,
 * `relationship` with labels, the account manager and encoded_value always, and each
 * relationship asked for. Every part is read through the native reads.
 */
export async function everflowAffiliate(
  db: Db,
  id: number,
  wanted: readonly EverflowRelationship[],
  publicUrl: string,
) {
  const want = new Set(wanted);
  const natives = [
    ...new Set(['account_manager', ...[...want].map((w) => NATIVE[w as keyof typeof NATIVE])]),
  ].filter(Boolean) as never[];
  const view = await getAffiliate(db, id, natives);
  const r = view.relationships as Record<string, unknown>;
  const money = (await summarizeAffiliateMoney({ db, affiliateIds: [id], since: startOfDay() })).get(id)!;
  const unit = await minorUnitOf(db, view.default_currency ?? money.currency);
  const relationship: Record<string, unknown> = {
    labels: { total: view.labels.length, entries: view.labels },
    ...(r.account_manager ? { account_manager: staffContact(r.account_manager as StaffCard) } : {}),
    encoded_value: encodedValue(view.id),
  };
  for (const name of EVERFLOW_RELATIONSHIPS) {
    if (!want.has(name)) continue;
    switch (name) {
      case 'reporting': {
        const u = await minorUnitOf(db, money.currency);
        relationship.reporting = {
          currency_id: money.currency,
          today_revenue: formatMoney(money.earned, money.currency, u),
          today_revenue_amount: toMajorNumber(money.earned, u),
          balance: toMajorNumber(money.available, u),
        };
        break;
      }
      case 'billing':
        relationship.billing = everflowBilling(r.billing as NativeBilling, unit);
        break;
      case 'coupon_codes': {
        const codes = await listCouponCodes({
          db,
          filter: { affiliate_id: id },
          limit: COUPONS_SHOWN,
          offset: 0,
        });
        relationship.coupon_codes = {
          total: codes.total,
          entries: codes.data.map((c) => ({
            network_coupon_code_id: Number(c.id),
            coupon_code: c.code,
            coupon_status: c.enabled ? 'active' : 'inactive',
            time_created: unix(c.created_at),
          })),
        };
        break;
      }
      case 'users': {
        const users = (r.users as AffiliateUser[]).map(toEverflowUser);
        relationship.users = { total: users.length, entries: users };
        break;
      }
      case 'audits': {
        const audits = r.audits as {
          id: number;
          created_at: Date;
          actor: { type: string; name: string };
          source: string;
          action: string;
          changes: unknown[];
        }[];
        relationship.audits = {
          total: audits.length,
          entries: audits.map((a) => ({
            network_audit_id: a.id,
            time_created: unix(a.created_at),
            action: a.action,
            source: a.source,
            user: a.actor.name,
            user_type: a.actor.type,
            changes: a.changes,
          })),
        };
        break;
      }
      case 'visibility': {
        const [visible, all] = await Promise.all([
          listDestinationLinks(db, { visible_to_affiliate_id: id }),
          listDestinationLinks(db),
        ]);
        const shown = new Set(visible.map((l) => l.id));
        const offer = (l: { id: number; name: string }) => ({ network_offer_id: l.id, name: l.name });
        relationship.visibility = {
          visible_offers: visible.map(offer),
          hidden_offers: all.filter((l) => !shown.has(l.id)).map(offer),
          rejected_offers: [],
        };
        break;
      }
      case 'signup':
        relationship.signup = toEverflowSignup(r.signup as Record<string, unknown>);
        break;
      case 'api': {
        const keys = r.api_keys as {
          id: number;
          name: string;
          prefix: string;
          affiliate_user_id: number;
          created_at: Date;
          last_used_at: Date | null;
          revoked_at: Date | null;
        }[];
        relationship.api = {
          total: keys.length,
          entries: keys.map((k) => ({
            network_affiliate_api_key_id: k.id,
            name: k.name,
            key_prefix: k.prefix,
            network_affiliate_user_id: k.affiliate_user_id,
            status: k.revoked_at ? 'inactive' : 'active',
            time_created: unix(k.created_at),
            time_last_used: unix(k.last_used_at),
          })),
        };
        break;
      }
      case 'traffic_source': {
        const sources = r.traffic_sources as { id: number; name: string; status: string }[];
        relationship.traffic_source = {
          total: sources.length,
          entries: sources.map((s) => ({ network_traffic_source_id: s.id, name: s.name, status: s.status })),
        };
        break;
      }
      case 'referral_link': {
        const link = await getReferralLink(db, id, publicUrl);
        relationship.referral_link = { url: link.url, code: link.code };
        break;
      }
      case 'referrer': {
        const ref = r.referrer as { id: number; name: string; status: string } | null;
        relationship.referrer = ref
          ? {
              network_affiliate_id: ref.id,
              name: ref.name,
              account_status: toEverflowStatus(ref.status as never),
            }
          : null;
        break;
      }
      case 'referral':
        relationship.referral = {
          is_enabled: view.referral.enabled,
          method: view.referral.method ?? '',
          value: view.referral.value === null ? 0 : Number(view.referral.value),
          commission_basis: view.referral.commission_basis ?? '',
          minimum_threshold: toMajorNumber(view.referral.minimum_threshold, unit),
          duration: view.referral.duration_days ?? 0,
        };
        break;
      case 'supply_partner':
        // EverXchange is Everflow's own exchange: Affluent has none, so the settings are empty.
        relationship.supply_partner = {};
        break;
    }
  }
  return {
    network_affiliate_id: view.id,
    network_id: NETWORK_ID,
    name: view.name,
    account_status: toEverflowStatus(view.status),
    network_employee_id: view.account_manager_id ?? 0,
    internal_notes: view.internal_notes,
    has_notifications: view.has_notifications,
    network_traffic_source_id: view.traffic_source_id ?? 0,
    account_executive_id: view.account_executive_id ?? 0,
    adress_id: view.address ? view.id : 0,
    default_currency_id: view.default_currency ?? '',
    is_contact_address_enabled: view.address !== null,
    enable_media_cost_tracking_links: view.media_cost_override,
    network_affiliate_tier_id: view.tier_id ?? 0,
    contact_address: view.address
      ? {
          address_1: view.address.line1 ?? '',
          address_2: view.address.line2 ?? '',
          city: view.address.city ?? '',
          region_code: view.address.region_code ?? '',
          country_code: view.address.country_code ?? '',
          zip_postal_code: view.address.postal_code ?? '',
        }
      : null,
    time_created: unix(view.created_at),
    time_saved: unix(view.updated_at),
    relationship,
    referrer_id: view.referrer_id ?? 0,
  };
}

/** Midnight UTC today: Everflow's "today" of today_revenue. */
export function startOfDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
