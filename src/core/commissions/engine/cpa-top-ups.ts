// @internal: whole-period CPA tiers: topping up the month's earlier CPAs when a higher tier is reached.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { money, ordinal } from './commission-rows.ts';
import type { Cpa } from './cpa-qualification.ts';
import type { NewCommission } from './engine-types.ts';

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);
const monthRange = (month: string) => {
  const start = new Date(`${month}-01T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return { start, end };
};
export const tierOf = (levels: { from: number; amount: number }[], n: number) => {
  let t = 0;
  levels.forEach((l, i) => {
    if (l.from <= n) t = i;
  });
  return t;
};

/** Whole-period tiers: every CPA of the month below the tier now reached is topped up to it. */
export async function topUps(
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
