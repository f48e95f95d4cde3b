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

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_postings: LedgerPostingsTable;
  ledger_dirty_days: LedgerDirtyDaysTable;
  ledger_closing_balances: LedgerClosingBalancesTable;
  cash_outs: CashOutsTable;
  cash_out_changes: CashOutChangesTable;
}
