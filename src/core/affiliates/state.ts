import type { Db } from '../../db/index.ts';
import type { BillingDetails, BillingFrequency } from './billing-rules.ts';
import type { PaymentDetails, PaymentType } from './payment-methods.ts';
import type { AffiliateStatus } from './status.ts';

/** Who made a change: recorded in history and, for approvals, on the affiliate itself. */
export type { Actor } from '../actor.ts';

import type { Actor } from '../actor.ts';

/** How the change reached us: api, back_office, bulk_edit, portal, compat_everflow, ... */
export type ChangeSource = string;

export interface ChangeContext {
  actor: Actor;
  source: ChangeSource;
  /** A limited account manager's staff id: only their affiliates may be referred to (referrer_id). */
  managerId?: number;
}

/**
 * What every write of the affiliates core is given beside its own arguments: the database (or the
 * caller's transaction, which it then joins) and who makes the change through which door.
 */
export interface AffiliateWrite extends ChangeContext {
  db: Db;
}

export const MESSENGER_KEYS = [
  'skype',
  'telegram',
  'discord',
  'whatsapp',
  'signal',
  'facebook',
  'vk',
  'wechat',
  'line',
  'viber',
] as const;
export type MessengerKey = (typeof MESSENGER_KEYS)[number];

export interface AffiliateAddress {
  line1: string | null;
  line2: string | null;
  line3: string | null;
  apartment: string | null;
  city: string | null;
  region_code: string | null;
  country_code: string | null;
  postal_code: string | null;
}
export const ADDRESS_KEYS = [
  'line1',
  'line2',
  'line3',
  'apartment',
  'city',
  'region_code',
  'country_code',
  'postal_code',
] as const satisfies readonly (keyof AffiliateAddress)[];

export interface ReferralSettings {
  enabled: boolean;
  method: 'flat_fee' | 'percentage' | null;
  /** Decimal string: a percentage, or a flat fee in major units of the default currency. */
  value: string | null;
  commission_basis: 'payout' | 'revenue' | 'profit' | null;
  /** Minor units of the affiliate's default currency. */
  minimum_threshold: bigint;
  duration_days: number | null;
}

export interface BillingSettings {
  frequency: BillingFrequency;
  details: BillingDetails;
  tax_id: string | null;
  auto_invoice: boolean;
  auto_invoice_start_date: string | null;
  invoices_hidden_by_default: boolean;
  invoice_generation_delay_days: number;
  /** Minor units of the affiliate's default currency. */
  invoice_amount_threshold: bigint;
  payment_terms_days: number;
}

export interface PaymentMethod {
  type: PaymentType;
  details: PaymentDetails;
}

export interface CustomTagAssignment {
  tag_id: number;
  value_id: number;
}

/** Everything a caller may set on an affiliate. Every path of change computes the next one. */
export interface AffiliateFields {
  name: string;
  status: AffiliateStatus;
  company_name: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  website_url: string | null;
  account_manager_id: number | null;
  account_executive_id: number | null;
  internal_notes: string;
  affiliate_notes: string;
  default_currency: string | null;
  language: string | null;
  tier_id: number | null;
  labels: string[];
  referrer_id: number | null;
  external_id: string | null;
  media_cost_override: boolean;
  has_notifications: boolean;
  no_negative_carry_over: boolean;
  api_access_enabled: boolean;
  extra_permissions: string[];
  traffic_source_id: number | null;
  traffic_source_ids: number[];
  custom_tags: CustomTagAssignment[];
  address: AffiliateAddress | null;
  company_registration_number: string | null;
  vat_number: string | null;
  messengers: Partial<Record<MessengerKey, string>>;
  referral: ReferralSettings;
  billing: BillingSettings;
  payment_method: PaymentMethod;
  applied_at: Date;
}

/** The fields plus what only the platform sets. */
export interface AffiliateState extends AffiliateFields {
  id: number;
  approved_at: Date | null;
  approved_by: Actor | null;
  last_login_at: Date | null;
  signup_info: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

export function defaultReferral(): ReferralSettings {
  return {
    enabled: false,
    method: null,
    value: null,
    commission_basis: null,
    minimum_threshold: 0n,
    duration_days: null,
  };
}

export function defaultBilling(): BillingSettings {
  return {
    frequency: 'manual',
    details: {},
    tax_id: null,
    auto_invoice: false,
    auto_invoice_start_date: null,
    invoices_hidden_by_default: false,
    invoice_generation_delay_days: 0,
    invoice_amount_threshold: 0n,
    payment_terms_days: 0,
  };
}

/** What an omitted field becomes on create and on full replace (PUT). */
export function defaultFields(now: Date): AffiliateFields {
  return {
    name: '',
    status: 'pending',
    company_name: null,
    contact_name: null,
    email: null,
    phone: null,
    website_url: null,
    account_manager_id: null,
    account_executive_id: null,
    internal_notes: '',
    affiliate_notes: '',
    default_currency: null,
    language: null,
    tier_id: null,
    labels: [],
    referrer_id: null,
    external_id: null,
    media_cost_override: false,
    has_notifications: true,
    no_negative_carry_over: false,
    api_access_enabled: false,
    extra_permissions: [],
    traffic_source_id: null,
    traffic_source_ids: [],
    custom_tags: [],
    address: null,
    company_registration_number: null,
    vat_number: null,
    messengers: {},
    referral: defaultReferral(),
    billing: defaultBilling(),
    payment_method: { type: 'none', details: {} },
    applied_at: now,
  };
}

export function emptyAddress(): AffiliateAddress {
  return Object.fromEntries(ADDRESS_KEYS.map((k) => [k, null])) as unknown as AffiliateAddress;
}

export function fieldsOf(state: AffiliateState): AffiliateFields {
  const { id, approved_at, approved_by, last_login_at, signup_info, created_at, updated_at, ...fields } =
    state;
  return structuredClone(fields);
}
