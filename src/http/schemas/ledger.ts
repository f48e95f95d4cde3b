import { Type } from 'typebox';
import { TRANSACTION_TYPES } from '../../core/ledger/list-balance-transactions.ts';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

const Minor = (description = 'Minor units (1000 is 10.00 EUR)') =>
  Type.Unsafe<bigint | number>({ type: 'integer', description });
const Code = Type.String({ maxLength: 10, description: 'A currency code, e.g. EUR' });
const ActorRef = Type.Object({
  type: StringEnum(['staff', 'api_key', 'affiliate_user', 'affiliate_api_key', 'system', 'cli'] as const),
  id: Nullable(Type.Integer()),
  name: Type.String(),
});
const ACCOUNT_KINDS = [
  'available',
  'reserved',
  'on_hold',
  'commission_expense',
  'payouts_clearing',
  'fees',
  'fx',
  'operator_funds',
  'corrections',
] as const;

export const LEDGER_HELP =
  'Money moves only through the double-entry ledger: every entry has two or more postings that sum to zero per currency and is never changed (a mistake is fixed by another entry). An affiliate has three balances per currency: **available** (what it may withdraw), **reserved** (held for requested cash-outs) and **on hold**; none ever goes below zero (409 `insufficient_funds`). Amounts are integer minor units of their currency.';

export const IDEMPOTENCY_HELP =
  "Idempotent by the `Idempotency-Key` header or the body's `order_id` (one is required; the header wins when both are sent): the same request again answers the same entry (header `Idempotent-Replayed: true`), the reference with another request is a 409 `idempotency_conflict`.";

export const Balance = Type.Object({
  currency: Type.String(),
  available: Minor('What the affiliate may withdraw'),
  reserved: Minor('Held for requested cash-outs'),
  on_hold: Minor(),
  total: Minor('available + reserved + on_hold'),
  commissions: Minor('To date: approved bills credited'),
  adjustments: Minor('To date: corrections, funds, charges and conversions, signed'),
  payments: Minor('To date: cash-outs paid, net of refunds'),
  updated_at: NullableTimestamp,
});
export const BalanceList = Type.Object({ data: Type.Array(Balance) });

export const TransactionQuery = Type.Object(
  {
    type: Type.Optional(
      Type.Array(StringEnum(TRANSACTION_TYPES), {
        maxItems: 9,
        description: '`refund`: a cash-out refunded; `payment`: cash-outs, refunds and payouts',
      }),
    ),
    action: Type.Optional(StringEnum(['added', 'subtracted'] as const)),
    currency: Type.Optional(Code),
    amount_min: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Minor units, without sign',
      }),
    ),
    amount_max: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Minor units, without sign',
      }),
    ),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    account: Type.Optional(
      StringEnum(['available', 'reserved', 'on_hold'] as const, { description: 'Default available' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const BalanceTransaction = Type.Object({
  id: Type.Integer(),
  entry_id: Type.Integer(),
  type: StringEnum(['bill', 'correction', 'fund', 'charge', 'cash_out', 'refund', 'payout', 'fx'] as const),
  step: Nullable(
    Type.String({ description: 'A cash-out entry: requested, cancelled, accepted or refunded' }),
  ),
  account: StringEnum(ACCOUNT_KINDS),
  currency: Type.String(),
  amount: Minor('Signed: positive added to the balance'),
  action: StringEnum(['added', 'subtracted'] as const),
  balance_after: Minor(),
  memo: Type.String({ description: 'What the affiliate is told about it' }),
  cause_reference: Nullable(Type.String()),
  created_at: Timestamp,
});
export const BalanceTransactionPage = ListOf(BalanceTransaction);

export const ClosingQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date' })),
    until: Type.Optional(Type.String({ format: 'date' })),
    currency: Type.Optional(Code),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const ClosingBalance = Type.Object({
  day: Type.String({ format: 'date' }),
  currency: Type.String(),
  account: StringEnum(ACCOUNT_KINDS),
  closing_balance: Minor('The balance at the end of the day (UTC)'),
  credits: Minor(),
  debits: Minor(),
  payout_amount: Minor('Paid out of it that day (accepted cash-outs, net of refunds)'),
});
export const ClosingBalancePage = ListOf(ClosingBalance);

export const Entry = Type.Object({
  id: Type.Integer(),
  cause: StringEnum(['bill', 'correction', 'fund', 'charge', 'cash_out', 'payout', 'fx'] as const),
  cause_reference: Nullable(Type.String()),
  step: Nullable(Type.String()),
  affiliate_id: Nullable(Type.Integer()),
  reference: Type.String(),
  memo: Type.String(),
  fx_rate: Nullable(Type.String({ description: 'FX: 1 unit of the debited currency in the credited one' })),
  actor: ActorRef,
  created_at: Timestamp,
  postings: Type.Array(
    Type.Object({
      id: Type.Integer(),
      account: Type.Object({
        id: Type.Integer(),
        kind: StringEnum(ACCOUNT_KINDS),
        affiliate_id: Nullable(Type.Integer()),
        brand_id: Nullable(Type.Integer()),
      }),
      currency: Type.String(),
      amount: Minor('Signed'),
      balance_after: Minor(),
    }),
  ),
});

const OrderId = Type.String({
  maxLength: 128,
  description: 'Your unique reference (or send an Idempotency-Key header)',
});
const Var = Type.String({ maxLength: 200 });
export const MoneyBody = Type.Object(
  {
    amount: Type.Integer({
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Minor units, more than 0',
    }),
    currency: Code,
    description: Type.Optional(
      Type.String({ maxLength: 600, description: 'Shown to the affiliate, 2 to 512 characters' }),
    ),
    order_id: Type.Optional(OrderId),
    var1: Type.Optional(Var),
    var2: Type.Optional(Var),
    var3: Type.Optional(Var),
  },
  { additionalProperties: false },
);
export const CorrectionBody = Type.Object(
  {
    amount: Type.Integer({
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Minor units: positive adds, negative subtracts',
    }),
    currency: Code,
    reason: Type.String({ maxLength: 600, description: 'Shown to the affiliate, 2 to 512 characters' }),
    order_id: Type.Optional(OrderId),
  },
  { additionalProperties: false },
);
export const FxBody = Type.Object(
  {
    from_currency: Code,
    to_currency: Code,
    amount: Type.Integer({
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Minor units of from_currency',
    }),
    rate: Type.Optional(
      Type.String({
        maxLength: 40,
        description: "1 from_currency = rate to_currency; today's stored rate by default",
      }),
    ),
    description: Type.Optional(Type.String({ maxLength: 600 })),
    order_id: Type.Optional(OrderId),
  },
  { additionalProperties: false },
);
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 128 })),
});

export const CASH_OUT_STATUSES = ['pending', 'success', 'cancelled', 'refund'] as const;
export const CASH_OUT_HELP =
  "A cash-out is **pending** when requested (its amount moved from available to reserved), **success** when the operator has paid it (reserved to payouts clearing, with the payment's reference), **cancelled** by the affiliate or the operator while pending (reserved back to available), **refund** when a paid one came back (back to available). A pending cash-out put in a payout batch can no longer be cancelled; it becomes success when the batch is marked paid. Any other change is a 409 `invalid_state` naming the status. Each change is a ledger entry and an event of the affiliate's log.";
export const CashOut = Type.Object({
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  currency: Type.String(),
  amount: Minor(),
  method: Type.String({ description: 'The payment method type' }),
  payment_method_id: Nullable(Type.Integer({ description: 'The wallet payment method paid to' })),
  payment_details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()]), {
    description: "The method's details as they were when requested (secret fields masked)",
  }),
  scheduled_for: Nullable(Type.String({ format: 'date', description: "An automatic cash-out's date" })),
  payout_batch_id: Nullable(Type.Integer({ description: 'The payout batch it is paid in' })),
  status: StringEnum(CASH_OUT_STATUSES),
  payment_reference: Nullable(Type.String()),
  requested_by: ActorRef,
  created_at: Timestamp,
  updated_at: Timestamp,
  finished_at: NullableTimestamp,
  changes: Type.Array(
    Type.Object({
      from_status: Nullable(StringEnum(CASH_OUT_STATUSES)),
      to_status: StringEnum(CASH_OUT_STATUSES),
      reason: Nullable(Type.String()),
      entry_id: Type.Integer(),
      actor: ActorRef,
      created_at: Timestamp,
    }),
    { description: 'Every change, oldest first (empty in lists)' },
  ),
});
export const CashOutPage = ListOf(CashOut);
export const CashOutQuery = {
  status: Type.Optional(Type.Array(StringEnum(CASH_OUT_STATUSES), { maxItems: 4 })),
  currency: Type.Optional(Code),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
};
export const ReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 600 })) },
  { additionalProperties: false },
);
