import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { assignPlan } from '../../commissions/plans/assign-plan.ts';
import { checkPlanChoice } from '../../commissions/plans/check-plan-choice.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Campaign, Scope } from '../types.ts';
import { assertActive, findCampaign } from './campaign-access.ts';

export interface UpdateCampaignInput {
  name?: string;
  commission_plan_id?: number | null;
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
  if (input.name !== undefined && !name) throw AppError.field('name', 'must not be empty');
  return inTransaction(db, async (trx) => {
    const campaign = await findCampaign(trx, id, scope, true);
    assertActive(campaign);
    if (input.commission_plan_id != null) {
      const problem = await checkPlanChoice(trx, {
        planId: input.commission_plan_id,
        brandId: campaign.brand_id,
        affiliateId: campaign.affiliate_id,
      });
      if (problem) throw AppError.validation([problem]);
    }
    // The plan's history (what applied when) is kept as assignments, read by resolvePlan.
    if (input.commission_plan_id !== undefined && input.commission_plan_id !== campaign.commission_plan_id)
      await assignPlan({
        db: trx,
        actor,
        input: { target: 'campaign', campaignId: id, planId: input.commission_plan_id },
      });
    await recordCatalogChange(trx, { entity: 'campaign', id, action: 'updated', actor, fields: input });
    return trx
      .updateTable('campaigns')
      .set({ ...input, ...(name !== undefined ? { name } : {}), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
