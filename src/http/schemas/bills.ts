import { Type } from 'typebox';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

const Minor = (description = 'Minor units (1000 is 10.00 EUR)') =>
  Type.Unsafe<bigint | number>({ type: 'integer', description });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const ActorRef = Type.Object({
  type: StringEnum(['staff', 'api_key', 'affiliate_user', 'affiliate_api_key', 'system', 'cli'] as const),
  id: Nullable(Type.Integer()),
  name: Type.String(),
});

export const BILL_STATUSES = ['pending', 'on_hold', 'approved', 'cancelled', 'paid'] as const;

export const BILLS_HELP =
  "A bill is what the program owes an affiliate for a billing period, one per affiliate, brand, commission plan and currency, with a line per approved commission (a commission is on one bill at most). **pending** when issued, **on hold** while looked into, **approved** when the amount to pay was credited to the affiliate's available balance (a ledger entry, cause `bill`), **cancelled** (its commissions are not billed again), **paid** once paid out. Corrections add or subtract with a comment: before approval they change the amount to pay, after it each is a ledger entry. Amounts are integer minor units.";

export const Bill = Type.Object({
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  affiliate_name: Type.String(),
  brand_id: Type.Integer(),
  brand_name: Type.String(),
  plan_id: Nullable(Type.Integer()),
  plan_name: Nullable(Type.String()),
  currency: Type.String(),
  period_start: Day,
  period_end: Day,
  issued_amount: Minor('What the lines sum to'),
  amount_to_pay: Minor('The issued amount after corrections'),
  issued_on: Day,
  due_date: Day,
  hidden: Type.Boolean({ description: 'Not shown to the affiliate' }),
  status: StringEnum(BILL_STATUSES),
  lines_count: Type.Integer(),
  ledger_entry_id: Nullable(Type.Integer({ description: 'The entry that credited the balance on approval' })),
  approved_at: NullableTimestamp,
  paid_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});

const BillLine = Type.Object({
  id: Type.Integer(),
  commission_id: Type.Integer(),
  kind: Type.String(),
  amount: Minor(),
  earned_at: Timestamp,
  explanation: Type.String(),
});

const BillCorrection = Type.Object({
  id: Type.Integer(),
  action: StringEnum(['add', 'subtract'] as const),
  amount: Minor(),
  comment: Type.String(),
  after_approval: Type.Boolean(),
  ledger_entry_id: Nullable(Type.Integer()),
  actor: ActorRef,
  created_at: Timestamp,
});

const BillChange = Type.Object({
  action: StringEnum([
    'issued',
    'regenerated',
    'held',
    'released',
    'approved',
    'cancelled',
    'paid',
    'shown',
    'hidden',
  ] as const),
  from_status: Nullable(StringEnum(BILL_STATUSES)),
  to_status: StringEnum(BILL_STATUSES),
  issued_amount: Minor(),
  reason: Nullable(Type.String()),
  actor: ActorRef,
  created_at: Timestamp,
});

export const BillDetail = Type.Intersect([
  Bill,
  Type.Object({
    lines: Type.Array(BillLine),
    corrections: Type.Array(BillCorrection),
    changes: Type.Array(BillChange),
  }),
]);
export const BillPage = ListOf(Bill);

export const BillQuery = {
  status: Type.Optional(Type.Array(StringEnum(BILL_STATUSES), { maxItems: 5 })),
  brand_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  currency: Type.Optional(Type.String({ maxLength: 10 })),
  period_from: Type.Optional(
    Type.String({ format: 'date', description: 'Periods ending on or after this day' }),
  ),
  period_to: Type.Optional(
    Type.String({ format: 'date', description: 'Periods ending on or before this day' }),
  ),
  ...PageQuery,
};

export const BillParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export const PdfResponse = Type.String({ format: 'binary', description: 'The bill as a PDF invoice' });
