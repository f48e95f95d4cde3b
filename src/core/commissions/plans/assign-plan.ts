import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { type AssignmentTarget, type PlanAssignment, toAssignment } from './assignment.ts';
import { checkPlanChoice } from './check-plan-choice.ts';
import { assertMayChangePlans } from './plan-rows.ts';

export interface AssignPlanInput {
  target: AssignmentTarget;
  /** The brand's default; for an affiliate, needed only to end its plan (plan_id null). */
  brandId?: number;
  affiliateId?: number;
  campaignId?: number;
  planId: number | null;
  /** Now by default; never before the target's latest assignment. */
  effectiveFrom?: Date;
  reason?: string | null;
}

/**
 * Appends who gets which plan from when: a brand's default (any active public plan of the
 * brand), an affiliate's own (a private plan only if opened to it) or a campaign's. A limited
 * account manager assigns only to the affiliates they manage (the route answers 404 for others)
 * and not brand defaults. Campaigns call this from their own create and update.
 */
export async function assignPlan(options: {
  db: Db;
  actor: Actor;
  input: AssignPlanInput;
  scope?: Scope;
}): Promise<PlanAssignment> {
  const { actor, input } = options;
  const scope = options.scope ?? {};
  if (input.target === 'brand') assertMayChangePlans(scope);
  return inTransaction(options.db, async (trx) => {
    const problems: FieldError[] = [];
    let brandId = input.brandId;
    let affiliateId = input.affiliateId ?? null;
    const campaignId = input.campaignId ?? null;
    if (input.target === 'brand') {
      const brand = await trx
        .selectFrom('brands')
        .select('id')
        .where('id', '=', brandId ?? 0)
        .executeTakeFirst();
      if (!brand) throw AppError.notFound('brand');
    } else if (input.target === 'affiliate') {
      const found = await trx
        .selectFrom('affiliates')
        .select('id')
        .where('id', '=', affiliateId ?? 0)
        .executeTakeFirst();
      if (!found) throw AppError.notFound('affiliate');
    } else {
      const campaign = await trx
        .selectFrom('campaigns')
        .select(['brand_id', 'affiliate_id'])
        .where('id', '=', campaignId ?? 0)
        .executeTakeFirst();
      if (!campaign) throw AppError.notFound('campaign');
      brandId = campaign.brand_id;
      affiliateId = campaign.affiliate_id;
    }
    if (input.planId !== null) {
      const plan = await trx
        .selectFrom('commission_plans')
        .select(['brand_id', 'is_private'])
        .where('id', '=', input.planId)
        .executeTakeFirst();
      if (input.target === 'affiliate' && plan && brandId === undefined) brandId = plan.brand_id;
      if (plan && plan.brand_id !== brandId)
        problems.push({
          path: input.target === 'affiliate' ? 'brand_id' : 'plan_id',
          message: `choose a commission plan of brand ${brandId}`,
        });
      else if (input.target === 'brand' && plan?.is_private)
        problems.push({
          path: 'plan_id',
          message: 'a private plan cannot be a brand default: assign it to the affiliates it is opened to',
        });
      else {
        const problem = await checkPlanChoice(trx, {
          planId: input.planId,
          brandId: brandId ?? 0,
          affiliateId: affiliateId ?? 0,
          path: 'plan_id',
        });
        if (problem) problems.push(problem);
      }
    } else if (brandId === undefined)
      problems.push({ path: 'brand_id', message: 'is required to end a plan (which brand’s plan ends)' });
    if (problems.length) throw AppError.validation(problems);
    const brand = brandId as number;
    let latestQuery = trx
      .selectFrom('commission_plan_assignments')
      .select('effective_from')
      .where('brand_id', '=', brand)
      .where('target', '=', input.target);
    if (input.target === 'affiliate') latestQuery = latestQuery.where('affiliate_id', '=', affiliateId);
    if (input.target === 'campaign') latestQuery = latestQuery.where('campaign_id', '=', campaignId);
    const latest = await latestQuery.orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
    const effectiveFrom = input.effectiveFrom ?? new Date();
    if (latest && effectiveFrom < latest.effective_from)
      throw AppError.validation([
        {
          path: 'effective_from',
          message: `must not be before the latest assignment's (${latest.effective_from.toISOString()})`,
        },
      ]);
    const row = await trx
      .insertInto('commission_plan_assignments')
      .values({
        brand_id: brand,
        target: input.target,
        affiliate_id: input.target === 'brand' ? null : affiliateId,
        campaign_id: campaignId,
        plan_id: input.planId,
        effective_from: effectiveFrom,
        reason: input.reason?.trim() || null,
        ...actorColumns(actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAssignment(row);
  });
}
