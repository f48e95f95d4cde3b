import type { Db } from '../../../db/index.ts';
import type { FieldError } from '../../errors.ts';

/**
 * Whether `planId` may be a campaign's plan: it exists, is active, belongs to the campaign's
 * brand, and when private, was opened to the campaign's affiliate. A problem for `path`, or null.
 */
export async function checkPlanChoice(
  db: Db,
  options: { planId: number; brandId: number; affiliateId: number; path?: string },
): Promise<FieldError | null> {
  const path = options.path ?? 'commission_plan_id';
  const plan = await db
    .selectFrom('commission_plans')
    .select(['id', 'brand_id', 'status', 'is_private'])
    .where('id', '=', options.planId)
    .executeTakeFirst();
  if (!plan) return { path, message: `commission plan ${options.planId} does not exist` };
  if (plan.brand_id !== options.brandId)
    return { path, message: 'choose a commission plan of the campaign’s brand' };
  if (plan.status !== 'active')
    return { path, message: 'choose an active commission plan (this one is archived)' };
  if (plan.is_private) {
    const allowed = await db
      .selectFrom('commission_plan_affiliates')
      .select('plan_id')
      .where('plan_id', '=', plan.id)
      .where('affiliate_id', '=', options.affiliateId)
      .executeTakeFirst();
    if (!allowed) return { path, message: `commission plan ${options.planId} does not exist` };
  }
  return null;
}
