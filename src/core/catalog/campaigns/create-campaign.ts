import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { assignPlan } from '../../commissions/plans/assign-plan.ts';
import { checkPlanChoice } from '../../commissions/plans/check-plan-choice.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Campaign, Scope } from '../types.ts';

export interface CreateCampaignInput {
  affiliate_id: number;
  brand_id: number;
  name: string;
  /** An active plan of the brand (a private one only if opened to the affiliate). */
  commission_plan_id?: number | null;
}

/** A limited manager (`scope.managerId`) may name only an affiliate they manage; others "do not exist". */
export async function createCampaign({
  db,
  actor,
  input,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  input: CreateCampaignInput;
  scope?: Scope;
}): Promise<Campaign> {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (!name) errors.push({ path: 'name', message: 'must not be empty' });
  let affiliateQuery = db.selectFrom('affiliates').select('id').where('id', '=', input.affiliate_id);
  if (scope.managerId !== undefined) {
    affiliateQuery = affiliateQuery.where('id', 'in', managedAffiliateIds(db, scope.managerId));
  }
  const [affiliate, brand] = await Promise.all([
    affiliateQuery.executeTakeFirst(),
    db.selectFrom('brands').select(['id', 'enabled']).where('id', '=', input.brand_id).executeTakeFirst(),
  ]);
  if (!affiliate)
    errors.push({ path: 'affiliate_id', message: `affiliate ${input.affiliate_id} does not exist` });
  if (!brand) errors.push({ path: 'brand_id', message: `brand ${input.brand_id} does not exist` });
  else if (!brand.enabled) errors.push({ path: 'brand_id', message: `brand ${input.brand_id} is disabled` });
  if (affiliate && brand && input.commission_plan_id != null) {
    const problem = await checkPlanChoice(db, {
      planId: input.commission_plan_id,
      brandId: input.brand_id,
      affiliateId: input.affiliate_id,
    });
    if (problem) errors.push(problem);
  }
  if (errors.length) throw AppError.validation(errors);
  return inTransaction(db, async (trx) => {
    const campaign = await trx
      .insertInto('campaigns')
      .values({
        affiliate_id: input.affiliate_id,
        brand_id: input.brand_id,
        name,
        commission_plan_id: input.commission_plan_id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordCatalogChange(trx, {
      entity: 'campaign',
      id: campaign.id,
      action: 'created',
      actor,
      fields: input,
    });
    if (campaign.commission_plan_id !== null)
      await assignPlan({
        db: trx,
        actor,
        input: { target: 'campaign', campaignId: campaign.id, planId: campaign.commission_plan_id },
      });
    return campaign;
  });
}
