import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { DB } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { EngineCustomer } from '../engine/engine-types.ts';
import { loadPlanLookup } from '../engine/plan-lookup.ts';
import {
  checkNoOverlap,
  checkPeriod,
  computePeriod,
  dayAfter,
  type Period,
  type PeriodComputation,
} from './compute-period.ts';
import { refreshAccruals } from './refresh-accruals.ts';
import { major, netPl, percentOf } from './revshare-math.ts';

export interface FinalizeResult {
  period_start: string;
  period_end: string;
  /** (customer, day) accruals worked out again first, from events that arrived since. */
  accruals_refreshed: number;
  /** Affiliate, plan version and currency results of the period. */
  streams: number;
  /** Commissions written for the first time (RevShare and sub-affiliate cuts). */
  written: number;
  /** Adjustment rows: a late event (or release) changed an already finalized result. */
  adjustments: number;
  /** Results that equal what was already written: nothing new. */
  unchanged: number;
}

type Kind = 'revshare' | 'sub_revshare' | 'sub_net_pl';

interface Target {
  kind: Kind;
  key: string;
  affiliate_id: number;
  brand_id: number;
  currency: string;
  amount: bigint;
  plan_id: number | null;
  plan_version_id: number | null;
  source_affiliate_id: number | null;
  level: 1 | 2 | null;
  /** For a cut: the base key of the RevShare it is taken from. */
  from_key: string | null;
  trace: Record<string, unknown>;
  explanation: string;
}

/**
 * Finalizes a period's RevShare per affiliate, plan version and currency, then the
 * sub-affiliate cuts to the referrers (one or two levels), synchronously in one transaction.
 * Idempotent: each result has a source key; a result equal to what its rows already sum to
 * writes nothing, a different one (a late event, a released customer, a re-attribution) writes
 * one adjustment row for the difference, never an edit. Finalized RevShare is approved: the
 * operator's finalization is its approval.
 */
export async function finalizeRevshare(options: {
  db: Db;
  actor: Actor;
  period: Period;
  brandId?: number;
  affiliateIds?: number[];
  now?: Date;
}): Promise<FinalizeResult> {
  const { period } = options;
  const now = options.now ?? new Date();
  const problems = checkPeriod(period);
  if (!problems.length && period.end >= now.toISOString().slice(0, 10))
    problems.push({
      path: 'period_end',
      message: 'must be before today: a period is finalized once it has ended',
    });
  if (problems.length) throw AppError.validation(problems);

  return inTransaction(options.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('affluent.revshare_finalize'))`.execute(trx);
    await checkNoOverlap(trx, period, options);
    const refreshed = await refreshAccruals(trx);
    const computed = await computePeriod(trx, {
      period,
      brandId: options.brandId,
      affiliateIds: options.affiliateIds,
    });
    const targets = [...revshareTargets(computed), ...(await cutTargets(trx, computed))];
    const counts = await writeTargets(trx, options, targets, now);
    await saveSettlements(trx, computed, options);
    return {
      period_start: period.start,
      period_end: period.end,
      accruals_refreshed: refreshed,
      streams: computed.streams.length,
      ...counts,
    };
  });
}

const periodKey = (p: Period) => `${p.start}:${p.end}`;

function revshareTargets(c: PeriodComputation): Target[] {
  return c.streams.map((s) => ({
    kind: 'revshare',
    key: `revshare:${s.affiliate_id}:${s.version.id}:${s.currency}:${periodKey(c.period)}`,
    affiliate_id: s.affiliate_id,
    brand_id: s.brand_id,
    currency: s.currency,
    amount: s.result.carry.amount,
    plan_id: s.plan.id,
    plan_version_id: s.version.id,
    source_affiliate_id: null,
    level: null,
    from_key: null,
    trace: {
      kind: 'revshare',
      period: c.period,
      plan: s.plan,
      version: s.version,
      currency: s.currency,
      customers: s.customers,
      held: s.held,
      qualified_customers: s.qualified_customers,
      figures: s.figures,
      ggr: s.result.ggr,
      net_pl: s.result.net_pl,
      net_deposits: s.result.net_deposits,
      basis: s.result.basis,
      basis_amount: s.result.basis_amount,
      deductions: s.result.deductions,
      rate: s.result.rate,
      rounding: 'half to even, once, to the minor unit',
      carry_over: { ...s.carry_over, ...s.result.carry },
      formula: s.explanation,
    },
    explanation: s.explanation,
  }));
}

/**
 * Sub-affiliate cuts: each referrer (level 1) and its referrer (level 2) whose own plan on the
 * brand has a cut for that level gets its percentage of the sub's RevShare result
 * (`sub_revshare`) and of the sub's net P/L (`sub_net_pl`, nothing when the net P/L is
 * negative). The referrer's plan is the one in force at the period's end.
 */
async function cutTargets(trx: Transaction<DB>, c: PeriodComputation): Promise<Target[]> {
  const subs = [...new Set([...c.streams.map((s) => s.affiliate_id), ...c.money.map((m) => m.affiliate_id)])];
  if (!subs.length) return [];
  const referrers = new Map<number, number | null>();
  let ask = subs;
  for (let level = 0; level < 2 && ask.length; level++) {
    const { rows } = await sql<{ id: number; referrer_id: number | null }>`
      select id, referrer_id from affiliates where id = any(${ask}::int[])`.execute(trx);
    for (const r of rows) referrers.set(r.id, r.referrer_id);
    ask = rows.map((r) => r.referrer_id).filter((id): id is number => id !== null && !referrers.has(id));
  }
  const chainOf = (sub: number) => {
    const first = referrers.get(sub) ?? null;
    const second = first === null ? null : (referrers.get(first) ?? null);
    return [first, second].flatMap((r, i) =>
      r === null || r === sub ? [] : [{ referrer: r, level: (i + 1) as 1 | 2 }],
    );
  };
  // A referrer's own plan on the brand, as in force at the period's end.
  const end = new Date(dayAfter(c.period.end).getTime() - 1);
  const asCustomer = (brandId: number, referrer: number): EngineCustomer => ({
    id: 0n,
    brand_id: brandId,
    external_id: '',
    affiliate_id: referrer,
    campaign_id: null,
    promo_id: null,
    country: null,
    registered_at: end,
    attributed_at: end,
    first_event_at: end,
    qualified_at: null,
    held: false,
  });
  const pairs = new Map<string, EngineCustomer>();
  for (const x of [...c.streams, ...c.money])
    for (const { referrer } of chainOf(x.affiliate_id))
      pairs.set(`${x.brand_id}:${referrer}`, asCustomer(x.brand_id, referrer));
  const planOf = await loadPlanLookup(trx, [...pairs.values()]);
  const cutOf = (brandId: number, referrer: number, level: 1 | 2) => {
    const found = planOf(asCustomer(brandId, referrer), end);
    const cut = found?.version.definition.sub_affiliate?.levels[level - 1];
    return cut && found ? { plan: found.plan, version: found.version, cut } : null;
  };
  const p = periodKey(c.period);
  const out: Target[] = [];
  for (const s of c.streams)
    for (const { referrer, level } of chainOf(s.affiliate_id)) {
      const found = cutOf(s.brand_id, referrer, level);
      const percent = found?.cut.revshare_cut_percent;
      if (!found || percent == null) continue;
      const base = s.result.carry.amount;
      const amount = percentOf(base, percent);
      const m = (v: bigint) => major(v, s.minor_unit);
      const explanation = `Sub-affiliate RevShare cut ${m(amount)} ${s.currency}: ${percent}% of affiliate ${s.affiliate_id}'s RevShare ${m(base)} ${s.currency} (${s.plan.name} v${s.version.version}), level ${level}, ${c.period.start} to ${c.period.end}; ${found.plan.name} v${found.version.version}.`;
      out.push({
        kind: 'sub_revshare',
        key: `sub_revshare:${referrer}:${level}:${s.affiliate_id}:${s.version.id}:${s.currency}:${p}`,
        affiliate_id: referrer,
        brand_id: s.brand_id,
        currency: s.currency,
        amount,
        plan_id: found.plan.id,
        plan_version_id: found.version.id,
        source_affiliate_id: s.affiliate_id,
        level,
        from_key: `revshare:${s.affiliate_id}:${s.version.id}:${s.currency}:${p}`,
        trace: {
          kind: 'sub_revshare',
          period: c.period,
          level,
          sub_affiliate_id: s.affiliate_id,
          sub_plan: s.plan,
          sub_version: s.version,
          sub_revshare: base,
          percent,
          plan: { id: found.plan.id, name: found.plan.name },
          version: { id: found.version.id, version: found.version.version },
          formula: `${m(base)} × ${percent}% = ${m(amount)}`,
        },
        explanation,
      });
    }
  for (const money of c.money)
    for (const { referrer, level } of chainOf(money.affiliate_id)) {
      const found = cutOf(money.brand_id, referrer, level);
      const percent = found?.cut.net_pl_cut_percent;
      if (!found || percent == null) continue;
      const net = netPl(money.figures);
      const amount = net > 0n ? percentOf(net, percent) : 0n;
      const m = (v: bigint) => major(v, money.minor_unit);
      const explanation =
        net > 0n
          ? `Sub-affiliate net P/L cut ${m(amount)} ${money.currency}: ${percent}% of affiliate ${money.affiliate_id}'s net P/L ${m(net)} ${money.currency}, level ${level}, ${c.period.start} to ${c.period.end}; ${found.plan.name} v${found.version.version}.`
          : `Sub-affiliate net P/L cut 0 ${money.currency}: affiliate ${money.affiliate_id}'s net P/L ${m(net)} ${money.currency} is not positive, level ${level}, ${c.period.start} to ${c.period.end}.`;
      out.push({
        kind: 'sub_net_pl',
        key: `sub_net_pl:${referrer}:${level}:${money.affiliate_id}:${money.brand_id}:${money.currency}:${p}`,
        affiliate_id: referrer,
        brand_id: money.brand_id,
        currency: money.currency,
        amount,
        plan_id: found.plan.id,
        plan_version_id: found.version.id,
        source_affiliate_id: money.affiliate_id,
        level,
        from_key: null,
        trace: {
          kind: 'sub_net_pl',
          period: c.period,
          level,
          sub_affiliate_id: money.affiliate_id,
          figures: money.figures,
          net_pl: net,
          net_pl_formula:
            'bets − wins − bonuses − jackpot contributions − taxes − fees − chargebacks − adjustments',
          percent,
          plan: { id: found.plan.id, name: found.plan.name },
          version: { id: found.version.id, version: found.version.version },
          formula: net > 0n ? `${m(net)} × ${percent}% = ${m(amount)}` : `net P/L ${m(net)} ≤ 0: no cut`,
        },
        explanation,
      });
    }
  return out;
}

/** JSON with bigints as their digits (traces hold minor units as bigint). */
const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

const COLUMNS = `brand_id integer, affiliate_id integer, currency text, amount bigint, kind text, status text,
  initial_status text, plan_id integer, plan_version_id integer, source_affiliate_id integer, level smallint,
  source_commission_id bigint, period_start date, period_end date, earned_at timestamptz, source_key text,
  trace jsonb, explanation text, actor_type text, actor_id integer, actor_name text`;
const NAMES = COLUMNS.split(',')
  .map((c) => c.trim().split(' ')[0])
  .join(', ');

/**
 * Writes what differs from the rows already there: a first row per key, or an adjustment row
 * (`<key>#<n>`) for the difference. A key that had rows and is no longer a result (its
 * customers moved away) is adjusted to 0. Cuts are written after the RevShare they derive from.
 */
async function writeTargets(
  trx: Transaction<DB>,
  scope: { period: Period; brandId?: number; affiliateIds?: number[]; actor: Actor },
  targets: Target[],
  now: Date,
): Promise<Pick<FinalizeResult, 'written' | 'adjustments' | 'unchanged'>> {
  const { period } = scope;
  const existing = await sql<{
    id: bigint;
    source_key: string;
    amount: bigint;
    kind: Kind;
    brand_id: number;
    affiliate_id: number;
    currency: string;
    plan_id: number | null;
    plan_version_id: number | null;
    source_affiliate_id: number | null;
    level: 1 | 2 | null;
  }>`select id, source_key, amount, kind, brand_id, affiliate_id, currency, plan_id, plan_version_id,
      source_affiliate_id, level
    from commissions
    where kind in ('revshare', 'sub_revshare', 'sub_net_pl')
      and period_start = ${period.start}::date and period_end = ${period.end}::date
      ${scope.brandId !== undefined ? sql`and brand_id = ${scope.brandId}` : sql``}
      ${
        scope.affiliateIds
          ? sql`and coalesce(source_affiliate_id, affiliate_id) = any(${scope.affiliateIds}::int[])`
          : sql``
      }
    order by id`.execute(trx);
  const before = new Map<string, { first: bigint; sum: bigint; rows: number }>();
  const orphans = new Map<string, Target>();
  for (const row of existing.rows) {
    const base = row.source_key.split('#')[0] as string;
    const seen = before.get(base);
    if (seen) {
      seen.sum += BigInt(row.amount);
      seen.rows++;
    } else {
      before.set(base, { first: BigInt(row.id), sum: BigInt(row.amount), rows: 1 });
      orphans.set(base, {
        ...row,
        key: base,
        amount: 0n,
        from_key: null,
        trace: {
          kind: row.kind,
          period,
          reason: 'no result any more: its customers moved or were taken back',
        },
        explanation: `No ${row.kind.replace('_', ' ')} result any more for ${period.start} to ${period.end}.`,
      });
    }
  }
  const keys = new Set(targets.map((t) => t.key));
  const all = [...targets, ...[...orphans.values()].filter((o) => !keys.has(o.key))];
  const firstIds = new Map([...before].map(([k, v]) => [k, v.first]));
  let written = 0;
  let adjustments = 0;
  let unchanged = 0;
  for (const group of [all.filter((t) => t.kind === 'revshare'), all.filter((t) => t.kind !== 'revshare')]) {
    const records: Record<string, unknown>[] = [];
    for (const t of group) {
      const had = before.get(t.key);
      if (had && had.sum === t.amount) {
        unchanged++;
        continue;
      }
      if (!had && t.amount === 0n && t.kind !== 'revshare') continue;
      const delta = t.amount - (had?.sum ?? 0n);
      const adjusting = had !== undefined;
      if (adjusting) adjustments++;
      else written++;
      records.push({
        brand_id: t.brand_id,
        affiliate_id: t.affiliate_id,
        currency: t.currency,
        amount: delta.toString(),
        kind: t.kind,
        status: 'approved',
        initial_status: 'approved',
        plan_id: t.plan_id,
        plan_version_id: t.plan_version_id,
        source_affiliate_id: t.source_affiliate_id,
        level: t.level,
        source_commission_id: adjusting
          ? had.first.toString()
          : t.from_key
            ? (firstIds.get(t.from_key)?.toString() ?? null)
            : null,
        period_start: period.start,
        period_end: period.end,
        earned_at: adjusting ? now.toISOString() : `${period.end}T23:59:59.999Z`,
        source_key: adjusting ? `${t.key}#${had.rows}` : t.key,
        trace: adjusting
          ? {
              ...t.trace,
              adjustment: {
                previous_total: had.sum.toString(),
                new_total: t.amount.toString(),
                delta: delta.toString(),
              },
            }
          : t.trace,
        explanation: adjusting
          ? `Adjustment of ${delta > 0n ? '+' : ''}${delta} minor units: the result is now ${t.amount} (was ${had.sum}). ${t.explanation}`
          : t.explanation,
        ...actorColumns(scope.actor),
      });
    }
    if (!records.length) continue;
    const inserted = await sql<{ id: bigint; source_key: string }>`
      insert into commissions (${sql.raw(NAMES)})
      select ${sql.raw(NAMES)} from jsonb_to_recordset(${JSON.stringify(records, bigints)}::jsonb) as x(${sql.raw(COLUMNS)})
      on conflict (source_key) do nothing
      returning id, source_key`.execute(trx);
    for (const r of inserted.rows) if (!r.source_key.includes('#')) firstIds.set(r.source_key, BigInt(r.id));
  }
  return { written, adjustments, unchanged };
}

/**
 * The period's results as the next period's carry-in reads them (a projection): written when
 * new or changed, removed when the result is no more.
 */
async function saveSettlements(
  trx: Transaction<DB>,
  c: PeriodComputation,
  scope: { brandId?: number; affiliateIds?: number[] },
): Promise<void> {
  const records = c.streams.map((s) => ({
    affiliate_id: s.affiliate_id,
    brand_id: s.brand_id,
    plan_id: s.plan.id,
    plan_version_id: s.version.id,
    currency: s.currency,
    period_start: c.period.start,
    period_end: c.period.end,
    basis_amount: s.result.basis_amount,
    net_pl: s.result.net_pl,
    raw: s.result.carry.raw,
    carry_in: s.result.carry.carry_in,
    carry_out: s.result.carry.carry_out,
    amount: s.result.carry.amount,
  }));
  const columns = `affiliate_id integer, brand_id integer, plan_id integer, plan_version_id integer, currency text,
    period_start date, period_end date, basis_amount numeric, net_pl bigint, raw bigint, carry_in bigint,
    carry_out bigint, amount bigint`;
  const names = columns
    .split(',')
    .map((x) => x.trim().split(' ')[0])
    .join(', ');
  const changing = [
    'brand_id',
    'period_end',
    'basis_amount',
    'net_pl',
    'raw',
    'carry_in',
    'carry_out',
    'amount',
  ];
  await sql`
    with incoming as (
      select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(records, bigints)}::jsonb) as x(${sql.raw(columns)})),
    removed as (
      delete from revshare_settlements s
      where s.period_start = ${c.period.start}::date and s.period_end = ${c.period.end}::date
        ${scope.brandId !== undefined ? sql`and s.brand_id = ${scope.brandId}` : sql``}
        ${scope.affiliateIds ? sql`and s.affiliate_id = any(${scope.affiliateIds}::int[])` : sql``}
        and not exists (select 1 from incoming i where i.affiliate_id = s.affiliate_id and i.plan_id = s.plan_id
          and i.currency = s.currency and i.plan_version_id = s.plan_version_id))
    insert into revshare_settlements (${sql.raw(names)})
    select ${sql.raw(names)} from incoming
    on conflict (affiliate_id, plan_id, currency, period_start, plan_version_id) do update set
      ${sql.raw(changing.map((k) => `${k} = excluded.${k}`).join(', '))}, updated_at = now()
    where (${sql.raw(changing.map((k) => `revshare_settlements.${k}`).join(', '))})
      is distinct from (${sql.raw(changing.map((k) => `excluded.${k}`).join(', '))})`.execute(trx);
}
