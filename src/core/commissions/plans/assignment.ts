import type { Selectable } from 'kysely';
import type { CommissionPlanAssignmentsTable } from '../../../db/tables/commissions.ts';
import type { ActorType } from '../../actor.ts';

export type AssignmentTarget = 'brand' | 'affiliate' | 'campaign';

/** One appended row of who gets which plan from when; plan_id null ends the target's plan. */
export interface PlanAssignment {
  id: number;
  target: AssignmentTarget;
  brand_id: number;
  affiliate_id: number | null;
  campaign_id: number | null;
  plan_id: number | null;
  effective_from: Date;
  reason: string | null;
  actor: { type: ActorType; id: number | null; name: string };
  created_at: Date;
}

export function toAssignment(row: Selectable<CommissionPlanAssignmentsTable>): PlanAssignment {
  return {
    id: Number(row.id),
    target: row.target,
    brand_id: row.brand_id,
    affiliate_id: row.affiliate_id,
    campaign_id: row.campaign_id,
    plan_id: row.plan_id,
    effective_from: row.effective_from,
    reason: row.reason,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    created_at: row.created_at,
  };
}
