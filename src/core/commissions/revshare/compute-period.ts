// @internal: a period's RevShare worked out from the accruals, for finalization and the preview.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { EngineCustomer } from '../engine/engine-types.ts';
import { type EnginePlan, loadPlanLookup } from '../engine/plan-lookup.ts';
import type { PlanDefinition } from '../plans/plan-definition.ts';
import {
  addFigures,
  explainPeriod,
  FIGURES,
  type Figures,
  type PeriodResult,
  revsharePeriod,
  zeroFigures,
} from './revshare-math.ts';

export interface Period {
  start: string;
  end: string;
}

/** One affiliate's RevShare of a period under one plan version, in the plan's currency. */
export interface Stream {
  affiliate_id: number;
  brand_id: number;
  plan: { id: number; name: string };
  version: { id: number; version: number };
  currency: string;
  minor_unit: number;
  figures: Figures;
  customers: number;
  /** Customers held by a fraud rule: their money waits for the operator's release. */
  held: { customers: number; figures: Figures };
  qualified_customers: number;
  carry_over: { applies: boolean; cap: number | null; no_negative_carry_over: boolean };
  result: PeriodResult;
  explanation: string;
}

/** The money of an affiliate on a brand in a currency, whatever its plan: for net P/L cuts. */
export interface AffiliateMoney {
  affiliate_id: number;
  brand_id: number;
  currency: string;
  minor_unit: number;
  figures: Figures;
}

export interface PeriodComputation {
  period: Period;
  streams: Stream[];
  money: AffiliateMoney[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (v: string) => {
  const ms = DAY.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
};
export const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/** Checks a period: real dates, start not after end, at most a year long. */
export function checkPeriod(period: Period, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  const p = (f: string) => `${path}${f}`;
  if (!validDay(period.start))
    errors.push({ path: p('period_start'), message: 'must be a date, e.g. 2026-11-01' });
  if (!validDay(period.end))
    errors.push({ path: p('period_end'), message: 'must be a date, e.g. 2026-11-30' });
  if (errors.length) return errors;
  if (period.end < period.start)
    errors.push({ path: p('period_end'), message: 'must not be before period_start' });
  else if (dayAfter(period.end).getTime() - Date.parse(`${period.start}T00:00:00Z`) > 366 * 86_400_000)
    errors.push({ path: p('period_end'), message: 'a period is at most 366 days long' });
  return errors;
}

type Revshare = NonNullable<PlanDefinition['revshare']>;

/**
 * Works out a period: each customer's money of the period (from the accruals) goes to the plan
 * and version that pay it (the engine's plan lookup: the plan in force when the customer was
 * bound, its version per customer_binding, as at the period's end); summed per affiliate, plan version and currency,
 * then basis, rate, rounding and carry-over (revshare-math.ts). Versions of one plan are chained
 * in version order: the carry in goes to the first, each passes its carry out to the next.
 * Only a plan's own currency counts; customers held by a fraud rule are left out and shown.
 */
export async function computePeriod(
  trx: Transaction<DB>,
  options: { period: Period; brandId?: number; affiliateIds?: number[] },
): Promise<PeriodComputation> {
  const { period } = options;
  const until = dayAfter(period.end);
  const sums = FIGURES.map((f) => sql`coalesce(sum(a.${sql.ref(f)}), 0)::bigint as ${sql.ref(f)}`);
  const rows = await sql<
    Record<(typeof FIGURES)[number], bigint> & {
      affiliate_id: number;
      brand_id: number;
      campaign_id: number | null;
      currency: string;
      customer_id: bigint;
      external_id: string;
      country: string | null;
      registered_at: Date | null;
      attributed_at: Date | null;
      first_event_at: Date;
      qualified_at: Date | null;
      held: boolean;
    }
  >`select a.affiliate_id, a.brand_id, a.campaign_id, a.currency, a.customer_id, c.external_id, c.country,
      c.registered_at, c.attributed_at, c.first_event_at, c.qualified_at, c.held, ${sql.join(sums)}
    from revshare_accruals a join customers c on c.id = a.customer_id
    where a.day >= ${period.start}::date and a.day <= ${period.end}::date
      ${options.brandId !== undefined ? sql`and a.brand_id = ${options.brandId}` : sql``}
      ${options.affiliateIds ? sql`and a.affiliate_id = any(${options.affiliateIds}::int[])` : sql``}
    group by a.customer_id, a.affiliate_id, a.brand_id, a.campaign_id, a.currency, c.id`.execute(trx);

  const customerOf = (r: (typeof rows.rows)[number]): EngineCustomer => ({
    id: r.customer_id,
    brand_id: r.brand_id,
    external_id: r.external_id,
    affiliate_id: r.affiliate_id,
    campaign_id: r.campaign_id,
    promo_id: null,
    country: r.country,
    registered_at: r.registered_at,
    attributed_at: r.attributed_at,
    first_event_at: r.first_event_at,
    qualified_at: r.qualified_at,
    held: r.held,
  });
  const customers = rows.rows.map(customerOf);
  const planOf = await loadPlanLookup(trx, customers);
  const lastMoment = new Date(until.getTime() - 1);
  const currencies = new Map(
    (
      await trx
        .selectFrom('currencies')
        .select(['code', 'minor_unit'])
        .where('code', 'in', [...new Set(rows.rows.map((r) => r.currency)), 'EUR'])
        .execute()
    ).map((c) => [c.code, c.minor_unit]),
  );

  interface Acc {
    affiliate_id: number;
    brand_id: number;
    plan: EnginePlan['plan'];
    version: EnginePlan['version'];
    currency: string;
    figures: Figures;
    customers: number;
    held: { customers: number; figures: Figures };
  }
  const streams = new Map<string, Acc>();
  const money = new Map<string, AffiliateMoney>();
  for (const [i, row] of rows.rows.entries()) {
    const figures = Object.fromEntries(FIGURES.map((f) => [f, BigInt(row[f])])) as unknown as Figures;
    if (!row.held) {
      const mk = `${row.affiliate_id}:${row.brand_id}:${row.currency}`;
      const m = money.get(mk) ?? {
        affiliate_id: row.affiliate_id,
        brand_id: row.brand_id,
        currency: row.currency,
        minor_unit: currencies.get(row.currency) ?? 2,
        figures: zeroFigures(),
      };
      addFigures(m.figures, figures);
      money.set(mk, m);
    }
    const found = planOf(customers[i] as EngineCustomer, lastMoment);
    if (!found || found.plan.currency !== row.currency || !found.version.definition.revshare) continue;
    const { plan, version } = found;
    const key = `${row.affiliate_id}:${plan.id}:${version.id}:${row.currency}`;
    const acc = streams.get(key) ?? {
      affiliate_id: row.affiliate_id,
      brand_id: row.brand_id,
      plan,
      version,
      currency: row.currency,
      figures: zeroFigures(),
      customers: 0,
      held: { customers: 0, figures: zeroFigures() },
    };
    if (row.held) {
      acc.held.customers++;
      addFigures(acc.held.figures, figures);
    } else {
      acc.customers++;
      addFigures(acc.figures, figures);
    }
    streams.set(key, acc);
  }

  const accs = [...streams.values()].sort(
    (a, b) =>
      a.affiliate_id - b.affiliate_id ||
      a.plan.id - b.plan.id ||
      a.currency.localeCompare(b.currency) ||
      a.version.version - b.version.version,
  );
  const affiliateIds = [...new Set(accs.map((a) => a.affiliate_id))];
  const [affiliates, carries, qualified] = await Promise.all([
    affiliateIds.length
      ? sql<{ id: number; no_negative_carry_over: boolean }>`
          select id, no_negative_carry_over from affiliates where id = any(${affiliateIds}::int[])`
          .execute(trx)
          .then((r) => r.rows)
      : [],
    affiliateIds.length
      ? sql<{ affiliate_id: number; plan_id: number; currency: string; carry_out: bigint }>`
          select distinct on (affiliate_id, plan_id, currency) affiliate_id, plan_id, currency, carry_out
          from revshare_settlements
          where period_end < ${period.start}::date and affiliate_id = any(${affiliateIds}::int[])
          order by affiliate_id, plan_id, currency, period_start desc, plan_version_id desc`.execute(trx)
      : { rows: [] },
    accs.some((a) => a.version.definition.revshare?.tiers?.by === 'qualified_customers')
      ? sql<{ affiliate_id: number; brand_id: number; n: number }>`
          select affiliate_id, brand_id, count(*)::integer as n from customers
          where affiliate_id = any(${affiliateIds}::int[]) and not held
            and qualified_at >= ${`${period.start}T00:00:00Z`}::timestamptz and qualified_at < ${until}
          group by affiliate_id, brand_id`.execute(trx)
      : { rows: [] },
  ]);
  const noCarry = new Map(affiliates.map((a) => [a.id, a.no_negative_carry_over]));
  const carryIn = new Map(
    carries.rows.map((c) => [`${c.affiliate_id}:${c.plan_id}:${c.currency}`, BigInt(c.carry_out)]),
  );
  const qualifiedOf = new Map(qualified.rows.map((q) => [`${q.affiliate_id}:${q.brand_id}`, q.n]));

  const out: Stream[] = [];
  for (const acc of accs) {
    const chain = `${acc.affiliate_id}:${acc.plan.id}:${acc.currency}`;
    const revshare = acc.version.definition.revshare as Revshare;
    const optOut = noCarry.get(acc.affiliate_id) ?? false;
    const carry = {
      applies: !!revshare.carry_over && !optOut,
      cap: revshare.carry_over_cap ?? null,
      no_negative_carry_over: optOut,
    };
    const qualifiedCustomers = qualifiedOf.get(`${acc.affiliate_id}:${acc.brand_id}`) ?? 0;
    const result = revsharePeriod(acc.figures, revshare, {
      qualifiedCustomers,
      carryIn: carryIn.get(chain) ?? 0n,
      carryOver: carry,
    });
    carryIn.set(chain, result.carry.carry_out);
    const minorUnit = currencies.get(acc.currency) ?? 2;
    out.push({
      affiliate_id: acc.affiliate_id,
      brand_id: acc.brand_id,
      plan: { id: acc.plan.id, name: acc.plan.name },
      version: { id: acc.version.id, version: acc.version.version },
      currency: acc.currency,
      minor_unit: minorUnit,
      figures: acc.figures,
      customers: acc.customers,
      held: acc.held,
      qualified_customers: qualifiedCustomers,
      carry_over: carry,
      result,
      explanation: `${explainPeriod(result, acc.currency, minorUnit).slice(0, -1)}; ${acc.plan.name} v${acc.version.version}, ${period.start} to ${period.end}, ${acc.customers} customers${acc.held.customers ? ` (${acc.held.customers} held, not counted)` : ''}.`,
    });
  }
  return { period, streams: out, money: [...money.values()] };
}

/**
 * Refuses a period that overlaps, without being the same, one already finalized in the scope
 * (the brand and affiliates asked for, else the whole program): money would count twice.
 */
export async function checkNoOverlap(
  trx: Transaction<DB>,
  period: Period,
  scope: { brandId?: number; affiliateIds?: number[] },
): Promise<void> {
  const clash = await sql<{ affiliate_id: number; period_start: string; period_end: string }>`
    select affiliate_id, period_start::text, period_end::text from revshare_settlements
    where period_start <= ${period.end}::date and period_end >= ${period.start}::date
      and not (period_start = ${period.start}::date and period_end = ${period.end}::date)
      ${scope.brandId !== undefined ? sql`and brand_id = ${scope.brandId}` : sql``}
      ${scope.affiliateIds ? sql`and affiliate_id = any(${scope.affiliateIds}::int[])` : sql``}
    limit 5`.execute(trx);
  if (clash.rows.length)
    throw new AppError(
      'conflict',
      `the period overlaps one already finalized: ${clash.rows
        .map((r) => `affiliate ${r.affiliate_id}, ${r.period_start} to ${r.period_end}`)
        .join('; ')}`,
      { periods: clash.rows },
    );
}
