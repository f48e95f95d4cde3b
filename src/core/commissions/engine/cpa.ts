// @internal: CPA qualification, tiers and the sub-affiliate CPA fee.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { PlanDefinition, Qualification } from '../plans/plan-definition.ts';
import { DAY_MS, money, ordinal } from './commission-rows.ts';
import type { EngineCustomer, NewCommission } from './engine-types.ts';
import type { EnginePlan } from './plan-lookup.ts';

type Cpa = NonNullable<PlanDefinition['cpa']>;
type Rule =
  | 'min_first_deposit'
  | 'min_deposit_count'
  | 'min_deposit_total'
  | 'min_net_deposit'
  | 'min_bets'
  | 'min_bet_count';
const RULES: { rule: Rule; words: string; isMoney: boolean }[] = [
  { rule: 'min_first_deposit', words: 'first deposit', isMoney: true },
  { rule: 'min_deposit_count', words: 'deposit count', isMoney: false },
  { rule: 'min_deposit_total', words: 'deposits', isMoney: true },
  { rule: 'min_net_deposit', words: 'net deposit', isMoney: true },
  { rule: 'min_bets', words: 'bets', isMoney: true },
  { rule: 'min_bet_count', words: 'bet count', isMoney: false },
];

interface Figures {
  first_deposit: bigint | null;
  deposit_count: bigint;
  deposit_total: bigint;
  withdrawal_total: bigint;
  bets: bigint;
  bet_count: bigint;
}

const actual = (f: Figures, rule: Rule): bigint => {
  switch (rule) {
    case 'min_first_deposit':
      return f.first_deposit ?? 0n;
    case 'min_deposit_count':
      return f.deposit_count;
    case 'min_deposit_total':
      return f.deposit_total;
    case 'min_net_deposit':
      return f.deposit_total - f.withdrawal_total;
    case 'min_bets':
      return f.bets;
    case 'min_bet_count':
      return f.bet_count;
  }
};

function check(q: Qualification, f: Figures) {
  const checks = RULES.flatMap(({ rule }) => {
    const required = q[rule];
    if (required === undefined || required === null) return [];
    const value = actual(f, rule);
    return [{ rule, required, actual: value, met: value >= BigInt(required) }];
  });
  const met = (q.combine ?? 'all') === 'any' ? checks.some((c) => c.met) : checks.every((c) => c.met);
  return { met, checks };
}

export interface Qualified {
  customer: EngineCustomer;
  plan: EnginePlan;
  at: Date;
  event_id: bigint;
}

interface Candidate {
  customer: EngineCustomer;
  plan: EnginePlan;
  cpa: Cpa;
  deadline: Date | null;
  from: Date;
}

/**
 * Finds which of the customers qualify for their plan's CPA now, and on which event: each
 * customer's deposits, withdrawals and activity (in the plan's currency, up to `within_days`
 * after registration) walked in time order until the rules are met. Customers with a CPA
 * already are not given (the caller leaves them out).
 */
export async function findQualified(
  db: Db,
  customers: { customer: EngineCustomer; plan: EnginePlan }[],
): Promise<{ qualified: Qualified[]; traces: Map<bigint, Record<string, unknown>> }> {
  const candidates: Candidate[] = [];
  for (const { customer, plan } of customers) {
    const cpa = plan.version.definition.cpa;
    if (!cpa) continue;
    const countries = cpa.qualification.countries;
    if (countries && (!customer.country || !countries.includes(customer.country))) continue;
    const from = customer.registered_at ?? customer.first_event_at;
    const days = cpa.qualification.within_days;
    candidates.push({
      customer,
      plan,
      cpa,
      from,
      deadline: days ? new Date(from.getTime() + days * DAY_MS) : null,
    });
  }
  const traces = new Map<bigint, Record<string, unknown>>();
  if (!candidates.length) return { qualified: [], traces };
  const far = '9999-12-31T00:00:00Z';
  const { rows } = await sql<{
    id: bigint;
    customer_id: bigint;
    type: 'deposit' | 'withdrawal' | 'activity';
    occurred_at: Date;
    amount: bigint | null;
    bets: bigint | null;
    bet_count: bigint | null;
  }>`
    select e.id, e.customer_id, e.type, e.occurred_at, e.amount, l.bets, l.bet_count
    from unnest(${candidates.map((c) => c.customer.id.toString())}::bigint[],
                ${candidates.map((c) => c.plan.plan.currency)}::text[],
                ${candidates.map((c) => (c.deadline ?? new Date(far)).toISOString())}::timestamptz[]) as c(id, currency, deadline)
    join events e on e.customer_id = c.id and e.currency = c.currency and e.occurred_at <= c.deadline
      and e.type in ('deposit', 'withdrawal', 'activity')
    left join lateral (
      select sum(a.bets)::bigint as bets, sum(a.bet_count)::bigint as bet_count
      from activity_lines a where a.event_id = e.id
    ) l on e.type = 'activity'
    order by e.customer_id, e.occurred_at, e.id`.execute(db);
  const eventsOf = new Map<bigint, typeof rows>();
  for (const row of rows) {
    const list = eventsOf.get(row.customer_id) ?? [];
    list.push(row);
    eventsOf.set(row.customer_id, list);
  }
  const qualified: Qualified[] = [];
  for (const c of candidates) {
    const f: Figures = {
      first_deposit: null,
      deposit_count: 0n,
      deposit_total: 0n,
      withdrawal_total: 0n,
      bets: 0n,
      bet_count: 0n,
    };
    const used: { id: string; type: string; amount: string | null; occurred_at: string }[] = [];
    for (const e of eventsOf.get(c.customer.id) ?? []) {
      const amount = e.amount ?? 0n;
      if (e.type === 'deposit') {
        f.first_deposit ??= amount;
        f.deposit_count += 1n;
        f.deposit_total += amount;
      } else if (e.type === 'withdrawal') f.withdrawal_total += amount;
      else {
        f.bets += e.bets ?? 0n;
        f.bet_count += e.bet_count ?? 0n;
      }
      used.push({
        id: e.id.toString(),
        type: e.type,
        amount: e.type === 'activity' ? `bets ${e.bets ?? 0n}, ${e.bet_count ?? 0n} bets` : amount.toString(),
        occurred_at: e.occurred_at.toISOString(),
      });
      const result = check(c.cpa.qualification, f);
      if (!result.met) continue;
      qualified.push({ customer: c.customer, plan: c.plan, at: e.occurred_at, event_id: e.id });
      traces.set(c.customer.id, {
        combine: c.cpa.qualification.combine ?? 'all',
        checks: result.checks.map((x) => ({ ...x, actual: x.actual.toString() })),
        within_days: c.cpa.qualification.within_days ?? null,
        counted_from: c.from.toISOString(),
        deadline: c.deadline?.toISOString() ?? null,
        countries: c.cpa.qualification.countries ?? null,
        country: c.customer.country,
        events: used,
        qualifying_event_id: e.id.toString(),
      });
      break;
    }
  }
  return { qualified, traces };
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);
const monthRange = (month: string) => {
  const start = new Date(`${month}-01T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return { start, end };
};
const tierOf = (levels: { from: number; amount: number }[], n: number) => {
  let t = 0;
  levels.forEach((l, i) => {
    if (l.from <= n) t = i;
  });
  return t;
};

/**
 * The CPA commissions of the qualified customers, with their tiers: the n-th qualified customer
 * of the affiliate under the plan in the calendar month (UTC) of its qualification reaches the
 * highest tier whose `from` is at most n. past_threshold: each CPA pays the tier its own n
 * reached. whole_period: each pays its own tier when it is earned, and when a later one reaches a
 * higher tier every earlier CPA of the month is topped up to that tier's amount by a new row
 * (kind cpa, naming the CPA it tops up). A per-country amount replaces the tiers for its country.
 */
export async function cpaCommissions(
  db: Db,
  qualified: Qualified[],
  traces: Map<bigint, Record<string, unknown>>,
): Promise<NewCommission[]> {
  if (!qualified.length) return [];
  const sorted = [...qualified].sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0),
  );
  const groups = new Map<string, Qualified[]>();
  for (const q of sorted) {
    if (!q.plan.version.definition.cpa?.tiers) continue;
    const key = `${q.customer.affiliate_id}:${q.plan.plan.id}:${monthOf(q.at)}`;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  const counted = new Map<string, number>();
  if (groups.size) {
    const keys = [...groups.keys()].map((k) => k.split(':'));
    const { rows } = await sql<{ key: string; n: number }>`
      select g.affiliate_id || ':' || g.plan_id || ':' || g.month as key, count(c.id)::int as n
      from unnest(${keys.map((k) => Number(k[0]))}::int[], ${keys.map((k) => Number(k[1]))}::int[],
                  ${keys.map((k) => k[2] as string)}::text[]) as g(affiliate_id, plan_id, month)
      join commissions c on c.affiliate_id = g.affiliate_id and c.plan_id = g.plan_id and c.kind = 'cpa'
        and c.source_commission_id is null
        and c.earned_at >= (g.month || '-01')::date::timestamp at time zone 'UTC'
        and c.earned_at < ((g.month || '-01')::date + interval '1 month')::timestamp at time zone 'UTC'
      group by 1`.execute(db);
    for (const r of rows) counted.set(r.key, r.n);
  }

  const out: NewCommission[] = [];
  const bases = new Map<string, { rows: NewCommission[]; cpa: Cpa; minorUnit: number }>();
  for (const q of sorted) {
    const cpa = q.plan.version.definition.cpa as Cpa;
    const { plan, version } = q.plan;
    const m = (v: bigint | number) => money(v, plan.minor_unit);
    const countryAmount = q.customer.country ? cpa.country_amounts?.[q.customer.country] : undefined;
    let amount = BigInt(cpa.amount);
    let tier: Record<string, unknown> | null = null;
    let tierWords = '';
    const key = `${q.customer.affiliate_id}:${plan.id}:${monthOf(q.at)}`;
    if (cpa.tiers) {
      const n = (counted.get(key) ?? 0) + 1;
      counted.set(key, n);
      const t = tierOf(cpa.tiers.levels, n);
      const level = cpa.tiers.levels[t] as { from: number; amount: number };
      tier = {
        mode: cpa.tiers.mode,
        tier: t + 1,
        from: level.from,
        amount: level.amount,
        qualified_in_period: n,
        period: monthOf(q.at),
        applied: countryAmount === undefined,
        rule:
          cpa.tiers.mode === 'whole_period'
            ? 'each CPA pays the tier reached by its own position when earned; reaching a higher tier tops up every earlier CPA of the month (UTC) to its amount by new rows'
            : 'each CPA pays the tier its own position in the month (UTC) reached; earlier CPAs keep theirs',
      };
      if (countryAmount === undefined) amount = BigInt(level.amount);
      tierWords = `; tier ${t + 1}, ${ordinal(n)} qualified customer this month`;
    }
    if (countryAmount !== undefined) amount = BigInt(countryAmount);
    const qual = traces.get(q.customer.id) ?? {};
    const checks = (qual.checks as { rule: Rule; required: number; actual: string; met: boolean }[]) ?? [];
    const reasons = checks
      .filter((c) => c.met)
      .map((c) => {
        const r = RULES.find((x) => x.rule === c.rule) as (typeof RULES)[number];
        return r.isMoney
          ? `${r.words} ${m(BigInt(c.actual))} ≥ ${m(c.required)}`
          : `${r.words} ${c.actual} ≥ ${c.required}`;
      });
    const within = cpa.qualification.within_days
      ? ` within ${cpa.qualification.within_days} days of registration`
      : '';
    const countryWords = countryAmount !== undefined ? `; amount for ${q.customer.country}` : '';
    const holdUntil = cpa.hold_days ? new Date(q.at.getTime() + cpa.hold_days * DAY_MS) : null;
    const row: NewCommission = {
      brand_id: q.customer.brand_id,
      affiliate_id: q.customer.affiliate_id as number,
      currency: plan.currency,
      amount,
      kind: 'cpa',
      plan_id: plan.id,
      plan_version_id: version.id,
      customer_id: q.customer.id,
      event_id: q.event_id,
      campaign_id: q.customer.campaign_id,
      promo_id: q.customer.promo_id,
      source_affiliate_id: null,
      level: null,
      source: null,
      reverses: null,
      earned_at: q.at,
      hold_until: holdUntil,
      held: q.customer.held,
      source_key: `cpa:${q.customer.id}`,
      trace: {
        rule: 'cpa',
        plan: {
          id: plan.id,
          name: plan.name,
          version: version.version,
          version_id: version.id,
          decided_by: q.plan.source,
        },
        qualification: qual,
        country_amount: countryAmount ?? null,
        tier,
        hold_days: cpa.hold_days ?? 0,
        hold_until: holdUntil?.toISOString() ?? null,
        formula:
          countryAmount !== undefined
            ? `country amount for ${q.customer.country} = ${amount}`
            : tier
              ? `tier ${tier.tier} amount = ${amount}`
              : `plan CPA amount = ${amount}`,
        amount: amount.toString(),
      },
      explanation: `CPA ${m(amount)} ${plan.currency}: ${reasons.join(cpa.qualification.combine === 'any' ? ' or ' : ' and ')}${within}${countryWords}${tierWords}`,
    };
    out.push(row);
    if (cpa.tiers?.mode === 'whole_period') {
      const group = bases.get(key) ?? { rows: [], cpa, minorUnit: plan.minor_unit };
      group.rows.push(row);
      bases.set(key, group);
    }
  }

  for (const [key, group] of bases) {
    const [affiliateId, planId, month] = key.split(':') as [string, string, string];
    out.push(
      ...(await topUps(db, {
        affiliateId: Number(affiliateId),
        planId: Number(planId),
        month,
        fresh: group.rows,
        n: counted.get(key) ?? 0,
        cpa: group.cpa,
        minorUnit: group.minorUnit,
      })),
    );
  }
  return out;
}

/** Whole-period tiers: every CPA of the month below the tier now reached is topped up to it. */
async function topUps(
  db: Db,
  g: {
    affiliateId: number;
    planId: number;
    month: string;
    fresh: NewCommission[];
    n: number;
    cpa: Cpa;
    minorUnit: number;
  },
): Promise<NewCommission[]> {
  const sample = g.fresh[g.fresh.length - 1] as NewCommission;
  const levels = g.cpa.tiers?.levels ?? [];
  const t = tierOf(levels, g.n);
  const target = BigInt((levels[t] as { amount: number }).amount);
  // Every earlier CPA of the month was topped up to the tier the month had reached before this
  // run: only a higher tier reached now tops up.
  const before =
    ((g.fresh[0]?.trace.tier as { qualified_in_period: number } | undefined)?.qualified_in_period ?? 1) - 1;
  if (t === 0 || (before > 0 && tierOf(levels, before) === t)) return [];
  const { start, end } = monthRange(g.month);
  const stored = await sql<{
    id: bigint;
    customer_id: bigint;
    paid: bigint;
    status: string;
    hold_until: Date | null;
    campaign_id: number | null;
    promo_id: number | null;
    brand_id: number;
    currency: string;
    plan_version_id: number | null;
    country_amount: boolean;
  }>`
    select c.id, c.customer_id, c.amount + coalesce((select sum(t.amount) from commissions t
        where t.source_commission_id = c.id and t.kind = 'cpa'), 0)::bigint as paid,
      c.status, c.hold_until, c.campaign_id, c.promo_id, c.brand_id, c.currency, c.plan_version_id,
      (c.trace->>'country_amount') is not null as country_amount
    from commissions c
    where c.affiliate_id = ${g.affiliateId} and c.plan_id = ${g.planId} and c.kind = 'cpa'
      and c.source_commission_id is null and c.earned_at >= ${start} and c.earned_at < ${end}
      and c.status <> 'rejected'
    order by c.id`.execute(db);
  const candidates = [
    ...stored.rows.map((r) => ({
      base: r.id as bigint | NewCommission,
      customer_id: r.customer_id,
      paid: r.paid,
      held: r.status === 'on_hold',
      hold_until: r.hold_until,
      campaign_id: r.campaign_id,
      promo_id: r.promo_id,
      brand_id: r.brand_id,
      currency: r.currency,
      country: r.country_amount,
    })),
    ...g.fresh.map((r) => ({
      base: r as bigint | NewCommission,
      customer_id: r.customer_id as bigint,
      paid: r.amount,
      held: r.held,
      hold_until: r.hold_until,
      campaign_id: r.campaign_id,
      promo_id: r.promo_id,
      brand_id: r.brand_id,
      currency: r.currency,
      country: r.trace.country_amount !== null,
    })),
  ];
  const minorUnit = g.minorUnit;
  return candidates
    .filter((c) => !c.country && c.paid < target)
    .map((c) => {
      const add = target - c.paid;
      return {
        brand_id: c.brand_id,
        affiliate_id: g.affiliateId,
        currency: c.currency,
        amount: add,
        kind: 'cpa' as const,
        plan_id: g.planId,
        plan_version_id: sample.plan_version_id,
        customer_id: c.customer_id,
        event_id: sample.event_id,
        campaign_id: c.campaign_id,
        promo_id: c.promo_id,
        source_affiliate_id: null,
        level: null,
        source: c.base,
        reverses: null,
        earned_at: sample.earned_at,
        hold_until: c.hold_until,
        held: c.held,
        source_key: `cpa-topup:${c.customer_id}:${t + 1}`,
        trace: {
          rule: 'cpa_tier_top_up',
          tier: {
            mode: 'whole_period',
            tier: t + 1,
            from: (levels[t] as { from: number }).from,
            amount: Number(target),
            qualified_in_period: g.n,
            period: g.month,
          },
          paid_before: c.paid.toString(),
          formula: `${target} - ${c.paid} = ${add}`,
          amount: add.toString(),
          reached_by_event_id: sample.event_id?.toString() ?? null,
        },
        explanation: `CPA tier top-up ${money(add, minorUnit)} ${c.currency}: tier ${t + 1} reached with the ${ordinal(g.n)} qualified customer of ${g.month}; this CPA had paid ${money(c.paid, minorUnit)}, the tier pays ${money(target, minorUnit)}`,
      };
    });
}
