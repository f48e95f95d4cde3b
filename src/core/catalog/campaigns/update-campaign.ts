import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { assignPlan } from '../../commissions/plans/assign-plan.ts';
import { checkPlanChoice } from '../../commissions/plans/check-plan-choice.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Campaign, Scope } from '../types.ts';
import { assertActive, findCampaign } from './campaign-access.ts';

export interface UpdateCampaignInput {
  name?: string;
  commission_plan_id?: number | null;
  /** From when the new plan applies (now by default; never before the campaign's last change). */
  commission_plan_effective_from?: Date;
}

export async function updateCampaign({
  db,
  actor,
  id,
  input,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateCampaignInput;
  scope?: Scope;
}): Promise<Campaign> {
  const name = input.name?.trim();
  const { commission_plan_effective_from: effectiveFrom, ...fields } = input;
  return inTransaction(db, async (trx) => {
    const campaign = await findCampaign(trx, id, scope, true);
    assertActive(campaign);
    // Every field's problem in one answer.
    const errors: FieldError[] = [];
    if (input.name !== undefined && !name) errors.push({ path: 'name', message: 'must not be empty' });
    if (effectiveFrom !== undefined && input.commission_plan_id === undefined)
      errors.push({
        path: 'commission_plan_effective_from',
        message: 'goes with commission_plan_id: the date the plan applies from',
      });
    if (input.commission_plan_id != null) {
      const problem = await checkPlanChoice(trx, {
        planId: input.commission_plan_id,
        brandId: campaign.brand_id,
        affiliateId: campaign.affiliate_id,
      });
      if (problem) errors.push(problem);
    }
    if (errors.length) throw AppError.validation(errors);
    // The plan's history (what applied when) is kept as assignments, read by resolvePlan.
    // A dated change is appended even when the plan is the campaign's latest (a date moved on).
    if (
      input.commission_plan_id !== undefined &&
      (input.commission_plan_id !== campaign.commission_plan_id || effectiveFrom !== undefined)
    )
      await assignPlan({
        db: trx,
        actor,
        input: {
          target: 'campaign',
          campaignId: id,
          planId: input.commission_plan_id,
          ...(effectiveFrom !== undefined ? { effectiveFrom } : {}),
        },
      });
    await recordCatalogChange(trx, { entity: 'campaign', id, action: 'updated', actor, fields: input });
    return trx
      .updateTable('campaigns')
      .set({ ...fields, ...(name !== undefined ? { name } : {}), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
