import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

type Id8 = ColumnType<bigint, bigint | string | number | undefined, never>;
type Ref8 = ColumnType<bigint, bigint | string | number, bigint | string | number>;
type Money = ColumnType<bigint, bigint | string | number, bigint | string | number>;

export type LedgerAccountKind =
  | 'available'
  | 'reserved'
  | 'on_hold'
  | 'commission_expense'
  | 'payouts_clearing'
  | 'fees'
  | 'fx'
  | 'operator_funds'
  | 'corrections';

export type LedgerCause = 'bill' | 'correction' | 'fund' | 'charge' | 'cash_out' | 'payout' | 'fx';

export type CashOutStatus = 'pending' | 'success' | 'cancelled' | 'refund';

export interface LedgerAccountsTable {
  id: Generated<number>;
  kind: LedgerAccountKind;
  affiliate_id: number | null;
  brand_id: number | null;
  currency: string;
  balance: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  updated_at: CreatedAt;
}

export interface LedgerEntriesTable {
  id: Id8;
  cause: LedgerCause;
  cause_reference: string | null;
  step: string | null;
  affiliate_id: number | null;
  reference: string;
  request_hash: string | null;
  memo: Generated<string>;
  fx_rate: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
}

export interface LedgerPostingsTable {
  id: Id8;
  entry_id: Ref8;
  account_id: number;
  currency: string;
  amount: Money;
  balance_after: Money;
  created_at: CreatedAt;
}

export interface LedgerDirtyDaysTable {
  account_id: number;
  day: string;
}

export interface LedgerClosingBalancesTable {
  account_id: number;
  day: string;
  currency: string;
  closing_balance: Money;
  credits: Money;
  debits: Money;
  payout_amount: Money;
  computed_at: CreatedAt;
}

export interface CashOutsTable {
  id: Id8;
  affiliate_id: number;
  currency: string;
  amount: Money;
  method: string;
  status: Generated<CashOutStatus>;
  payment_reference: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  finished_at: Date | null;
  payment_method_id: number | null;
  payment_details: ColumnType<Record<string, unknown>, string | undefined, string>;
  scheduled_for: ColumnType<string | null, string | null | undefined, string | null>;
  schedule_id: number | null;
  payout_batch_id: number | null;
}

export interface CashOutChangesTable {
  id: Id8;
  cash_out_id: Ref8;
  from_status: CashOutStatus | null;
  to_status: CashOutStatus;
  reason: string | null;
  entry_id: Ref8;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
}

export type Verification = 'not_required' | 'unverified' | 'pending' | 'approved' | 'declined';

export interface WalletPaymentMethodsTable {
  id: Generated<number>;
  affiliate_id: number;
  type: string;
  details: ColumnType<Record<string, string | boolean>, string, string>;
  verification: Generated<Verification>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  deleted_at: Date | null;
}

export interface WalletBankStatementsTable {
  id: Generated<number>;
  payment_method_id: number;
  affiliate_id: number;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  status: Generated<'pending' | 'approved' | 'declined'>;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}

export type ScheduleFrequency = 'daily' | 'monthly' | 'weekdays' | 'dates';

export interface CashOutSchedulesTable {
  id: Generated<number>;
  affiliate_id: number;
  currency: string;
  payment_method_id: number;
  frequency: ScheduleFrequency;
  weekdays: ColumnType<number[], number[] | undefined, number[]>;
  month_days: ColumnType<number[], number[] | undefined, number[]>;
  min_amount: Money;
  max_amount: Money;
  reserve_amount: Money;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PayoutBatchesTable {
  id: Generated<number>;
  currency: string;
  status: Generated<'open' | 'paid' | 'cancelled'>;
  debtor_name: Generated<string>;
  debtor_iban: string | null;
  debtor_bic: string | null;
  payment_reference: string | null;
  total_amount: Money;
  item_count: number;
  created_by: Generated<string>;
  created_at: CreatedAt;
  paid_at: Date | null;
  updated_at: CreatedAt;
}

export interface LedgerTables {
  wallet_payment_methods: WalletPaymentMethodsTable;
  wallet_bank_statements: WalletBankStatementsTable;
  cash_out_schedules: CashOutSchedulesTable;
  payout_batches: PayoutBatchesTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_postings: LedgerPostingsTable;
  ledger_dirty_days: LedgerDirtyDaysTable;
  ledger_closing_balances: LedgerClosingBalancesTable;
  cash_outs: CashOutsTable;
  cash_out_changes: CashOutChangesTable;
}
