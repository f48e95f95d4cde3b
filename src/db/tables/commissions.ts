import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

type Json<T> = ColumnType<T, string | undefined, string>;
type Id8 = ColumnType<bigint, bigint | string | undefined, never>;

export interface CommissionPlansTable {
  id: Generated<number>;
  brand_id: number;
  currency: string;
  name: string;
  description: string | null;
  is_private: Generated<boolean>;
  status: Generated<'active' | 'archived'>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CommissionPlanAffiliatesTable {
  plan_id: number;
  affiliate_id: number;
}

export interface CommissionPlanVersionsTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  effective_from: Date;
  definition: Json<Record<string, unknown>>;
  deal_type_id: number;
  customer_binding: Generated<'keep' | 'latest'>;
  note: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
}

export interface CommissionPlanAssignmentsTable {
  id: Id8;
  brand_id: number;
  target: 'brand' | 'affiliate' | 'campaign';
  affiliate_id: number | null;
  campaign_id: number | null;
  plan_id: number | null;
  effective_from: Date;
  reason: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
}

export interface CommissionTables {
  commission_plans: CommissionPlansTable;
  commission_plan_affiliates: CommissionPlanAffiliatesTable;
  commission_plan_versions: CommissionPlanVersionsTable;
  commission_plan_assignments: CommissionPlanAssignmentsTable;
}
