import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type AffiliateStatus = 'pending' | 'active' | 'inactive' | 'suspended' | 'declined' | 'view_only';

/** jsonb: read as parsed JSON, written as a JSON string (both drivers agree on that). */
type JsonColumn<T> = ColumnType<T, string | undefined, string>;
type NullableJsonColumn<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type { ActorType } from './actor.ts';

export interface AffiliatesTable {
  id: Generated<number>;
  name: string;
  status: Generated<AffiliateStatus>;
  company_name: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  website_url: string | null;
  account_manager_id: number | null;
  account_executive_id: number | null;
  internal_notes: Generated<string>;
  affiliate_notes: Generated<string>;
  default_currency: string | null;
  language: string | null;
  tier_id: number | null;
  labels: Generated<string[]>;
  referrer_id: number | null;
  external_id: string | null;
  media_cost_override: Generated<boolean>;
  has_notifications: Generated<boolean>;
  no_negative_carry_over: Generated<boolean>;
  api_access_enabled: Generated<boolean>;
  extra_permissions: Generated<string[]>;
  traffic_source_id: number | null;
  address_line1: string | null;
  address_line2: string | null;
  address_line3: string | null;
  apartment: string | null;
  city: string | null;
  region_code: string | null;
  country_code: string | null;
  postal_code: string | null;
  company_registration_number: string | null;
  vat_number: string | null;
  messengers: JsonColumn<Record<string, string>>;
  referral_enabled: Generated<boolean>;
  referral_method: 'flat_fee' | 'percentage' | null;
  referral_value: string | null;
  referral_commission_basis: 'payout' | 'revenue' | 'profit' | null;
  referral_minimum_threshold: Generated<bigint>;
  referral_duration_days: number | null;
  signup_info: NullableJsonColumn<Record<string, unknown>>;
  applied_at: CreatedAt;
  approved_at: Date | null;
  approved_by_type: ActorType | null;
  approved_by_id: number | null;
  approved_by_name: string | null;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  search_text: ColumnType<string, never, never>;
}

export interface AffiliateUsersTable {
  id: Generated<number>;
  affiliate_id: number;
  email: string;
  first_name: Generated<string>;
  last_name: Generated<string>;
  status: Generated<'active' | 'inactive' | 'blocked'>;
  is_owner: Generated<boolean>;
  password_hash: string | null;
  title: Generated<string>;
  work_phone: Generated<string>;
  timezone: string | null;
  phone: Generated<string>;
  skype: Generated<string>;
  telegram: Generated<string>;
  language: Generated<string>;
  report_currency: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AffiliateBillingTable {
  affiliate_id: number;
  frequency: Generated<string>;
  day_of_week: string | null;
  day_of_month: number | null;
  day_of_month_one: number | null;
  day_of_month_two: number | null;
  starting_month: number | null;
  tax_id: string | null;
  auto_invoice: Generated<boolean>;
  auto_invoice_start_date: string | null;
  invoices_hidden_by_default: Generated<boolean>;
  invoice_generation_delay_days: Generated<number>;
  invoice_amount_threshold: Generated<bigint>;
  payment_terms_days: Generated<number>;
  updated_at: CreatedAt;
}

export interface AffiliatePaymentMethodsTable {
  affiliate_id: number;
  type: Generated<string>;
  details: JsonColumn<Record<string, string | boolean>>;
  updated_at: CreatedAt;
}

export interface AffiliateTrafficSourcesTable {
  affiliate_id: number;
  traffic_source_id: number;
}

export interface AffiliateCustomTagsTable {
  affiliate_id: number;
  tag_id: number;
  value_id: number;
}

export interface AffiliateHistoryTable {
  id: Generated<bigint>;
  affiliate_id: number;
  created_at: CreatedAt;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  source: string;
  action: string;
  batch_id: string | null;
  changes: JsonColumn<{ field: string; before: unknown; after: unknown }[]>;
}

/** Tiers, labels and traffic sources share this shape (labels have no status or updated_at). */
export interface ManagedListTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TrafficSourcesTable extends ManagedListTable {
  status: Generated<'active' | 'archived'>;
}

export interface AffiliateLabelsTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
}

export interface CustomTagValuesTable {
  id: Generated<number>;
  tag_id: number;
  value: string;
  created_at: CreatedAt;
}

export interface AffiliateTables {
  affiliates: AffiliatesTable;
  affiliate_users: AffiliateUsersTable;
  affiliate_billing: AffiliateBillingTable;
  affiliate_payment_methods: AffiliatePaymentMethodsTable;
  affiliate_traffic_sources: AffiliateTrafficSourcesTable;
  affiliate_custom_tags: AffiliateCustomTagsTable;
  affiliate_history: AffiliateHistoryTable;
  affiliate_tiers: ManagedListTable;
  affiliate_labels: AffiliateLabelsTable;
  traffic_sources: TrafficSourcesTable;
  custom_tags: ManagedListTable;
  custom_tag_values: CustomTagValuesTable;
}
