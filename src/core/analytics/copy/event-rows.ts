// @internal: events and their attribution facts as the analytics copy writes them to ClickHouse.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { AnalyticsBatch, Attribution, OutboxRow, Push } from './analytics-rows.ts';
import { int, str, time } from './row-values.ts';

/** The customer (`c`) and its click (`k`) of an event `e`, for EVENT_FACT_COLUMNS. */
export const EVENT_FACT_JOINS = sql.raw(
  'join customers c on c.id = e.customer_id left join clicks k on k.id = c.click_id',
);
export const EVENT_FACT_COLUMNS = sql.raw(
  'coalesce(e.country, c.country) as fact_country, c.coupon_code_id, k.sub1, k.sub2, k.sub3, k.sub4, k.sub5',
);

export interface EventRow {
  id: bigint;
  occurred_at: Date;
  brand_id: number;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  customer_id: bigint;
  type: string;
  currency: string | null;
  country: string | null;
  amount: bigint | null;
  is_ftd: boolean;
  click_id: string | null;
  bets: bigint;
  wins: bigint;
  bonuses: bigint;
  /**
   * What the reports group event facts by beyond the event (EVENT_FACT_COLUMNS): the chargebacks
   * of its activity lines (in the event's currency, as their bets), its country or else its
   * customer's, the customer's coupon and the sub-ids of the customer's click.
   */
  line_chargebacks?: bigint | null;
  fact_country?: string | null;
  coupon_code_id?: number | null;
  sub1?: string | null;
  sub2?: string | null;
  sub3?: string | null;
  sub4?: string | null;
  sub5?: string | null;
  /** The attribution the event had when it was recorded, when it was attributed since. */
  first: Attribution | null;
}

export async function events(
  db: Db,
  inserted: OutboxRow[],
  attributed: OutboxRow[],
  push: Push,
  superseded: AnalyticsBatch['supersededEvents'],
) {
  if (inserted.length === 0 && attributed.length === 0) return;
  const ids = [...new Set([...inserted, ...attributed].map((r) => r.row_id as string))];
  // One statement, one snapshot: an attribution queued after the event's row (in this batch or a
  // later one) gives the attribution the event was recorded with, whatever it is now.
  const found = await sql<EventRow>`select e.id, e.occurred_at, e.brand_id, e.affiliate_id, e.campaign_id,
      e.promo_id, e.customer_id, e.type, e.currency, e.country, e.amount, e.is_ftd, e.click_id,
      coalesce(a.bets, 0)::bigint as bets, coalesce(a.wins, 0)::bigint as wins,
      coalesce(a.bonuses, 0)::bigint as bonuses, coalesce(a.chargebacks, 0)::bigint as line_chargebacks,
      ${EVENT_FACT_COLUMNS}, later.row as first
    from events e ${EVENT_FACT_JOINS}
    left join lateral (select sum(bets) as bets, sum(wins) as wins, sum(bonuses) as bonuses,
        sum(chargebacks) as chargebacks
      from activity_lines where event_id = e.id) a on true
    left join lateral (select o.row from analytics_outbox o
      where o.source = 'event_attribution' and o.row_id = e.id::text
      order by o.seq limit 1) later on true
    where e.id = any(${ids}::bigint[])`.execute(db);
  const byId = new Map(found.rows.map((e) => [String(e.id), e]));
  const latest = new Map<string, bigint>();
  for (const r of [...inserted, ...attributed]) {
    const id = r.row_id as string;
    if ((latest.get(id) ?? -1n) < r.seq) latest.set(id, r.seq);
  }
  for (const [id, seq] of latest) {
    const e = byId.get(id);
    if (!e) continue;
    push('events', eventRow(e, seq));
  }
  for (const r of inserted) {
    const e = byId.get(r.row_id as string);
    if (e) push('event_facts', fact(e, e.first ?? e, 1));
  }
  for (const r of attributed) {
    const e = byId.get(r.row_id as string);
    if (!e) continue;
    const before = r.row as Attribution;
    push('event_facts', fact(e, before, -1));
    push('event_facts', fact(e, e, 1));
    if ((before.affiliate_id ?? 0) !== (e.affiliate_id ?? 0)) {
      superseded.ids.push(int(e.id));
      superseded.owners.push(before.affiliate_id ?? 0);
    }
  }
}

/** The ClickHouse events row of an event as it is now, at `version`. */
export function eventRow(e: EventRow, version: bigint) {
  const {
    event_id: _id,
    sign: _sign,
    line_chargebacks: _chargebacks,
    coupon_code_id: _coupon,
    sub1: _sub1,
    sub2: _sub2,
    sub3: _sub3,
    sub4: _sub4,
    sub5: _sub5,
    ...columns
  } = fact(e, e, 1);
  return {
    ...columns,
    country: str(e.country),
    id: int(e.id),
    customer_id: int(e.customer_id),
    click_id: str(e.click_id),
    version: String(version),
  };
}

/** An event's figures attributed to `who`, added (1) or taken back (-1). */
export function fact(e: EventRow, who: Attribution, sign: 1 | -1) {
  return {
    event_id: int(e.id),
    occurred_at: time(e.occurred_at),
    brand_id: e.brand_id,
    affiliate_id: who.affiliate_id ?? 0,
    campaign_id: who.campaign_id ?? 0,
    promo_id: who.promo_id ?? 0,
    type: e.type,
    currency: str(e.currency),
    country: str(e.fact_country ?? e.country),
    amount: int(e.amount),
    is_ftd: e.is_ftd,
    bets: int(e.bets),
    wins: int(e.wins),
    bonuses: int(e.bonuses),
    sign,
    line_chargebacks: int(e.line_chargebacks),
    coupon_code_id: e.coupon_code_id ?? 0,
    sub1: str(e.sub1),
    sub2: str(e.sub2),
    sub3: str(e.sub3),
    sub4: str(e.sub4),
    sub5: str(e.sub5),
  };
}
