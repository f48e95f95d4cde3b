// @internal: the RevShare results of a period and the sub-affiliate cuts taken from them, as rows to write.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { EngineCustomer } from '../engine/engine-types.ts';
import { loadPlanLookup } from '../engine/plan-lookup.ts';
import { dayAfter, type Period, type PeriodComputation } from './compute-period.ts';
import { major, netPl, percentOf } from './revshare-math.ts';

export type Kind = 'revshare' | 'sub_revshare' | 'sub_net_pl';

export interface Target {
  kind: Kind;
  key: string;
  affiliate_id: number;
  brand_id: number;
  currency: string;
  /** The currency's decimals, for the words of an adjustment. */
  minor_unit: number;
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

export const periodKey = (p: Period) => `${p.start}:${p.end}`;

export function revshareTargets(c: PeriodComputation): Target[] {
  return c.streams.map((s) => ({
    kind: 'revshare',
    key: `revshare:${s.affiliate_id}:${s.version.id}:${s.currency}:${periodKey(c.period)}`,
    affiliate_id: s.affiliate_id,
    brand_id: s.brand_id,
    currency: s.currency,
    minor_unit: s.minor_unit,
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
 * negative). The referrer's plan is the one in force at the period's end. Reads what it needs
 * first and returns what builds the cuts, so that they can be built while the database writes
 * the RevShare results.
 */
export async function cutTargets(trx: Transaction<DB>, c: PeriodComputation): Promise<() => Target[]> {
  const subs = [...new Set([...c.streams.map((s) => s.affiliate_id), ...c.money.map((m) => m.affiliate_id)])];
  if (!subs.length) return () => [];
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
  return () => {
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
          minor_unit: s.minor_unit,
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
          minor_unit: money.minor_unit,
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
  };
}
