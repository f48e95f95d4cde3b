import type { ColumnType } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type CommissionKind =
  | 'cpl'
  | 'cpa'
  | 'revshare'
  | 'sale_share'
  | 'sub_cpa'
  | 'sub_revshare'
  | 'sub_net_pl';
export type CommissionStatus =
  | 'pending'
  | 'on_hold'
  | 'approved'
  | 'rejected'
  | 'reversed'
  | 'billed'
  | 'paid';

type Json<T> = ColumnType<T, string, never>;
type Id8 = ColumnType<bigint, bigint | string | undefined, never>;
/** Written once: an insert sets it, an update may not. */
type Fixed<T> = ColumnType<T, T, never>;
type Int8 = ColumnType<bigint, bigint | string | number, never>;
type Int8Null = ColumnType<bigint | null, bigint | string | number | null | undefined, never>;

/** One immutable row per thing earned (migration 0021); only `status` (a projection) changes. */
export interface CommissionsTable {
  id: Id8;
  brand_id: Fixed<number>;
  affiliate_id: Fixed<number>;
  currency: Fixed<string>;
  amount: Int8;
  kind: Fixed<CommissionKind>;
  status: CommissionStatus;
  initial_status: Fixed<'pending' | 'on_hold' | 'approved'>;
  plan_id: Fixed<number | null>;
  plan_version_id: Fixed<number | null>;
  customer_id: Int8Null;
  event_id: Int8Null;
  campaign_id: Fixed<number | null>;
  promo_id: Fixed<number | null>;
  source_affiliate_id: Fixed<number | null>;
  level: Fixed<number | null>;
  source_commission_id: Int8Null;
  reverses_id: Int8Null;
  period_start: Fixed<string | null>;
  period_end: Fixed<string | null>;
  earned_at: Fixed<Date>;
  hold_until: Fixed<Date | null>;
  source_key: Fixed<string>;
  trace: Json<Record<string, unknown>>;
  explanation: Fixed<string>;
  actor_type: Fixed<ActorType>;
  actor_id: Fixed<number | null>;
  actor_name: ColumnType<string, string | undefined, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Every status change of a commission (append-only). */
export interface CommissionStatusChangesTable {
  id: Id8;
  commission_id: Int8;
  from_status: CommissionStatus;
  to_status: CommissionStatus;
  reason: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: ColumnType<string, string | undefined, never>;
  created_at: CreatedAt;
}

export interface EarnedCommissionTables {
  commissions: CommissionsTable;
  commission_status_changes: CommissionStatusChangesTable;
}
