// @internal: what a plan would have paid, worked out with the engine's own calculation.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { calculateCommissions } from '../engine/calculate-commissions.ts';
import {
  ENGINE_CUSTOMER_COLUMNS,
  ENGINE_EVENT_COLUMNS,
  type EngineCustomer,
  type EngineEvent,
  type NewCommission,
} from '../engine/engine-types.ts';
import { boundAt, type EnginePlan } from '../engine/plan-lookup.ts';
import type { PlanDefinition } from '../plans/plan-definition.ts';
import { dayAfter, type Period } from '../revshare/compute-period.ts';
import { explainPeriod, FIGURES, type Figures, revsharePeriod } from '../revshare/revshare-math.ts';

/** The plan under test, as the engine reads a plan; `version` null for a draft. */
export interface TestedPlan {
  id: number;
  name: string;
  brand_id: number;
  currency: string;
  minor_unit: number;
  version: { id: number; version: number } | null;
  definition: PlanDefinition;
}

/** A commission the tested plan would have written. */
export interface WouldHave {
  affiliate_id: number;
  kind: NewCommission['kind'];
  currency: string;
  amount: bigint;
  customer_id: bigint | null;
  event_id: bigint | null;
  earned_at: Date;
  explanation: string;
  trace: Record<string, unknown>;
}

/** Kinds a backtest compares: an affiliate's own earnings from its own customers. */
export const COMPARED_KINDS = ['cpl', 'cpa', 'sale_share', 'revshare'] as const;

/**
 * The engine's calculation over every event of the affiliates' customers of the brand up to the
 * period's end, every customer on the tested plan, nothing counted as earned before: the rows
 * earned inside the period are what the plan would have paid. The plan is given id 0 to the
 * engine, so tier counts and top-ups read no stored commission and count only this run's.
 */
export async function eventCommissions(
  db: Db,
  options: { plan: TestedPlan; period: Period; affiliateIds: number[] },
): Promise<WouldHave[]> {
  const { plan, period } = options;
  const from = new Date(`${period.start}T00:00:00Z`);
  const until = dayAfter(period.end);
  if (!options.affiliateIds.length) return [];
  const customers: EngineCustomer[] = await db
    .selectFrom('customers')
    .select(ENGINE_CUSTOMER_COLUMNS)
    .where('brand_id', '=', plan.brand_id)
    .where(sql<boolean>`affiliate_id = any(${options.affiliateIds}::int[])`)
    .where('first_event_at', '<', until)
    .orderBy('id')
    .execute();
  if (!customers.length) return [];
  const ids = customers.map((c) => c.id.toString());
  const events: EngineEvent[] = await db
    .selectFrom('events')
    .select(ENGINE_EVENT_COLUMNS)
    .where(sql<boolean>`customer_id = any(${ids}::bigint[])`)
    .where('occurred_at', '<', until)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  const engine: EnginePlan = {
    plan: { id: 0, name: plan.name, currency: plan.currency, minor_unit: plan.minor_unit },
    version: {
      id: plan.version?.id ?? 0,
      plan_id: 0,
      version: plan.version?.version ?? 0,
      effective_from: new Date(0),
      definition: plan.definition,
      customer_binding: 'keep',
    },
    source: 'brand',
    bound_at: new Date(0),
  };
  const byId = new Map(customers.map((c) => [c.id, c]));
  const planOf = (c: EngineCustomer) => ({ ...engine, bound_at: boundAt(c) });
  const current = new Map(customers.map((c) => [c.id, planOf(c)]));
  const rows = await calculateCommissions(db, {
    events,
    customers: byId,
    planOf,
    current,
    existing: new Set(),
  });
  return rows.flatMap((r) => {
    // A claw-back of a stored commission (a sale the tested plan did not pay) is not the plan's.
    if (r.kind === 'sub_cpa' || typeof r.reverses === 'bigint') return [];
    if (r.earned_at < from || r.earned_at >= until) return [];
    const tracePlan = r.trace.plan as Record<string, unknown> | undefined;
    const trace = tracePlan
      ? { ...r.trace, plan: { ...tracePlan, id: plan.id, decided_by: 'backtest' } }
      : r.trace;
    return [
      {
        affiliate_id: r.affiliate_id,
        kind: r.kind,
        currency: r.currency,
        amount: r.amount,
        customer_id: r.customer_id,
        event_id: r.event_id,
        earned_at: r.earned_at,
        explanation: r.explanation,
        trace,
      },
    ];
  });
}

/**
 * The period's RevShare per affiliate under the tested plan: the accruals of the affiliates'
 * customers of the brand in the plan's currency (held customers left out, as finalization
 * does), with the carry-over the plan brought from the last finalized period before this one.
 */
export async function revshareCommissions(
  db: Db,
  options: { plan: TestedPlan; period: Period; affiliateIds: number[] },
): Promise<WouldHave[]> {
  const { plan, period } = options;
  const revshare = plan.definition.revshare;
  if (!revshare || !options.affiliateIds.length) return [];
  const until = dayAfter(period.end);
  const sums = FIGURES.map((f) => sql`coalesce(sum(a.${sql.ref(f)}), 0)::bigint as ${sql.ref(f)}`);
  const [money, affiliates, carries, qualified] = await Promise.all([
    sql<Record<(typeof FIGURES)[number], bigint> & { affiliate_id: number; customers: number }>`
      select a.affiliate_id, count(distinct a.customer_id)::int as customers, ${sql.join(sums)}
      from revshare_accruals a join customers c on c.id = a.customer_id
      where a.day >= ${period.start}::date and a.day <= ${period.end}::date and a.brand_id = ${plan.brand_id}
        and a.currency = ${plan.currency} and not c.held
        and a.affiliate_id = any(${options.affiliateIds}::int[])
      group by a.affiliate_id`.execute(db),
    sql<{ id: number; no_negative_carry_over: boolean }>`
      select id, no_negative_carry_over from affiliates where id = any(${options.affiliateIds}::int[])`.execute(
      db,
    ),
    sql<{ affiliate_id: number; carry_out: bigint }>`
      select distinct on (affiliate_id) affiliate_id, carry_out from revshare_settlements
      where period_end < ${period.start}::date and plan_id = ${plan.id} and currency = ${plan.currency}
        and affiliate_id = any(${options.affiliateIds}::int[])
      order by affiliate_id, period_start desc, plan_version_id desc`.execute(db),
    sql<{ affiliate_id: number; n: number }>`
      select affiliate_id, count(*)::int as n from customers
      where brand_id = ${plan.brand_id} and affiliate_id = any(${options.affiliateIds}::int[]) and not held
        and qualified_at >= ${`${period.start}T00:00:00Z`}::timestamptz and qualified_at < ${until}
      group by affiliate_id`.execute(db),
  ]);
  const optOut = new Map(affiliates.rows.map((a) => [a.id, a.no_negative_carry_over]));
  const carryIn = new Map(carries.rows.map((c) => [c.affiliate_id, BigInt(c.carry_out)]));
  const qualifiedOf = new Map(qualified.rows.map((q) => [q.affiliate_id, q.n]));
  return money.rows.map((row) => {
    const figures = Object.fromEntries(FIGURES.map((f) => [f, BigInt(row[f])])) as unknown as Figures;
    const noCarry = optOut.get(row.affiliate_id) ?? false;
    const carry = {
      applies: !!revshare.carry_over && !noCarry,
      cap: revshare.carry_over_cap ?? null,
      no_negative_carry_over: noCarry,
    };
    const result = revsharePeriod(figures, revshare, {
      qualifiedCustomers: qualifiedOf.get(row.affiliate_id) ?? 0,
      carryIn: carryIn.get(row.affiliate_id) ?? 0n,
      carryOver: carry,
    });
    const explanation = `${explainPeriod(result, plan.currency, plan.minor_unit).slice(0, -1)}; ${period.start} to ${period.end}, ${row.customers} customers.`;
    return {
      affiliate_id: row.affiliate_id,
      kind: 'revshare' as const,
      currency: plan.currency,
      amount: result.carry.amount,
      customer_id: null,
      event_id: null,
      earned_at: new Date(until.getTime() - 1),
      explanation,
      trace: {
        kind: 'revshare',
        period,
        plan: { id: plan.id, name: plan.name, version: plan.version?.version ?? null },
        customers: row.customers,
        qualified_customers: qualifiedOf.get(row.affiliate_id) ?? 0,
        figures,
        ggr: result.ggr,
        net_pl: result.net_pl,
        net_deposits: result.net_deposits,
        basis: result.basis,
        basis_amount: result.basis_amount,
        deductions: result.deductions,
        rate: result.rate,
        carry_over: { ...carry, ...result.carry },
        formula: explanation,
      },
    };
  });
}
