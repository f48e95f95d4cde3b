import { type Static, Type } from 'typebox';
import { BILLING_FREQUENCIES } from '../../../core/affiliates/billing-rules.ts';
import { StringEnum } from '../../schemas/common.ts';
import { EVERFLOW_STATUSES } from './status.ts';
import { EVERFLOW_PAYMENT_TYPES } from './vocabulary.ts';

const Id = (description: string) => Type.Integer({ minimum: 0, maximum: 2_147_483_647, description });
const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Money = (description: string) =>
  Type.Union(
    [Type.Number({ minimum: 0, maximum: 1e15 }), Type.String({ maxLength: 40, pattern: '^\\d+(\\.\\d+)?$' })],
    {
      description: `${description} A decimal in major units of the default currency, converted exactly (more decimals than the currency has is an error).`,
    },
  );

// Everflow's objects may carry fields this API does not read (a read's network_affiliate_id,
// relationship, ...): they are ignored, as Everflow ignores them.
const open = { additionalProperties: true } as const;

export const ContactAddress = Type.Object(
  {
    address_1: Type.Optional(Text(200)),
    address_2: Type.Optional(Text(200)),
    city: Type.Optional(Text(100)),
    region_code: Type.Optional(Text(10)),
    country_code: Type.Optional(Text(2)),
    zip_postal_code: Type.Optional(Text(20)),
  },
  open,
);

export const EverflowUser = Type.Object(
  {
    first_name: Type.Optional(Text(100)),
    last_name: Type.Optional(Text(100)),
    email: Text(254),
    account_status: Type.Optional(StringEnum(['active', 'inactive'] as const)),
    title: Type.Optional(Text(100)),
    work_phone: Type.Optional(Text(40)),
    cell_phone: Type.Optional(Text(40)),
    instant_messaging_id: Type.Optional(
      Id('1 Skype, 2 Telegram (GET /everflow/v1/meta/instant_messaging); 0 none'),
    ),
    instant_messaging_identifier: Type.Optional(Text(100)),
    language_id: Type.Optional(Id('1: English')),
    timezone_id: Type.Optional(Id('GET /everflow/v1/meta/timezones')),
    currency_id: Type.Optional(Text(10)),
    initial_password: Type.Optional(Text(200)),
  },
  open,
);

export const BillingDetailsBody = Type.Object(
  {
    day_of_week: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 6, description: '0 Sunday … 6 Saturday' }),
    ),
    day_of_month_one: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    day_of_month_two: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    day_of_month: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    starting_month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  open,
);

export const BillingBody = Type.Object(
  {
    billing_frequency: Type.Optional(StringEnum(BILLING_FREQUENCIES)),
    payment_type: Type.Optional(StringEnum([...EVERFLOW_PAYMENT_TYPES, 'payum'])),
    tax_id: Type.Optional(Text(60)),
    is_invoice_creation_auto: Type.Optional(Type.Boolean()),
    auto_invoice_start_date: Type.Optional(Text(10, 'YYYY-mm-dd')),
    default_invoice_is_hidden: Type.Optional(Type.Boolean()),
    invoice_generation_days_delay: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    invoice_amount_threshold: Type.Optional(Money('Sums below it roll over.')),
    default_payment_terms: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    details: Type.Optional(BillingDetailsBody),
    billing: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 60 }),
        Type.Union([Type.String({ maxLength: 500 }), Type.Boolean()]),
        {
          description: 'The payment method’s details (bank_name, paypal_reception_method, ...)',
        },
      ),
    ),
  },
  open,
);

const fields = {
  name: Text(200),
  account_status: StringEnum(EVERFLOW_STATUSES, { description: 'See the status table' }),
  network_employee_id: Type.Optional(Id('The account manager’s staff id; 0 none')),
  internal_notes: Type.Optional(Type.Union([Text(10_000), Type.Integer()])),
  default_currency_id: Type.Optional(Text(10)),
  enable_media_cost_tracking_links: Type.Optional(Type.Boolean()),
  referrer_id: Type.Optional(Id('0: none')),
  is_contact_address_enabled: Type.Optional(Type.Boolean()),
  network_affiliate_tier_id: Type.Optional(Id('0: none')),
  contact_address: Type.Optional(ContactAddress),
  billing: Type.Optional(BillingBody),
};

export const CreateBody = Type.Object(
  { ...fields, users: Type.Optional(Type.Array(EverflowUser, { maxItems: 50 })) },
  open,
);
export const UpdateBody = Type.Object(fields, open);
export type CreateBodyT = Static<typeof CreateBody>;
export type UpdateBodyT = Static<typeof UpdateBody>;
