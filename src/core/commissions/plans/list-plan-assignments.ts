import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import { type AssignmentTarget, type PlanAssignment, toAssignment } from './assignment.ts';

export interface AssignmentFilter {
  brand_id?: number;
  target?: AssignmentTarget;
  affiliate_id?: number;
  campaign_id?: number;
  plan_id?: number;
}

/**
 * The assignment history, newest effective date first: who got which plan from when, ended ones
 * (plan_id null) included. A limited manager sees the brand defaults and their affiliates' rows.
 */
export async function listPlanAssignments(options: {
  db: Db;
  filter: AssignmentFilter;
  limit: number;
  offset: number;
  scope?: Scope;
}): Promise<{ data: PlanAssignment[]; total: number }> {
  const { db, filter } = options;
  let query = db.selectFrom('commission_plan_assignments');
  if (filter.brand_id !== undefined) query = query.where('brand_id', '=', filter.brand_id);
  if (filter.target !== undefined) query = query.where('target', '=', filter.target);
  if (filter.affiliate_id !== undefined) query = query.where('affiliate_id', '=', filter.affiliate_id);
  if (filter.campaign_id !== undefined) query = query.where('campaign_id', '=', filter.campaign_id);
  if (filter.plan_id !== undefined) query = query.where('plan_id', '=', filter.plan_id);
  const managerId = options.scope?.managerId;
  if (managerId !== undefined)
    query = query.where((eb) =>
      eb.or([eb('target', '=', 'brand'), eb('affiliate_id', 'in', managedAffiliateIds(db, managerId))]),
    );
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('effective_from', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toAssignment), total: Number(count.n) };
}
