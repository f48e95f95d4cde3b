import { Type } from 'typebox';
import { AFFILIATE_RELATIONSHIPS } from '../../core/affiliates/affiliate-relationships.ts';
import { BULK_OPERATORS } from '../../core/affiliates/bulk-edit-fields.ts';
import { EXTRA_PERMISSION_NAMES } from '../../core/affiliates/extra-permissions.ts';
import { MESSENGER_KEYS } from '../../core/affiliates/state.ts';
import {
  AffiliateStatus,
  AffiliateUser,
  BillingDetails,
  BillingFrequency,
  Nullable,
  PaymentType,
} from './affiliates.ts';
import { NullableTimestamp, StringEnum, Timestamp } from './common.ts';

const NullStr = Nullable(Type.String());
/** Minor units, a bigint in the core; written as a JSON integer. */
const MinorUnits = (description: string) => Type.Unsafe<bigint | number>({ type: 'integer', description });
const NullInt = Nullable(Type.Integer());
const Actor = Type.Object({
  type: StringEnum(['staff', 'api_key', 'affiliate_user', 'affiliate_api_key', 'system', 'cli']),
  id: NullInt,
  name: Type.String(),
});
const Named = Type.Object({ id: Type.Integer(), name: Type.String() });
const StaffCard = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  status: Type.String(),
});

export const HistoryEntry = Type.Object(
  {
    id: Type.Integer(),
    created_at: Timestamp,
    actor: Actor,
    source: Type.String({
      description: 'api, back_office, bulk_edit, application_review, portal_sign_up, ...',
    }),
    action: Type.String({ description: 'created, replaced, updated, bulk_edit, user_created, user_updated' }),
    batch_id: NullStr,
    changes: Type.Array(
      Type.Object({
        field: Type.String({
          description: 'Dotted path: status, billing.details.day_of_month, users[12].email',
        }),
        before: Type.Unknown(),
        after: Type.Unknown(),
      }),
    ),
  },
  { $id: 'AffiliateHistoryEntry' },
);

const BillingRead = Type.Object({
  frequency: BillingFrequency,
  details: BillingDetails,
  tax_id: NullStr,
  auto_invoice: Type.Boolean(),
  auto_invoice_start_date: NullStr,
  invoices_hidden_by_default: Type.Boolean(),
  invoice_generation_delay_days: Type.Integer(),
  invoice_amount_threshold: MinorUnits('Minor units of threshold_currency'),
  payment_terms_days: Type.Integer(),
  threshold_currency: Nullable(Type.String({ description: 'The default currency the amounts are in' })),
  payment_method: Type.Object({
    type: PaymentType,
    details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()]), {
      description: 'Account numbers, IBANs, ids and emails are masked',
    }),
  }),
});

const Relationships = Type.Object(
  {
    users: Type.Optional(Type.Array(AffiliateUser)),
    billing: Type.Optional(BillingRead),
    account_manager: Type.Optional(Nullable(StaffCard)),
    account_executive: Type.Optional(Nullable(StaffCard)),
    tier: Type.Optional(Nullable(Named)),
    traffic_sources: Type.Optional(
      Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), status: Type.String() })),
    ),
    custom_tags: Type.Optional(
      Type.Array(
        Type.Object({
          tag_id: Type.Integer(),
          tag: Type.String(),
          value_id: Type.Integer(),
          value: Type.String(),
        }),
      ),
    ),
    referrer: Type.Optional(
      Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), status: AffiliateStatus })),
    ),
    referrals: Type.Optional(
      Type.Object({
        total: Type.Integer(),
        entries: Type.Array(
          Type.Object({
            id: Type.Integer(),
            name: Type.String(),
            status: AffiliateStatus,
            created_at: Timestamp,
          }),
        ),
      }),
    ),
    signup: Type.Optional(
      Type.Object(
        {
          applied_at: Timestamp,
          terms_accepted_at: Type.Optional(NullStr),
          ip: Type.Optional(NullStr),
          user_agent: Type.Optional(NullStr),
          referrer_url: Type.Optional(NullStr),
          ref: Type.Optional(NullStr),
        },
        {
          description: 'What the sign-up form captured; only applied_at for affiliates the operator created',
        },
      ),
    ),
    audits: Type.Optional(Type.Array(HistoryEntry, { description: 'The latest 20 history entries' })),
    api_keys: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.Integer(),
          name: Type.String(),
          prefix: Type.String(),
          affiliate_user_id: Type.Integer(),
          created_at: Timestamp,
          last_used_at: NullableTimestamp,
          revoked_at: NullableTimestamp,
        }),
      ),
    ),
  },
  { description: 'Only the relationships asked for with ?relationship=' },
);

export const Affiliate = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    status: AffiliateStatus,
    company_name: NullStr,
    contact_name: NullStr,
    email: NullStr,
    phone: NullStr,
    website_url: NullStr,
    account_manager_id: NullInt,
    account_executive_id: NullInt,
    internal_notes: Type.String(),
    affiliate_notes: Type.String(),
    default_currency: NullStr,
    language: NullStr,
    tier_id: NullInt,
    labels: Type.Array(Type.String()),
    referrer_id: NullInt,
    external_id: NullStr,
    media_cost_override: Type.Boolean(),
    has_notifications: Type.Boolean(),
    no_negative_carry_over: Type.Boolean(),
    api_access_enabled: Type.Boolean(),
    extra_permissions: Type.Array(StringEnum(EXTRA_PERMISSION_NAMES)),
    traffic_source_id: NullInt,
    address: Nullable(
      Type.Object({
        line1: NullStr,
        line2: NullStr,
        line3: NullStr,
        apartment: NullStr,
        city: NullStr,
        region_code: NullStr,
        country_code: NullStr,
        postal_code: NullStr,
      }),
    ),
    company_registration_number: NullStr,
    vat_number: NullStr,
    messengers: Type.Object(Object.fromEntries(MESSENGER_KEYS.map((k) => [k, Type.Optional(Type.String())]))),
    referral: Type.Object({
      enabled: Type.Boolean(),
      method: NullStr,
      value: NullStr,
      commission_basis: NullStr,
      minimum_threshold: MinorUnits('Minor units of default_currency'),
      duration_days: NullInt,
    }),
    applied_at: Timestamp,
    approved_at: NullableTimestamp,
    approved_by: Nullable(Actor),
    last_login_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
    relationships: Relationships,
  },
  { $id: 'Affiliate' },
);

export const RelationshipQuery = Type.Object({
  relationship: Type.Optional(
    Type.Array(StringEnum(AFFILIATE_RELATIONSHIPS), {
      description: 'Repeat to load several: ?relationship=users&relationship=billing',
    }),
  ),
});

export const AffiliateListItem = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    company_name: NullStr,
    contact_name: NullStr,
    email: NullStr,
    status: AffiliateStatus,
    account_manager: Nullable(Named),
    account_executive: Nullable(Named),
    labels: Type.Array(Type.String()),
    tier: Nullable(Named),
    country_code: NullStr,
    region_code: NullStr,
    default_currency: NullStr,
    referrer_id: NullInt,
    external_id: NullStr,
    billing_frequency: BillingFrequency,
    payment_type: PaymentType,
    created_at: Timestamp,
    updated_at: Timestamp,
    approved_at: NullableTimestamp,
    last_login_at: NullableTimestamp,
  },
  { $id: 'AffiliateListItem' },
);

/**
 * The affiliates search pages like every native list (page, page_size, total) and also in the
 * offset and limit its first clients were given; total_count is the same number as total.
 */
export const SearchPaging = Type.Object({
  page: Type.Integer(),
  page_size: Type.Integer(),
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  total_count: Type.Integer({
    description: 'Same as total; kept for clients of the first release',
    deprecated: true,
  }),
});

const FieldChange = Type.Object({
  field: Type.String(),
  operator: StringEnum(BULK_OPERATORS),
  before: Type.Unknown(),
  after: Type.Unknown(),
  status: StringEnum(['ok', 'no_change', 'error']),
  error_message: NullStr,
});

export const BulkEditResult = Type.Object(
  {
    plan_hash: Type.String({ description: 'Send as expected_plan_hash to apply exactly this plan' }),
    applied: Type.Boolean(),
    summary: Type.Object({
      total: Type.Integer(),
      ok: Type.Integer(),
      no_change: Type.Integer(),
      error: Type.Integer(),
      resource_errors: Type.Integer(),
    }),
    changes: Type.Array(
      Type.Object({
        affiliate_id: Type.Integer(),
        name: Type.String(),
        status: StringEnum(['ok', 'no_change', 'error']),
        fields: Type.Array(FieldChange),
        errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
        related_changes: Type.Array(Type.String()),
      }),
    ),
    resource_errors: Type.Array(
      Type.Object({ affiliate_id: Type.Integer(), name: NullStr, message: Type.String() }),
      { description: 'Affiliates that do not exist or are invalid before the patch' },
    ),
  },
  { $id: 'AffiliateBulkEditResult' },
);
