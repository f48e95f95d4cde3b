import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { managedAmong } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { checkPlanDefinition, type PlanDefinition } from '../plans/plan-definition.ts';
import { countryCodes } from '../plans/plan-rows.ts';
import { checkPeriod, dayAfter, type Period } from '../revshare/compute-period.ts';
import { refreshAccruals } from '../revshare/refresh-accruals.ts';
import {
  COMPARED_KINDS,
  eventCommissions,
  revshareCommissions,
  type TestedPlan,
  type WouldHave,
} from './backtest-rows.ts';

export interface BacktestInput {
  plan_id: number;
  /** A published version's number; or `definition`, an unpublished draft of the plan. */
  version?: number;
  definition?: unknown;
  period_start: string;
  period_end: string;
  /** The affiliates to test; all with customers or commissions on the plan's brand when left out. */
  affiliate_ids?: number[];
  include_traces?: boolean;
}

export interface BacktestTotal {
  currency: string;
  would_have_paid: number;
  actually_earned: number;
  /** would_have_paid − actually_earned. */
  difference: number;
}

export interface BacktestCommission {
  kind: WouldHave['kind'];
  currency: string;
  amount: number;
  customer_ref: number | null;
  event_ref: number | null;
  earned_at: Date;
  explanation: string;
  trace: Record<string, unknown>;
}

export interface BacktestAffiliate {
  affiliate_id: number;
  name: string;
  totals: BacktestTotal[];
  by_kind: (BacktestTotal & { kind: (typeof COMPARED_KINDS)[number] })[];
  commissions?: BacktestCommission[];
}

export interface BacktestResult {
  plan: { id: number; name: string; brand_id: number; currency: string };
  version: number | null;
  draft: boolean;
  period_start: string;
  period_end: string;
  affiliates: BacktestAffiliate[];
  totals: BacktestTotal[];
}

/** Thrown to undo the accruals' refresh: a backtest leaves nothing behind. */
class Rollback extends Error {
  readonly result: BacktestResult;
  constructor(result: BacktestResult) {
    super('backtest rollback');
    this.result = result;
  }
}

/**
 * What a plan version, or an unpublished draft of the plan, would have paid the affiliates over
 * a past period, beside what they actually earned on the plan's brand (CPL, CPA, sale share and
 * RevShare, not rejected; sub-affiliate cuts are left out of both). The engine's own calculation
 * runs over the period's events in memory, every customer of the affiliates on the tested plan;
 * the one write, the RevShare accruals brought up to date, is in a transaction rolled back.
 */
export async function backtestPlan(options: {
  db: Db;
  input: BacktestInput;
  scope?: Scope;
}): Promise<BacktestResult> {
  const { db, input } = options;
  const period: Period = { start: input.period_start, end: input.period_end };
  const problems: FieldError[] = checkPeriod(period);
  const found = await db
    .selectFrom('commission_plans as p')
    .innerJoin('currencies as c', 'c.code', 'p.currency')
    .select(['p.id', 'p.name', 'p.brand_id', 'p.currency', 'c.minor_unit'])
    .where('p.id', '=', input.plan_id)
    .executeTakeFirst();
  if (!found) problems.push({ path: 'plan_id', message: `commission plan ${input.plan_id} does not exist` });
  let version: TestedPlan['version'] = null;
  let definition: PlanDefinition | null = null;
  if ((input.version === undefined) === (input.definition === undefined))
    problems.push({
      path: input.version === undefined ? 'version' : 'definition',
      message: 'give either a published version or a draft definition, one of the two',
    });
  else if (input.definition !== undefined) {
    const bad = checkPlanDefinition(input.definition, await countryCodes(db));
    problems.push(...bad);
    if (!bad.length) definition = input.definition as PlanDefinition;
  } else if (found) {
    const v = await db
      .selectFrom('commission_plan_versions')
      .select(['id', 'version', 'definition'])
      .where('plan_id', '=', found.id)
      .where('version', '=', input.version as number)
      .executeTakeFirst();
    if (!v) problems.push({ path: 'version', message: `the plan has no version ${input.version}` });
    else {
      version = { id: v.id, version: v.version };
      definition = v.definition as PlanDefinition;
    }
  }
  if (input.affiliate_ids?.length) {
    const ids = input.affiliate_ids;
    const known =
      options.scope?.managerId !== undefined
        ? await managedAmong(db, options.scope.managerId, ids)
        : new Set(
            (await db.selectFrom('affiliates').select('id').where('id', 'in', ids).execute()).map(
              (a) => a.id,
            ),
          );
    for (const [i, id] of ids.entries())
      if (!known.has(id))
        problems.push({ path: `affiliate_ids[${i}]`, message: `affiliate ${id} does not exist` });
  }
  if (problems.length || !found || !definition) throw AppError.validation(problems);
  const plan: TestedPlan = { ...found, version, definition };

  const run = async (trx: Db, refresh: boolean): Promise<BacktestResult> => {
    if (refresh) await refreshAccruals(trx as Parameters<typeof refreshAccruals>[0]);
    const affiliateIds = input.affiliate_ids?.length
      ? [...new Set(input.affiliate_ids)]
      : await affiliatesOfBrand(trx, plan.brand_id, period, options.scope?.managerId);
    const scope = { plan, period, affiliateIds };
    const [events, revshare, earned] = await Promise.all([
      eventCommissions(trx, scope),
      revshareCommissions(trx, scope),
      actuallyEarned(trx, scope),
    ]);
    return summarize(plan, period, input, [...events, ...revshare], earned, affiliateIds, trx);
  };
  // Joined to a caller's transaction, the accruals are read as they are: nothing is written there.
  if (db.isTransaction) return run(db, false);
  try {
    await db.transaction().execute(async (trx) => {
      throw new Rollback(await run(trx, true));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error('unreachable: the backtest transaction always rolls back');
}

/** Affiliates with customers first seen before the period's end, or commissions in it. */
async function affiliatesOfBrand(db: Db, brandId: number, period: Period, managerId?: number) {
  const { rows } = await sql<{ id: number }>`
    select affiliate_id as id from customers
    where brand_id = ${brandId} and affiliate_id is not null and first_event_at < ${dayAfter(period.end)}
    union
    select affiliate_id from commissions
    where brand_id = ${brandId} and earned_at >= ${`${period.start}T00:00:00Z`}::timestamptz
      and earned_at < ${dayAfter(period.end)}`.execute(db);
  const ids = rows.map((r) => r.id);
  if (managerId === undefined) return ids;
  const managed = await managedAmong(db, managerId, ids);
  return ids.filter((id) => managed.has(id));
}

async function actuallyEarned(db: Db, s: { plan: TestedPlan; period: Period; affiliateIds: number[] }) {
  if (!s.affiliateIds.length) return [];
  const { rows } = await sql<{ affiliate_id: number; kind: string; currency: string; amount: bigint }>`
    select affiliate_id, kind, currency, sum(amount)::bigint as amount from commissions
    where brand_id = ${s.plan.brand_id} and affiliate_id = any(${s.affiliateIds}::int[])
      and kind = any(${[...COMPARED_KINDS]}::text[]) and status <> 'rejected'
      and earned_at >= ${`${s.period.start}T00:00:00Z`}::timestamptz and earned_at < ${dayAfter(s.period.end)}
    group by affiliate_id, kind, currency`.execute(db);
  return rows;
}

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

async function summarize(
  plan: TestedPlan,
  period: Period,
  input: BacktestInput,
  would: WouldHave[],
  earned: { affiliate_id: number; kind: string; currency: string; amount: bigint }[],
  affiliateIds: number[],
  db: Db,
): Promise<BacktestResult> {
  const names = new Map(
    affiliateIds.length
      ? (
          await db.selectFrom('affiliates').select(['id', 'name']).where('id', 'in', affiliateIds).execute()
        ).map((a) => [a.id, a.name])
      : [],
  );
  // affiliate → kind:currency → [would, actual]
  const cells = new Map<number, Map<string, [bigint, bigint]>>();
  const cell = (affiliate: number, kind: string, currency: string) => {
    const of = cells.get(affiliate) ?? new Map<string, [bigint, bigint]>();
    cells.set(affiliate, of);
    const key = `${kind}:${currency}`;
    const c = of.get(key) ?? [0n, 0n];
    of.set(key, c);
    return c;
  };
  for (const w of would) cell(w.affiliate_id, w.kind, w.currency)[0] += w.amount;
  for (const e of earned) cell(e.affiliate_id, e.kind, e.currency)[1] += BigInt(e.amount);
  const total = (currency: string, pair: [bigint, bigint]): BacktestTotal => ({
    currency,
    would_have_paid: Number(pair[0]),
    actually_earned: Number(pair[1]),
    difference: Number(pair[0] - pair[1]),
  });
  const overall = new Map<string, [bigint, bigint]>();
  const affiliates: BacktestAffiliate[] = [...affiliateIds]
    .sort((a, b) => a - b)
    .map((id) => {
      const perCurrency = new Map<string, [bigint, bigint]>();
      const byKind: BacktestAffiliate['by_kind'] = [];
      for (const [key, pair] of [...(cells.get(id) ?? new Map()).entries()].sort()) {
        const [kind, currency] = key.split(':') as [(typeof COMPARED_KINDS)[number], string];
        byKind.push({ kind, ...total(currency, pair) });
        for (const into of [perCurrency, overall]) {
          const sum = into.get(currency) ?? [0n, 0n];
          into.set(currency, [sum[0] + pair[0], sum[1] + pair[1]]);
        }
      }
      const out: BacktestAffiliate = {
        affiliate_id: id,
        name: names.get(id) ?? `affiliate ${id}`,
        totals: [...perCurrency.entries()].sort().map(([c, p]) => total(c, p)),
        by_kind: byKind,
      };
      if (input.include_traces)
        out.commissions = would
          .filter((w) => w.affiliate_id === id)
          .map((w) => ({
            kind: w.kind,
            currency: w.currency,
            amount: Number(w.amount),
            customer_ref: w.customer_id === null ? null : Number(w.customer_id),
            event_ref: w.event_id === null ? null : Number(w.event_id),
            earned_at: w.earned_at,
            explanation: w.explanation,
            trace: JSON.parse(JSON.stringify(w.trace, bigints)),
          }));
      return out;
    });
  return {
    plan: { id: plan.id, name: plan.name, brand_id: plan.brand_id, currency: plan.currency },
    version: plan.version?.version ?? null,
    draft: plan.version === null,
    period_start: period.start,
    period_end: period.end,
    affiliates,
    totals: [...overall.entries()].sort().map(([c, p]) => total(c, p)),
  };
}
