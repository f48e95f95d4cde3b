// @internal: the engine's plan resolution for a batch of customers.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { PlanDefinition } from '../plans/plan-definition.ts';
import type { EngineCustomer } from './engine-types.ts';

export interface EngineVersion {
  id: number;
  plan_id: number;
  version: number;
  effective_from: Date;
  definition: PlanDefinition;
  customer_binding: 'keep' | 'latest';
}

export interface EnginePlan {
  plan: { id: number; name: string; currency: string; minor_unit: number };
  version: EngineVersion;
  /** Which level decided (campaign, affiliate, brand) and when the customer was bound. */
  source: 'campaign' | 'affiliate' | 'brand';
  bound_at: Date;
}

/** When the customer was bound to its affiliate: the moment its plan is resolved at. */
export const boundAt = (c: EngineCustomer): Date => c.attributed_at ?? c.first_event_at;

/**
 * Loads, in three queries, what resolves the plan of every given customer: the assignments of
 * their brands, affiliates and campaigns, the plans and their versions. The plan is the one whose
 * assignment is in force at the moment earned (campaign, then the affiliate's own, then the
 * brand's default, as resolvePlan), so an assignment dated ahead applies from its date on; the
 * version is the one in force when the customer came to the plan (bound, or the assignment's
 * date if later) when the plan keeps customers on it (`customer_binding` keep), else the one in
 * force at the moment earned.
 */
export async function loadPlanLookup(
  db: Db,
  customers: EngineCustomer[],
): Promise<(customer: EngineCustomer, at: Date) => EnginePlan | null> {
  const bound = customers.filter((c) => c.affiliate_id !== null);
  if (!bound.length) return () => null;
  const brands = [...new Set(bound.map((c) => c.brand_id))];
  const affiliates = [...new Set(bound.map((c) => c.affiliate_id as number))];
  const campaigns = [...new Set(bound.flatMap((c) => (c.campaign_id === null ? [] : [c.campaign_id])))];
  const assignments = await db
    .selectFrom('commission_plan_assignments')
    .select(['brand_id', 'target', 'affiliate_id', 'campaign_id', 'plan_id', 'effective_from'])
    .where('brand_id', 'in', brands)
    .where((eb) =>
      eb.or([
        eb('target', '=', 'brand'),
        // One array parameter each: a period's finalization asks for thousands of affiliates.
        eb.and([eb('target', '=', 'affiliate'), sql<boolean>`affiliate_id = any(${affiliates}::int[])`]),
        ...(campaigns.length
          ? [eb.and([eb('target', '=', 'campaign'), sql<boolean>`campaign_id = any(${campaigns}::int[])`])]
          : []),
      ]),
    )
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const planIds = [...new Set(assignments.flatMap((a) => (a.plan_id === null ? [] : [a.plan_id])))];
  if (!planIds.length) return () => null;
  const [plans, versions] = await Promise.all([
    db
      .selectFrom('commission_plans as p')
      .innerJoin('currencies as c', 'c.code', 'p.currency')
      .select(['p.id', 'p.name', 'p.currency', 'c.minor_unit'])
      .where('p.id', 'in', planIds)
      .execute(),
    db
      .selectFrom('commission_plan_versions')
      .select(['id', 'plan_id', 'version', 'effective_from', 'definition', 'customer_binding'])
      .where('plan_id', 'in', planIds)
      .orderBy('version')
      .execute(),
  ]);
  const planById = new Map(plans.map((p) => [p.id, p]));
  const versionsOf = new Map<number, EngineVersion[]>();
  for (const v of versions) {
    const list = versionsOf.get(v.plan_id) ?? [];
    list.push({ ...v, definition: v.definition as PlanDefinition });
    versionsOf.set(v.plan_id, list);
  }
  const inForce = (planId: number, at: Date) => {
    let found: EngineVersion | null = null;
    for (const v of versionsOf.get(planId) ?? []) if (v.effective_from <= at) found = v;
    return found;
  };

  return (customer, at) => {
    if (customer.affiliate_id === null) return null;
    const bound = boundAt(customer);
    const levels = [
      ...(customer.campaign_id !== null ? (['campaign'] as const) : []),
      'affiliate',
      'brand',
    ] as const;
    for (const level of levels) {
      const row = assignments.find(
        (a) =>
          a.brand_id === customer.brand_id &&
          a.target === level &&
          a.effective_from <= at &&
          (level === 'brand' ||
            (level === 'affiliate'
              ? a.affiliate_id === customer.affiliate_id
              : a.campaign_id === customer.campaign_id)),
      );
      if (!row || row.plan_id === null) continue;
      const plan = planById.get(row.plan_id);
      if (!plan) return null;
      const since = new Date(Math.max(row.effective_from.getTime(), bound.getTime()));
      const first = inForce(plan.id, since);
      const version = first?.customer_binding === 'keep' ? first : (inForce(plan.id, at) ?? first);
      return version ? { plan, version, source: level, bound_at: since } : null;
    }
    return null;
  };
}

/** Ids for `n` commissions, taken up front so rows of one run can name each other. */
export async function allocateCommissionIds(db: Db, n: number): Promise<bigint[]> {
  if (n <= 0) return [];
  const { rows } = await sql<{ id: string }>`
    select nextval(pg_get_serial_sequence('commissions', 'id'))::text as id from generate_series(1, ${n})`.execute(
    db,
  );
  return rows.map((r) => BigInt(r.id));
}
