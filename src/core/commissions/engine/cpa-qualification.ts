// @internal: CPA qualification: which customers meet their plan's rules now, and on which event.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { PlanDefinition, Qualification } from '../plans/plan-definition.ts';
import { DAY_MS } from './commission-rows.ts';
import type { EngineCustomer } from './engine-types.ts';
import type { EnginePlan } from './plan-lookup.ts';

export type Cpa = NonNullable<PlanDefinition['cpa']>;
export type Rule =
  | 'min_first_deposit'
  | 'min_deposit_count'
  | 'min_deposit_total'
  | 'min_net_deposit'
  | 'min_bets'
  | 'min_bet_count';
export const RULES: { rule: Rule; words: string; isMoney: boolean }[] = [
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
  // Each candidate's events through events_customer_idx (lateral; offset 0 keeps the planner from
  // flattening it back into a join): joined as a set, the planner
  // scanned every deposit, withdrawal and activity of all customers whenever the statistics were
  // older than the events (ingest outruns autovacuum's analyze; 265 ms for 400 candidates against
  // 3 ms). The per-candidate estimate then looks costly enough for JIT to compile the query
  // (90 ms, more than the query itself): off for the rest of this transaction, which only reads
  // and writes a batch's rows (a backtest, outside one, reads as before).
  if (db.isTransaction) await sql`set local jit = off`.execute(db);
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
    cross join lateral (
      select e.id, e.customer_id, e.type, e.occurred_at, e.amount from events e
      where e.customer_id = c.id and e.occurred_at <= c.deadline and e.currency = c.currency
        and e.type in ('deposit', 'withdrawal', 'activity')
      offset 0
    ) e
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
