// @internal: sale share commissions and the claw-backs of refunds and chargebacks.
import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { money, percentOf } from './commission-rows.ts';
import type { EngineCustomer, EngineEvent, NewCommission } from './engine-types.ts';
import type { EnginePlan } from './plan-lookup.ts';

const addMonths = (d: Date, months: number) => {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
};

/**
 * Sale share on each sale (in the plan's currency) of a bound customer: a percentage of the sale
 * (rounded half up to the minor unit) or a fixed amount, on the customer's first sale only, on
 * the sales within N months of the first, or on every sale (lifetime).
 */
export async function saleCommissions(
  db: Db,
  sales: { event: EngineEvent; customer: EngineCustomer; plan: EnginePlan }[],
): Promise<NewCommission[]> {
  const paying = sales.filter(
    (s) => s.plan.version.definition.sale_share && s.event.currency === s.plan.plan.currency,
  );
  if (!paying.length) return [];
  const customerIds = [...new Set(paying.map((s) => s.customer.id.toString()))];
  const { rows } = await sql<{ customer_id: bigint; id: bigint; occurred_at: Date }>`
    select distinct on (customer_id) customer_id, id, occurred_at from events
    where type = 'sale' and customer_id = any(${customerIds}::bigint[])
    order by customer_id, occurred_at, id`.execute(db);
  const firstSale = new Map(rows.map((r) => [r.customer_id, r]));
  const out: NewCommission[] = [];
  for (const { event, customer, plan } of paying) {
    const share = plan.version.definition.sale_share as NonNullable<
      typeof plan.version.definition.sale_share
    >;
    const first = firstSale.get(customer.id) ?? { id: event.id, occurred_at: event.occurred_at };
    const isFirst = first.id === event.id;
    let covered = true;
    let durationWords = 'lifetime';
    if (share.duration === 'first_sale') {
      covered = isFirst;
      durationWords = 'first sale';
    } else if (share.duration === 'months') {
      const until = addMonths(first.occurred_at, share.months ?? 0);
      covered = event.occurred_at < until;
      durationWords = `within ${share.months} months of the first sale (until ${until.toISOString().slice(0, 10)})`;
    }
    if (!covered) continue;
    const saleAmount = event.amount ?? 0n;
    const amount = share.percent ? percentOf(saleAmount, share.percent) : BigInt(share.amount ?? 0);
    if (amount === 0n) continue;
    const m = (v: bigint) => money(v, plan.plan.minor_unit);
    const affiliateId = (event.affiliate_id ?? customer.affiliate_id) as number;
    out.push({
      brand_id: customer.brand_id,
      affiliate_id: affiliateId,
      currency: plan.plan.currency,
      amount,
      kind: 'sale_share',
      plan_id: plan.plan.id,
      plan_version_id: plan.version.id,
      customer_id: customer.id,
      event_id: event.id,
      campaign_id: event.affiliate_id !== null ? event.campaign_id : customer.campaign_id,
      promo_id: event.affiliate_id !== null ? event.promo_id : customer.promo_id,
      source_affiliate_id: null,
      level: null,
      source: null,
      reverses: null,
      earned_at: event.occurred_at,
      hold_until: null,
      held: customer.held,
      source_key: `sale:${event.id}`,
      trace: {
        rule: 'sale_share',
        plan: {
          id: plan.plan.id,
          name: plan.plan.name,
          version: plan.version.version,
          version_id: plan.version.id,
        },
        inputs: {
          events: [
            {
              id: event.id.toString(),
              type: 'sale',
              amount: saleAmount.toString(),
              occurred_at: event.occurred_at.toISOString(),
            },
          ],
        },
        duration: share.duration,
        months: share.months ?? null,
        first_sale_event_id: first.id.toString(),
        percent: share.percent ?? null,
        fixed_amount: share.amount ?? null,
        formula: share.percent
          ? `${saleAmount} × ${share.percent}% = ${new Decimal(saleAmount.toString()).mul(share.percent).div(100).toString()} → ${amount} (half up)`
          : `fixed amount ${amount}`,
        amount: amount.toString(),
      },
      explanation: share.percent
        ? `Sale share ${m(amount)} ${plan.plan.currency}: ${share.percent}% of sale ${m(saleAmount)} (${durationWords})`
        : `Sale share ${m(amount)} ${plan.plan.currency}: fixed amount per sale (${durationWords})`,
    });
  }
  return out;
}

/**
 * The claw-back of each refund or chargeback of a sale that earned a sale share: a negative
 * row naming the commission, in proportion to the part of the sale taken back (rounded half up),
 * never more than what is left of the commission. The commission itself is never changed.
 */
export async function reversals(
  db: Db,
  takeBacks: { event: EngineEvent; customer: EngineCustomer }[],
  fresh: NewCommission[],
  minorUnits: Map<string, number>,
): Promise<NewCommission[]> {
  const relevant = takeBacks.filter((t) => t.event.original_id !== null);
  if (!relevant.length) return [];
  const originals = [...new Set(relevant.map((t) => (t.event.original_id as bigint).toString()))];
  const { rows } = await sql<{
    id: bigint;
    event_id: bigint;
    amount: bigint;
    status: string;
    hold_until: Date | null;
    affiliate_id: number;
    brand_id: number;
    currency: string;
    plan_id: number | null;
    plan_version_id: number | null;
    campaign_id: number | null;
    promo_id: number | null;
    sale_amount: bigint;
    reversed: bigint;
  }>`
    select c.id, c.event_id, c.amount, c.status, c.hold_until, c.affiliate_id, c.brand_id, c.currency, c.plan_id,
      c.plan_version_id, c.campaign_id, c.promo_id, e.amount as sale_amount,
      coalesce((select -sum(r.amount) from commissions r where r.reverses_id = c.id), 0)::bigint as reversed
    from commissions c join events e on e.id = c.event_id
    where c.kind = 'sale_share' and c.reverses_id is null and c.event_id = any(${originals}::bigint[])`.execute(
    db,
  );
  type Target = {
    ref: bigint | NewCommission;
    amount: bigint;
    status: string;
    held: boolean;
    hold_until: Date | null;
    row: Omit<NewCommission, 'id'>;
    sale_amount: bigint;
    reversed: bigint;
  };
  const byEvent = new Map<string, Target>();
  for (const r of rows)
    byEvent.set(r.event_id.toString(), {
      ref: r.id,
      amount: r.amount,
      status: r.status,
      held: r.status === 'on_hold',
      hold_until: r.hold_until,
      sale_amount: r.sale_amount,
      reversed: r.reversed,
      row: { ...r, source: null, reverses: null } as unknown as NewCommission,
    });
  for (const f of fresh)
    if (f.kind === 'sale_share' && f.event_id !== null)
      byEvent.set(f.event_id.toString(), {
        ref: f,
        amount: f.amount,
        status: 'new',
        held: f.held,
        hold_until: f.hold_until,
        sale_amount: BigInt((f.trace.inputs as { events: { amount: string }[] }).events[0]?.amount ?? '0'),
        reversed: 0n,
        row: f,
      });
  const out: NewCommission[] = [];
  for (const { event, customer } of relevant) {
    const target = byEvent.get((event.original_id as bigint).toString());
    if (!target || target.status === 'rejected' || target.sale_amount <= 0n) continue;
    const taken = event.amount ?? 0n;
    const share = BigInt(
      new Decimal(target.amount.toString())
        .mul(taken.toString())
        .div(target.sale_amount.toString())
        .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
        .toFixed(0),
    );
    const back = share > target.amount - target.reversed ? target.amount - target.reversed : share;
    if (back <= 0n) continue;
    target.reversed += back;
    const minorUnit = minorUnits.get(target.row.currency) ?? 2;
    const m = (v: bigint) => money(v, minorUnit);
    const id = typeof target.ref === 'bigint' ? `#${target.ref}` : 'of the sale';
    out.push({
      brand_id: target.row.brand_id,
      affiliate_id: target.row.affiliate_id,
      currency: target.row.currency,
      amount: -back,
      kind: 'sale_share',
      plan_id: target.row.plan_id,
      plan_version_id: target.row.plan_version_id,
      customer_id: customer.id,
      event_id: event.id,
      campaign_id: target.row.campaign_id,
      promo_id: target.row.promo_id,
      source_affiliate_id: null,
      level: null,
      source: null,
      reverses: target.ref,
      earned_at: event.occurred_at,
      hold_until: target.hold_until,
      // A claw-back of a held commission waits with it.
      held: target.held,
      source_key: `reversal:${event.id}:${(event.original_id as bigint).toString()}`,
      trace: {
        rule: 'sale_share_reversal',
        inputs: {
          events: [
            {
              id: event.id.toString(),
              type: event.type,
              amount: taken.toString(),
              occurred_at: event.occurred_at.toISOString(),
            },
          ],
        },
        original_event_id: (event.original_id as bigint).toString(),
        commission_amount: target.amount.toString(),
        sale_amount: target.sale_amount.toString(),
        reversed_before: (target.reversed - back).toString(),
        formula: `-(${target.amount} × ${taken} / ${target.sale_amount}) → -${share} (half up)${back < share ? `, capped at what is left: -${back}` : ''}`,
        amount: (-back).toString(),
      },
      explanation: `Claw-back -${m(back)} ${target.row.currency}: ${event.type} of ${m(taken)} of a ${m(target.sale_amount)} sale takes back its share of commission ${id} (${m(target.amount)})`,
    });
  }
  return out;
}
