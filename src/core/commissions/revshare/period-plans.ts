// @internal: the plans of a period's customers, resolved in memory for finalization and preview.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { PlanDefinition } from '../plans/plan-definition.ts';

export interface VersionInfo {
  id: number;
  plan_id: number;
  version: number;
  effective_from: Date;
  customer_binding: 'keep' | 'latest';
  definition: PlanDefinition;
}
export interface PlanInfo {
  id: number;
  name: string;
  currency: string;
  versions: VersionInfo[];
}

interface AssignmentRow {
  id: bigint;
  brand_id: number;
  target: 'brand' | 'affiliate' | 'campaign';
  affiliate_id: number | null;
  campaign_id: number | null;
  plan_id: number | null;
  effective_from: Date;
}

/**
 * Every assignment, plan and version of the brands in force by `until` (exclusive), so that
 * each customer's plan is found without a query of its own. The same precedence as
 * resolvePlan: the campaign's plan, the affiliate's own plan on the brand, the brand's default;
 * at each level the latest assignment in force, one without a plan passing to the next level.
 */
export async function loadPeriodPlans(trx: Transaction<DB>, brandIds: number[], until: Date) {
  if (!brandIds.length) return new PeriodPlans([], [], []);
  const assignments = (await trx
    .selectFrom('commission_plan_assignments')
    .select(['id', 'brand_id', 'target', 'affiliate_id', 'campaign_id', 'plan_id', 'effective_from'])
    .where('brand_id', 'in', brandIds)
    .where('effective_from', '<', until)
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .execute()) as AssignmentRow[];
  const planIds = [...new Set(assignments.map((a) => a.plan_id).filter((p): p is number => p !== null))];
  const [plans, versions] = planIds.length
    ? await Promise.all([
        trx
          .selectFrom('commission_plans')
          .select(['id', 'name', 'currency'])
          .where('id', 'in', planIds)
          .execute(),
        trx
          .selectFrom('commission_plan_versions')
          .select(['id', 'plan_id', 'version', 'effective_from', 'customer_binding', 'definition'])
          .where('plan_id', 'in', planIds)
          .where('effective_from', '<', until)
          .orderBy('version')
          .execute(),
      ])
    : [[], []];
  return new PeriodPlans(assignments, plans, versions as unknown as VersionInfo[]);
}

export class PeriodPlans {
  readonly plans = new Map<number, PlanInfo>();
  private readonly brand = new Map<number, AssignmentRow>();
  private readonly affiliate = new Map<string, AssignmentRow>();
  private readonly campaign = new Map<string, AssignmentRow>();

  constructor(
    assignments: AssignmentRow[],
    plans: { id: number; name: string; currency: string }[],
    versions: VersionInfo[],
  ) {
    // Newest first: the first row seen per target is the one in force.
    for (const a of assignments) {
      const [map, key] =
        a.target === 'brand'
          ? [this.brand, a.brand_id]
          : a.target === 'affiliate'
            ? [this.affiliate, `${a.brand_id}:${a.affiliate_id}`]
            : [this.campaign, `${a.brand_id}:${a.campaign_id}`];
      if (!(map as Map<unknown, AssignmentRow>).has(key)) (map as Map<unknown, AssignmentRow>).set(key, a);
    }
    for (const p of plans) this.plans.set(p.id, { ...p, versions: [] });
    for (const v of versions) this.plans.get(v.plan_id)?.versions.push(v);
  }

  /** The plan of an affiliate's customer (through a campaign or not) at the period's end. */
  planOf(brandId: number, affiliateId: number, campaignId: number | null): PlanInfo | null {
    const levels = [
      campaignId === null ? undefined : this.campaign.get(`${brandId}:${campaignId}`),
      this.affiliate.get(`${brandId}:${affiliateId}`),
      this.brand.get(brandId),
    ];
    const decided = levels.find((a) => a?.plan_id != null);
    return decided ? (this.plans.get(decided.plan_id as number) ?? null) : null;
  }

  /**
   * The version that pays a customer: the one in force at the period's end, unless it keeps
   * customers on the version in force when they were bound (customer_binding keep) and one was.
   */
  versionOf(plan: PlanInfo, boundAt: Date | null): VersionInfo | null {
    const current = plan.versions[plan.versions.length - 1] ?? null;
    if (current?.customer_binding !== 'keep' || !boundAt) return current;
    let kept: VersionInfo | null = null;
    for (const v of plan.versions) if (v.effective_from <= boundAt) kept = v;
    return kept ?? current;
  }
}
