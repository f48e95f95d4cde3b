// @internal: CPA commissions of qualified customers, with their tiers.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { DAY_MS, money, ordinal } from './commission-rows.ts';
import { type Cpa, type Qualified, RULES, type Rule } from './cpa-qualification.ts';
import { monthOf, tierOf, topUps } from './cpa-top-ups.ts';
import type { NewCommission } from './engine-types.ts';

export { findQualified, type Qualified } from './cpa-qualification.ts';

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
    // A tier position is the count of CPAs already written: concurrent batches of one affiliate
    // would count the same rows and give two customers one position. One transaction-scoped lock
    // per (affiliate, plan, month), taken in a fixed order so batches cannot deadlock, makes the
    // next batch count after this one commits.
    await sql`select pg_advisory_xact_lock(k)
      from (select distinct hashtextextended(x, 0) as k from unnest(${[...groups.keys()].map((g) => `cpa-tier:${g}`)}::text[]) as x
            order by 1) as keys`.execute(db);
    const keys = [...groups.keys()].map((k) => k.split(':'));
    // The CPAs written so far, as each insert of commissions counted them (migration 0081).
    const { rows } = await sql<{ key: string; n: number }>`
      select g.affiliate_id || ':' || g.plan_id || ':' || g.month as key, sum(c.n)::int as n
      from unnest(${keys.map((k) => Number(k[0]))}::int[], ${keys.map((k) => Number(k[1]))}::int[],
                  ${keys.map((k) => k[2] as string)}::text[]) as g(affiliate_id, plan_id, month)
      join cpa_month_counts c on c.affiliate_id = g.affiliate_id and c.plan_id = g.plan_id and c.month = g.month
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
