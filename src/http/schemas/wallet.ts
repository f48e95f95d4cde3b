import { Type } from 'typebox';
import { WALLET_TYPES } from '../../core/ledger/wallet/wallet-types.ts';
import { ListOf, Nullable, NullableTimestamp, StringEnum, Timestamp } from './common.ts';
import { CashOut } from './ledger.ts';

const Minor = (description = 'Minor units (1000 is 10.00 EUR)') =>
  Type.Unsafe<bigint | number>({ type: 'integer', description });
const MinorIn = (description: string) =>
  Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description });
const Details = Type.Record(
  Type.String({ maxLength: 60 }),
  Type.Union([Type.String({ maxLength: 300 }), Type.Boolean()]),
  {
    maxProperties: 20,
  },
);

export const WALLET_HELP =
  'A wallet holds at most one payment method of each type: the account payment types (paypal, wire, skrill, webmoney, capitalist, ...) and Coinspaid (`currency`, `wallet_address`), Neteller (`email`), bank transfer (`account_holder`, `iban` with its check digits, `bic`, optionally `bank_name`, `bank_address`), player account (`player_id`) and other (`description`). Details are checked per type (every problem listed at once) and read back masked (secret fields show their last 4 characters). A bank transfer method is `unverified` until a bank statement is uploaded (`pending`) and the operator approves it (`approved`; `declined` with a reason): only then may a cash-out pay to it. Adding and deleting are in the events log (`payment_method_added`, `payment_method_deleted`).';

export const PaymentMethod = Type.Object({
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  type: StringEnum(WALLET_TYPES),
  details: Details,
  verification: StringEnum(['not_required', 'unverified', 'pending', 'approved', 'declined'] as const),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const PaymentMethodList = Type.Object({ data: Type.Array(PaymentMethod) });
export const PaymentMethodBody = Type.Object(
  { type: Type.String({ maxLength: 40 }), details: Details },
  { additionalProperties: false },
);

export const BankStatement = Type.Object({
  id: Type.Integer(),
  payment_method_id: Type.Integer(),
  affiliate_id: Type.Integer(),
  file_name: Type.String(),
  content_type: Type.String(),
  size_bytes: Type.Integer(),
  status: StringEnum(['pending', 'approved', 'declined'] as const),
  decision_reason: Nullable(Type.String()),
  decided_by: Nullable(Type.String()),
  decided_at: NullableTimestamp,
  created_at: Timestamp,
});
export const BankStatementList = Type.Object({ data: Type.Array(BankStatement) });
export const BankStatementBody = Type.Object(
  {
    file_name: Type.String({ maxLength: 200 }),
    content_base64: Type.String({
      maxLength: 2_900_000,
      description: 'The PDF, PNG or JPEG file, base64, at most 2 MiB',
    }),
  },
  { additionalProperties: false },
);

export const SCHEDULE_HELP =
  "An automatic cash-out schedule (one per currency) requests a cash-out to its payment method on the days it names: `daily`, `monthly` (on the 1st), `weekdays` (ISO 1 Monday to 7 Sunday) or `dates` of the month 1 to 31 (29 to 31 fall on the last day of a shorter month: 31 pays on 30 April and 28 February). The amount is the available balance less `reserve_amount`, at most `max_amount` (and the method's maximum); nothing is requested when that is below `min_amount` (or the method's minimum). At most one automatic cash-out per affiliate, currency and date. Amounts in minor units.";

export const Schedule = Type.Object({
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  currency: Type.String(),
  payment_method_id: Type.Integer(),
  frequency: StringEnum(['daily', 'monthly', 'weekdays', 'dates'] as const),
  weekdays: Type.Array(Type.Integer()),
  month_days: Type.Array(Type.Integer()),
  min_amount: Minor(),
  max_amount: Minor(),
  reserve_amount: Minor('Kept in the available balance'),
  enabled: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const ScheduleList = Type.Object({ data: Type.Array(Schedule) });
export const ScheduleBody = Type.Object(
  {
    currency: Type.String({ maxLength: 10 }),
    payment_method_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    frequency: Type.String({ maxLength: 20 }),
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: -1000, maximum: 1000 }), { maxItems: 7 })),
    month_days: Type.Optional(Type.Array(Type.Integer({ minimum: -1000, maximum: 1000 }), { maxItems: 31 })),
    min_amount: MinorIn('No cash-out below it'),
    max_amount: MinorIn('At most this per cash-out'),
    reserve_amount: Type.Optional(MinorIn('Kept in the available balance')),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PAYOUT_HELP =
  'A payout batch is the operator selecting pending cash-outs of one currency for payment: while the batch is open they cannot be cancelled; the batch exports as CSV and (EUR, bank accounts only) as a SEPA credit transfer file, ISO 20022 pain.001.001.09; marking it paid makes every cash-out in it success with the payment reference (`<reference> #<cash-out id>`), cancelling it makes them pending and free again. Needs the `finance` scope.';

const BatchFields = {
  id: Type.Integer(),
  currency: Type.String(),
  status: StringEnum(['open', 'paid', 'cancelled'] as const),
  payment_reference: Nullable(Type.String()),
  total_amount: Minor(),
  item_count: Type.Integer(),
  created_by: Type.String(),
  created_at: Timestamp,
  paid_at: NullableTimestamp,
};
export const PayoutBatchSummary = Type.Object(BatchFields);
export const PayoutBatchPage = ListOf(PayoutBatchSummary);
export const PayoutBatch = Type.Object({
  ...BatchFields,
  debtor_name: Type.String(),
  debtor_iban: Nullable(Type.String()),
  debtor_bic: Nullable(Type.String()),
  updated_at: Timestamp,
  cash_outs: Type.Array(CashOut),
});
export const PayoutBatchBody = Type.Object(
  {
    currency: Type.String({ maxLength: 10 }),
    cash_out_ids: Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), {
      maxItems: 1000,
    }),
    debtor_name: Type.Optional(Type.String({ maxLength: 200 })),
    debtor_iban: Type.Optional(Type.String({ maxLength: 60 })),
    debtor_bic: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
