import type { Db } from '../../../db/index.ts';
import { describePlan, type PlanComponentCard } from './describe-plan.ts';
import { versionAt, versionsOf } from './plan-rows.ts';

export interface PartnerPlanCard {
  id: number;
  name: string;
  description: string | null;
  brand: { id: number; name: string };
  currency: string;
  version: number;
  effective_from: Date;
  deal_type_id: number;
  deal_type: string;
  /** How it applies to you now: your own plan, a campaign's, the brand's default; empty: offered. */
  applies_as: ('affiliate' | 'campaign' | 'brand')[];
  campaign_ids: number[];
  components: PlanComponentCard[];
}

/**
 * The plans an affiliate may see, as cards: those that apply to it now (its own, its campaigns',
 * the brand defaults), the public active plans of the enabled brands and the private ones opened
 * to it. Never another affiliate's private plan. A plan whose first version is still to come is
 * left out.
 */
export async function listPartnerPlans(options: { db: Db; affiliateId: number }): Promise<PartnerPlanCard[]> {
  const { db, affiliateId } = options;
  const now = new Date();
  const campaigns = await db
    .selectFrom('campaigns')
    .select('id')
    .where('affiliate_id', '=', affiliateId)
    .execute();
  const campaignIds = campaigns.map((c) => c.id);
  const assignments = await db
    .selectFrom('commission_plan_assignments as a')
    .select([
      'a.id',
      'a.target',
      'a.brand_id',
      'a.affiliate_id',
      'a.campaign_id',
      'a.plan_id',
      'a.effective_from',
    ])
    .where('a.effective_from', '<=', now)
    .where((eb) =>
      eb.or([
        eb('a.target', '=', 'brand'),
        eb.and([eb('a.target', '=', 'affiliate'), eb('a.affiliate_id', '=', affiliateId)]),
        ...(campaignIds.length
          ? [eb.and([eb('a.target', '=', 'campaign'), eb('a.campaign_id', 'in', campaignIds)])]
          : []),
      ]),
    )
    .orderBy('a.effective_from', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  const inForce = new Map<string, (typeof assignments)[number]>();
  for (const a of assignments) {
    const key = `${a.target}:${a.brand_id}:${a.campaign_id ?? ''}`;
    if (!inForce.has(key)) inForce.set(key, a);
  }
  const applying = [...inForce.values()].filter((a) => a.plan_id !== null);
  const rows = await db
    .selectFrom('commission_plans as p')
    .innerJoin('brands as b', 'b.id', 'p.brand_id')
    .innerJoin('currencies as c', 'c.code', 'p.currency')
    .select([
      'p.id',
      'p.name',
      'p.description',
      'p.brand_id',
      'b.name as brand_name',
      'p.currency',
      'c.minor_unit',
    ])
    .where((eb) =>
      eb.or([
        ...(applying.length
          ? [
              eb(
                'p.id',
                'in',
                applying.map((a) => a.plan_id as number),
              ),
            ]
          : []),
        eb.and([
          eb('p.status', '=', 'active'),
          eb('b.enabled', '=', true),
          eb.or([
            eb('p.is_private', '=', false),
            eb(
              'p.id',
              'in',
              eb
                .selectFrom('commission_plan_affiliates')
                .select('plan_id')
                .where('affiliate_id', '=', affiliateId),
            ),
          ]),
        ]),
      ]),
    )
    .orderBy('b.name')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  const versions = await versionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((row) => {
    const version = versionAt(
      versions.filter((v) => v.plan_id === row.id),
      now,
    );
    if (!version) return [];
    const mine = applying.filter((a) => a.plan_id === row.id);
    return [
      {
        id: row.id,
        name: row.name,
        description: row.description,
        brand: { id: row.brand_id, name: row.brand_name },
        currency: row.currency,
        version: version.version,
        effective_from: version.effective_from,
        deal_type_id: version.deal_type_id,
        deal_type: version.deal_type,
        applies_as: [...new Set(mine.map((a) => a.target))].sort(),
        campaign_ids: mine
          .flatMap((a) => (a.campaign_id === null ? [] : [a.campaign_id]))
          .sort((x, y) => x - y),
        components: describePlan(version.definition, row.currency, row.minor_unit),
      },
    ];
  });
}
