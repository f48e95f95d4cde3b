import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type BillStatus = 'pending' | 'on_hold' | 'approved' | 'cancelled' | 'paid';
export type BillAction =
  | 'issued'
  | 'regenerated'
  | 'held'
  | 'released'
  | 'approved'
  | 'cancelled'
  | 'paid'
  | 'shown'
  | 'hidden';

type Id8 = ColumnType<bigint, bigint | string | number | undefined, never>;
type Ref8 = ColumnType<bigint, bigint | string | number, bigint | string | number>;
type Ref8Null = ColumnType<
  bigint | null,
  bigint | string | number | null | undefined,
  bigint | string | number | null
>;
type Money = ColumnType<bigint, bigint | string | number, bigint | string | number>;
type Day = ColumnType<string, string, string>;

interface ActorColumns {
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
}

export interface BillRunsTable extends ActorColumns {
  id: Id8;
  period_start: Day;
  period_end: Day;
  trigger: 'scheduled' | 'on_demand';
  affiliates: Generated<number>;
  bills_issued: Generated<number>;
  bills_regenerated: Generated<number>;
  rolled_over: Generated<number>;
  waiting: Generated<number>;
  created_at: CreatedAt;
}

export interface BillingPeriodsTable {
  id: Id8;
  affiliate_id: number;
  period_start: Day;
  period_end: Day;
  frequency: string;
  run_id: Ref8;
  bills: Generated<number>;
  rolled_over: Generated<number>;
  updated_at: CreatedAt;
}

export interface BillsTable {
  id: Id8;
  affiliate_id: number;
  brand_id: number;
  plan_id: number | null;
  currency: string;
  period_start: Day;
  period_end: Day;
  issued_amount: Money;
  amount_to_pay: Money;
  issued_on: Day;
  due_date: Day;
  hidden: Generated<boolean>;
  status: Generated<BillStatus>;
  ledger_entry_id: Ref8Null;
  approved_at: Date | null;
  paid_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface BillLinesTable {
  id: Id8;
  bill_id: Ref8;
  commission_id: Ref8;
  amount: Money;
  created_at: CreatedAt;
}

export interface BillChangesTable extends ActorColumns {
  id: Id8;
  bill_id: Ref8;
  action: BillAction;
  from_status: BillStatus | null;
  to_status: BillStatus;
  issued_amount: Money;
  reason: string | null;
  created_at: CreatedAt;
}

export interface BillCorrectionsTable extends ActorColumns {
  id: Id8;
  bill_id: Ref8;
  action: 'add' | 'subtract';
  amount: Money;
  comment: string;
  after_approval: boolean;
  ledger_entry_id: Ref8Null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: CreatedAt;
}

export interface BillingTables {
  bill_runs: BillRunsTable;
  billing_periods: BillingPeriodsTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  bill_changes: BillChangesTable;
  bill_corrections: BillCorrectionsTable;
}
