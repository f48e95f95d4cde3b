import { Type } from 'typebox';
import { BILLING_FREQUENCIES, DAYS_OF_WEEK } from '../../core/affiliates/billing-rules.ts';
import { EXTRA_PERMISSION_NAMES } from '../../core/affiliates/extra-permissions.ts';
import { PAYMENT_FIELDS, PAYMENT_TYPES } from '../../core/affiliates/payment-methods.ts';
import { MESSENGER_KEYS } from '../../core/affiliates/state.ts';
import { AFFILIATE_STATUSES } from '../../core/affiliates/status.ts';
import { AFFILIATE_USER_STATUSES } from '../../core/affiliates/users.ts';
import { Nullable, StringEnum, Timestamp } from './common.ts';

const Str = (max: number, description?: string) =>
  Type.String({ maxLength: max, ...(description ? { description } : {}) });
const Id = (description: string) => Type.Integer({ minimum: 1, maximum: 2_147_483_647, description });
const Days = (description: string) => Type.Integer({ minimum: 0, maximum: 3650, description });
const Amount = (description: string) =>
  Type.Integer({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: `${description} (minor units of default_currency)`,
  });
const Opt = Type.Optional;

export const AffiliateStatus = StringEnum(AFFILIATE_STATUSES, {
  description:
    'pending -> active | inactive | view_only | declined; declined -> active | view_only; active, inactive, suspended and view_only move among themselves. Nothing returns to pending. Entering an approved status from pending or declined records approved_at and approved_by.',
});
export const BillingFrequency = StringEnum(BILLING_FREQUENCIES);
export const PaymentType = StringEnum(PAYMENT_TYPES);

const paymentDoc = Object.entries(PAYMENT_FIELDS)
  .filter(([, f]) => Object.keys(f).length > 0)
  .map(
    ([type, f]) =>
      `${type}: ${Object.entries(f)
        .map(([k, r]) => `${k}${r.required === true ? '' : ' (optional/conditional)'}`)
        .join(', ')}`,
  )
  .join('; ');

export const Address = Type.Object(
  {
    line1: Opt(Nullable(Str(255))),
    line2: Opt(Nullable(Str(255))),
    line3: Opt(Nullable(Str(255))),
    apartment: Opt(Nullable(Str(255))),
    city: Opt(Nullable(Str(255))),
    region_code: Opt(
      Nullable(Str(3, 'ISO 3166-2 subdivision code without the country prefix (CA for US-CA)')),
    ),
    country_code: Opt(Nullable(Str(2, 'ISO 3166-1 alpha-2'))),
    postal_code: Opt(Nullable(Str(32))),
  },
  { additionalProperties: false },
);

const Messengers = Type.Object(Object.fromEntries(MESSENGER_KEYS.map((k) => [k, Opt(Nullable(Str(200)))])), {
  additionalProperties: false,
  description: 'Messenger handles; null or "" removes one',
});

const Referral = Type.Object(
  {
    enabled: Opt(Type.Boolean()),
    method: Opt(Nullable(StringEnum(['flat_fee', 'percentage']))),
    value: Opt(
      Nullable(
        Type.String({
          pattern: '^\\d{1,14}(\\.\\d{1,6})?$',
          description: 'Decimal: a percentage or a flat fee',
        }),
      ),
    ),
    commission_basis: Opt(Nullable(StringEnum(['payout', 'revenue', 'profit']))),
    minimum_threshold: Opt(Amount('Minimum before a referral commission is paid')),
    duration_days: Opt(Nullable(Days('Days the referral commission lasts'))),
  },
  {
    additionalProperties: false,
    description: 'Commission this affiliate earns on the affiliates it referred',
  },
);

export const BillingDetails = Type.Object(
  {
    day_of_week: Opt(StringEnum(DAYS_OF_WEEK, { description: 'weekly' })),
    day_of_month: Opt(
      Type.Integer({ minimum: 1, maximum: 31, description: 'monthly, two_months, quarterly' }),
    ),
    day_of_month_one: Opt(Type.Integer({ minimum: 1, maximum: 31, description: 'bimonthly' })),
    day_of_month_two: Opt(
      Type.Integer({ minimum: 1, maximum: 31, description: 'bimonthly; after day_of_month_one' }),
    ),
    starting_month: Opt(Type.Integer({ minimum: 1, maximum: 12, description: 'two_months, quarterly' })),
  },
  { additionalProperties: false },
);

const BillingInput = Type.Object(
  {
    frequency: Opt(BillingFrequency),
    details: Opt(BillingDetails),
    tax_id: Opt(Nullable(Str(64))),
    auto_invoice: Opt(Type.Boolean()),
    auto_invoice_start_date: Opt(
      Nullable(Type.String({ format: 'date', description: 'Required when auto_invoice' })),
    ),
    invoices_hidden_by_default: Opt(Type.Boolean()),
    invoice_generation_delay_days: Opt(Days('Days after the period before the invoice is generated')),
    invoice_amount_threshold: Opt(Amount('Below it, sums roll over to the next period')),
    payment_terms_days: Opt(Days('Payment term of generated invoices')),
  },
  {
    additionalProperties: false,
    description:
      'Details must be exactly those the frequency uses: weekly day_of_week; bimonthly day_of_month_one and day_of_month_two; monthly day_of_month; two_months and quarterly starting_month and day_of_month; manual and other none.',
  },
);

export const PaymentMethodInput = Type.Object(
  {
    type: PaymentType,
    // Boolean first: with type coercion on, a string branch first would turn true into "true".
    details: Opt(Type.Record(Type.String(), Type.Union([Type.Boolean(), Type.String({ maxLength: 200 })]))),
  },
  {
    additionalProperties: false,
    description: `Fields per type: ${paymentDoc}. Read back masked; sending a masked value back keeps the stored one.`,
  },
);

const CustomTagRef = Type.Object(
  { tag_id: Id('Custom tag'), value_id: Id('One of its values') },
  { additionalProperties: false },
);

/** Every writable field; create and replace require some, patch none. */
const fieldProps = {
  name: Str(255),
  status: AffiliateStatus,
  company_name: Nullable(Str(255)),
  contact_name: Nullable(Str(255)),
  email: Nullable(Str(254, 'Contact email of the account (users sign in with their own)')),
  phone: Nullable(Str(32)),
  website_url: Nullable(Str(2048)),
  account_manager_id: Nullable(Id('Staff user')),
  account_executive_id: Nullable(Id('Staff user')),
  internal_notes: Str(20_000, 'Operator only'),
  affiliate_notes: Str(20_000, 'Visible to the affiliate'),
  default_currency: Nullable(Str(10, 'ISO 4217 code')),
  language: Nullable(Str(5, 'ISO 639-1, optionally with region (pt-BR)')),
  tier_id: Nullable(Id('Affiliate tier')),
  labels: Type.Array(Str(64), { maxItems: 100 }),
  referrer_id: Nullable(Id('The parent affiliate (this one is its sub-affiliate)')),
  external_id: Nullable(Str(255, 'Id in another system; unique')),
  media_cost_override: Type.Boolean({ description: 'May pass and override cost in tracking links' }),
  has_notifications: Type.Boolean(),
  no_negative_carry_over: Type.Boolean({
    description: 'Negative balances are not carried to the next period',
  }),
  api_access_enabled: Type.Boolean(),
  extra_permissions: Type.Array(StringEnum(EXTRA_PERMISSION_NAMES), { maxItems: 50 }),
  traffic_source_id: Nullable(Id('Main traffic source')),
  traffic_source_ids: Type.Array(Id('Traffic source'), { maxItems: 100 }),
  custom_tags: Type.Array(CustomTagRef, { maxItems: 100 }),
  address: Nullable(Address),
  company_registration_number: Nullable(Str(64, 'Chamber of commerce / company number')),
  vat_number: Nullable(Str(64)),
  messengers: Messengers,
  referral: Referral,
  billing: BillingInput,
  payment_method: PaymentMethodInput,
  applied_at: Type.String({ format: 'date-time', description: 'When the affiliate applied' }),
};

const optionalFields = Type.Partial(Type.Object(fieldProps)).properties;

const UserWritable = {
  first_name: Str(200),
  last_name: Str(200),
  status: StringEnum(AFFILIATE_USER_STATUSES),
  title: Str(200),
  phone: Str(32, 'Cell phone'),
  work_phone: Str(32),
  skype: Str(200),
  telegram: Str(200),
  language: Str(5),
  timezone: Nullable(Str(64, 'IANA time zone, e.g. Europe/Paris')),
  currency: Nullable(Str(10, 'Reporting currency')),
  is_owner: Type.Boolean({ description: 'The account owner; making one owner unmarks the others' }),
};

const optionalUser = Type.Partial(Type.Object(UserWritable)).properties;

export const UserCreateBody = Type.Object(
  {
    // An email in form is checked by core with the other fields, so one answer names them all.
    email: Type.String({
      maxLength: 254,
      description: 'An email address, unique among all affiliate users',
    }),
    ...optionalUser,
    initial_password: Opt(
      Nullable(
        Type.String({
          maxLength: 256,
          description:
            '8+ characters with an uppercase, a lowercase and a non-alphanumeric character. Omitted: the user is emailed a link to set one.',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  { email: Opt(Type.String({ minLength: 3, maxLength: 254, format: 'email' })), ...optionalUser },
  { additionalProperties: false, minProperties: 1 },
);

export const AffiliateUser = Type.Object(
  {
    id: Type.Integer(),
    affiliate_id: Type.Integer(),
    email: Type.String(),
    ...UserWritable,
    status: StringEnum(['active', 'inactive', 'blocked']),
    has_password: Type.Boolean(),
    locked: Type.Boolean({ description: 'Locked after failed sign-ins; see /affiliate-users/{id}/unlock' }),
    two_factor_enabled: Type.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'AffiliateUser' },
);

export const CreateAffiliateBody = Type.Object(
  {
    ...optionalFields,
    name: Str(255),
    users: Opt(
      Type.Array(UserCreateBody, {
        maxItems: 50,
        description: 'Created with the affiliate; the first is the owner',
      }),
    ),
  },
  { additionalProperties: false },
);

export const REPLACE_DESCRIPTION =
  'Full replace: every field left out takes its create-time default (null, "", false, [], {}; has_notifications true; billing frequency manual with no details and zero amounts; payment_method none; referral disabled), except applied_at, which keeps its value. Users are not replaced (use /users).';

export const ReplaceAffiliateBody = Type.Object(
  { ...optionalFields, name: Str(255), status: AffiliateStatus },
  { additionalProperties: false, description: REPLACE_DESCRIPTION },
);

export const PATCH_DESCRIPTION =
  'Only the fields given change. address, messengers, referral and billing merge key by key (billing.details is replaced whole, and cleared when the frequency changes without new details); payment_method is replaced whole.';

export const PatchAffiliateBody = Type.Object(optionalFields, {
  additionalProperties: false,
  minProperties: 1,
  description: PATCH_DESCRIPTION,
});

export { Nullable } from './common.ts';
export { CustomTagRef, Messengers, Referral };
