// @internal: the engine's calculation, shared by earnCommissions and the backtest.
import type { Db } from '../../../db/index.ts';
import { money } from './commission-rows.ts';
import { cpaCommissions, findQualified, type Qualified } from './cpa.ts';
import type { EngineCustomer, EngineEvent, NewCommission } from './engine-types.ts';
import type { EnginePlan } from './plan-lookup.ts';
import { reversals, saleCommissions } from './sale-share.ts';

/** The events that can qualify a customer for CPA. */
export const QUALIFYING = new Set(['deposit', 'withdrawal', 'activity', 'registration']);

/**
 * What the given events earn their customers' affiliates, as rows not yet written: CPL, CPA,
 * the sub-affiliate CPA fee, sale share and its claw-backs. `planOf` names each customer's plan
 * at a moment, `current` the plan it is on now; `existing` holds the source keys (cpa:, cpl:)
 * written before, which are not earned again. Reads only (events, commissions for tiers and
 * claw-backs, referrers).
 */
export async function calculateCommissions(
  db: Db,
  options: {
    events: EngineEvent[];
    customers: Map<bigint, EngineCustomer>;
    planOf: (customer: EngineCustomer, at: Date) => EnginePlan | null;
    current: Map<bigint, EnginePlan>;
    existing: Set<string>;
  },
): Promise<NewCommission[]> {
  const { customers, planOf, current, existing } = options;
  const rows: NewCommission[] = [];
  const cplDone = new Set<bigint>();

  // CPL per lead, on its registration.
  for (const event of options.events) {
    if (event.type !== 'registration') continue;
    const customer = customers.get(event.customer_id);
    const plan = customer && planOf(customer, event.occurred_at);
    const cpl = plan?.version.definition.cpl;
    if (!customer || !plan || !cpl || cpl.qualified_only) continue;
    if (existing.has(`cpl:${customer.id}`) || cplDone.has(customer.id)) continue;
    cplDone.add(customer.id);
    rows.push(cplRow(customer, plan, event.id, event.occurred_at, 'registration'));
  }

  // CPA: the customers without one yet whose money moved (or who registered) in these events.
  const touched = new Set(options.events.filter((e) => QUALIFYING.has(e.type)).map((e) => e.customer_id));
  const candidates = [...current.entries()].flatMap(([id, plan]) =>
    touched.has(id) && plan.version.definition.cpa && !existing.has(`cpa:${id}`)
      ? [{ customer: customers.get(id) as EngineCustomer, plan }]
      : [],
  );
  const { qualified, traces } = await findQualified(db, candidates);
  const cpas = await cpaCommissions(db, qualified, traces);
  rows.push(...cpas);

  // CPL for qualified leads only: on the CPA qualification, or on a qualification event of a
  // plan without CPA rules.
  const qualifiedLeads: Qualified[] = [...qualified];
  for (const event of options.events) {
    if (event.type !== 'qualification') continue;
    const customer = customers.get(event.customer_id);
    const plan = customer && current.get(customer.id);
    if (customer && plan && !plan.version.definition.cpa)
      qualifiedLeads.push({ customer, plan, at: event.occurred_at, event_id: event.id });
  }
  for (const q of qualifiedLeads) {
    const cpl = q.plan.version.definition.cpl;
    if (!cpl?.qualified_only || existing.has(`cpl:${q.customer.id}`) || cplDone.has(q.customer.id)) continue;
    cplDone.add(q.customer.id);
    rows.push(cplRow(q.customer, q.plan, q.event_id, q.at, 'qualification'));
  }

  rows.push(...(await subCpaFees(db, cpas, current)));

  // Sales and what refunds and chargebacks take back of them.
  const sales = options.events.flatMap((event) => {
    const customer = customers.get(event.customer_id);
    const plan = customer && event.type === 'sale' ? planOf(customer, event.occurred_at) : null;
    return customer && plan ? [{ event, customer, plan }] : [];
  });
  const shares = await saleCommissions(db, sales);
  rows.push(...shares);
  const takeBacks = options.events.flatMap((event) => {
    const customer = customers.get(event.customer_id);
    return customer && (event.type === 'refund' || event.type === 'chargeback') ? [{ event, customer }] : [];
  });
  const minorUnits = new Map([...current.values()].map((p) => [p.plan.currency, p.plan.minor_unit]));
  rows.push(...(await reversals(db, takeBacks, shares, minorUnits)));

  return rows;
}

function cplRow(
  customer: EngineCustomer,
  plan: EnginePlan,
  eventId: bigint,
  at: Date,
  on: 'registration' | 'qualification',
): NewCommission {
  const cpl = plan.version.definition.cpl as { amount: number; qualified_only?: boolean };
  const amount = BigInt(cpl.amount);
  return {
    brand_id: customer.brand_id,
    affiliate_id: customer.affiliate_id as number,
    currency: plan.plan.currency,
    amount,
    kind: 'cpl',
    plan_id: plan.plan.id,
    plan_version_id: plan.version.id,
    customer_id: customer.id,
    event_id: eventId,
    campaign_id: customer.campaign_id,
    promo_id: customer.promo_id,
    source_affiliate_id: null,
    level: null,
    source: null,
    reverses: null,
    earned_at: at,
    hold_until: null,
    held: customer.held,
    source_key: `cpl:${customer.id}`,
    trace: {
      rule: 'cpl',
      plan: {
        id: plan.plan.id,
        name: plan.plan.name,
        version: plan.version.version,
        version_id: plan.version.id,
        decided_by: plan.source,
      },
      qualified_only: cpl.qualified_only ?? false,
      inputs: { events: [{ id: eventId.toString(), type: on, occurred_at: at.toISOString() }] },
      formula: `plan CPL amount = ${amount}`,
      amount: amount.toString(),
    },
    explanation: `CPL ${money(amount, plan.plan.minor_unit)} ${plan.plan.currency}: ${
      on === 'registration' ? 'lead registered' : 'lead qualified'
    } on ${at.toISOString().slice(0, 10)}`,
  };
}

/**
 * The sub-affiliate CPA fee: for each new CPA, the plan that paid it names what the affiliate's
 * referrer earns (level 1) and the referrer's referrer (level 2), a fixed fee per qualified
 * customer, paid and held like the CPA itself.
 */
async function subCpaFees(
  db: Db,
  cpas: NewCommission[],
  plans: Map<bigint, EnginePlan>,
): Promise<NewCommission[]> {
  const bases = cpas.filter((c) => c.source === null && c.customer_id !== null);
  const withFees = bases.filter((c) =>
    plans.get(c.customer_id as bigint)?.version.definition.sub_affiliate?.levels.some((l) => l.cpa_fee),
  );
  if (!withFees.length) return [];
  const referrers = new Map<number, { name: string; referrer_id: number | null }>();
  let ask = [...new Set(withFees.map((c) => c.affiliate_id))];
  for (let level = 0; level < 3 && ask.length; level++) {
    const found = await db
      .selectFrom('affiliates')
      .select(['id', 'name', 'referrer_id'])
      .where('id', 'in', ask)
      .execute();
    for (const a of found) referrers.set(a.id, a);
    ask = [
      ...new Set(
        found.flatMap((a) =>
          a.referrer_id !== null && !referrers.has(a.referrer_id) ? [a.referrer_id] : [],
        ),
      ),
    ];
  }
  const out: NewCommission[] = [];
  for (const cpa of withFees) {
    const plan = plans.get(cpa.customer_id as bigint) as EnginePlan;
    const levels = plan.version.definition.sub_affiliate?.levels ?? [];
    const source = referrers.get(cpa.affiliate_id);
    let referrer = source?.referrer_id ?? null;
    for (const [i, level] of levels.entries()) {
      if (referrer === null) break;
      const fee = level.cpa_fee ? BigInt(level.cpa_fee) : 0n;
      if (fee > 0n && referrer !== cpa.affiliate_id)
        out.push({
          ...cpa,
          id: undefined,
          affiliate_id: referrer,
          amount: fee,
          kind: 'sub_cpa',
          campaign_id: null,
          promo_id: null,
          source_affiliate_id: cpa.affiliate_id,
          level: i + 1,
          source: cpa,
          source_key: `sub_cpa:${i + 1}:${cpa.customer_id}`,
          trace: {
            rule: 'sub_cpa',
            plan: cpa.trace.plan,
            level: i + 1,
            sub_affiliate: { id: cpa.affiliate_id, name: source?.name ?? null },
            inputs: {
              cpa_amount: cpa.amount.toString(),
              qualifying_event_id: cpa.event_id?.toString() ?? null,
            },
            formula: `level ${i + 1} CPA fee = ${fee}`,
            amount: fee.toString(),
          },
          explanation: `Sub-affiliate CPA fee ${money(fee, plan.plan.minor_unit)} ${plan.plan.currency}: a customer of ${
            source?.name ?? `affiliate ${cpa.affiliate_id}`
          } (level ${i + 1} below you) qualified for CPA`,
        });
      referrer = referrers.get(referrer)?.referrer_id ?? null;
    }
  }
  return out;
}
