import type { Db } from '../../../db/index.ts';
import type { PlanVersion } from './plan.ts';
import { resolvePlan } from './resolve-plan.ts';

export interface DefaultDeal {
  brand_id: number;
  plan: { id: number; name: string; currency: string };
  /** Decimals of the plan's currency, for its amounts in minor units. */
  minor_unit: number;
  version: PlanVersion;
  source: 'affiliate' | 'brand';
}

/**
 * The affiliate's default deal: the plan in force for it without a campaign (its own plan on a
 * brand, else the brand's default) on the first enabled brand, by id, that has one. Campaign
 * plans are deals of their own, not the default. Null when no brand has a plan for it.
 */
export async function getDefaultDeal(options: { db: Db; affiliateId: number }): Promise<DefaultDeal | null> {
  const { db, affiliateId } = options;
  const brands = await db
    .selectFrom('brands')
    .select('id')
    .where('enabled', '=', true)
    .orderBy('id')
    .execute();
  for (const brand of brands) {
    const resolved = await resolvePlan({ db, affiliateId, brandId: brand.id });
    if (!resolved.plan || !resolved.version || resolved.source === 'campaign' || !resolved.source) continue;
    const currency = await db
      .selectFrom('currencies')
      .select('minor_unit')
      .where('code', '=', resolved.plan.currency)
      .executeTakeFirstOrThrow();
    return {
      brand_id: brand.id,
      plan: { id: resolved.plan.id, name: resolved.plan.name, currency: resolved.plan.currency },
      minor_unit: currency.minor_unit,
      version: resolved.version,
      source: resolved.source,
    };
  }
  return null;
}
