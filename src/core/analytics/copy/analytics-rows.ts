// @internal: the copier's translation of outbox rows into ClickHouse rows (copy-analytics.ts).
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { AnalyticsOutboxSource } from '../../../db/tables/analytics.ts';

export interface OutboxRow {
  seq: bigint;
  source: AnalyticsOutboxSource;
  row_id: string | null;
  row: unknown;
}

/** Rows per ClickHouse table, ready for a JSONEachRow insert. */
export type AnalyticsRows = Record<string, object[]>;

export interface AnalyticsBatch {
  rows: AnalyticsRows;
  /**
   * Raw events rows to delete once the new ones are in: the affiliate is part of the raw table's
   * key (ORDER BY affiliate, time), so the row of an event attributed later is a new row and
   * ReplacingMergeTree would keep the old owner's beside it.
   */
  supersededEvents: { ids: string[]; owners: number[] };
}

export type Attribution = {
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
};

const time = (d: Date) => d.toISOString();
const str = (v: string | null | undefined) => v ?? '';
const int = (v: number | bigint | null | undefined) => String(v ?? 0);

/**
 * Reads what the batch's rows name and shapes it for ClickHouse. Raw rows carry a version (the
 * outbox seq, or the hour's count for impressions) so ReplacingMergeTree keeps the newest; facts
 * come from what the outbox holds and what never changes, so a batch copied again builds the same
 * facts and its deduplication token skips them.
 */
export async function buildAnalyticsRows(db: Db, batch: readonly OutboxRow[]): Promise<AnalyticsBatch> {
  const out: AnalyticsRows = {};
  const supersededEvents = { ids: [] as string[], owners: [] as number[] };
  const push = (table: string, row: object) => {
    const rows = out[table] ?? [];
    rows.push(row);
    out[table] = rows;
  };
  const of = (source: AnalyticsOutboxSource) => batch.filter((r) => r.source === source);
  await clicks(db, of('click'), push);
  await impressions(db, of('impression'), push);
  await events(db, of('event'), of('event_attribution'), push, supersededEvents);
  await commissions(db, of('commission'), of('commission_status'), push);
  return { rows: out, supersededEvents };
}

type Push = (table: string, row: object) => void;

/** A clicks row as PostgreSQL holds it, the columns the copy reads. */
export interface ClickRow {
  id: string;
  clicked_at: Date;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number;
  promo_id: number;
  destination_link_id: number;
  variant: string;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  country: string | null;
  device_type: string | null;
  is_bot: boolean;
  is_unique: boolean;
}

export const CLICK_COLUMNS = sql.raw(`id, clicked_at, affiliate_id, brand_id, campaign_id, promo_id,
  destination_link_id, variant, sub1, sub2, sub3, sub4, sub5, country, device_type, is_bot, is_unique`);

async function clicks(db: Db, rows: OutboxRow[], push: Push) {
  if (rows.length === 0) return;
  const found = await sql<ClickRow>`select ${CLICK_COLUMNS}
    from clicks where id = any(${rows.map((r) => r.row_id)}::text[])`.execute(db);
  for (const c of found.rows) push('clicks', clickRow(c));
}

/** The ClickHouse clicks row of a click. */
export function clickRow(c: ClickRow) {
  return {
    id: c.id,
    clicked_at: time(c.clicked_at),
    affiliate_id: c.affiliate_id,
    brand_id: c.brand_id,
    campaign_id: c.campaign_id,
    promo_id: c.promo_id,
    landing_id: c.destination_link_id,
    variant: c.variant,
    sub1: str(c.sub1),
    sub2: str(c.sub2),
    sub3: str(c.sub3),
    sub4: str(c.sub4),
    sub5: str(c.sub5),
    country: str(c.country),
    device: str(c.device_type),
    is_bot: c.is_bot,
    is_unique: c.is_unique,
    // Clicks never change: every copy is the same row.
    version: '1',
  };
}

async function impressions(db: Db, rows: OutboxRow[], push: Push) {
  if (rows.length === 0) return;
  const keys = new Map<string, { promo_id: number; hour: string }>();
  for (const r of rows) {
    const k = r.row as { promo_id: number; hour: string };
    keys.set(`${k.promo_id}|${k.hour}`, k);
  }
  const list = [...keys.values()];
  const found =
    await sql<ImpressionRow>`select i.promo_id, i.hour, i.impressions, p.affiliate_id, p.brand_id, p.campaign_id
    from unnest(${list.map((k) => k.promo_id)}::int[], ${list.map((k) => k.hour)}::timestamptz[]) k (promo_id, hour)
    join promo_impressions i on i.promo_id = k.promo_id and i.hour = k.hour
    join promos p on p.id = i.promo_id`.execute(db);
  for (const i of found.rows) push('impression_hours', impressionRow(i));
}

/** An hour's count of a promo's impressions, with the promo's owner. */
export interface ImpressionRow {
  promo_id: number;
  hour: Date;
  impressions: bigint;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number;
}

export function impressionRow(i: ImpressionRow) {
  return {
    hour: time(i.hour),
    affiliate_id: i.affiliate_id,
    brand_id: i.brand_id,
    campaign_id: i.campaign_id,
    promo_id: i.promo_id,
    impressions: int(i.impressions),
    // The hour's count only grows: the highest count is the newest copy.
    version: int(i.impressions),
  };
}

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

async function events(
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

export interface CommissionRow {
  id: bigint;
  earned_at: Date;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  plan_id: number | null;
  kind: string;
  status: string;
  initial_status: string;
  currency: string;
  amount: bigint;
  event_id: bigint | null;
  /** What the reports group commission facts by beyond the commission (COMMISSION_FACT_COLUMNS). */
  qualified_cpa?: boolean | null;
  country?: string | null;
  coupon_code_id?: number | null;
  sub1?: string | null;
  sub2?: string | null;
  sub3?: string | null;
  sub4?: string | null;
  sub5?: string | null;
}

/** The customer (`cu`) and its click (`k`) of a commission `m`, for COMMISSION_FACT_COLUMNS. */
export const COMMISSION_FACT_JOINS = sql.raw(
  'left join customers cu on cu.id = m.customer_id left join clicks k on k.id = cu.click_id',
);
/** Whether it counts as a qualified CPA (as PostgreSQL's rollups count it), the customer's country, coupon and sub-ids. */
export const COMMISSION_FACT_COLUMNS = sql.raw(
  `(m.kind = 'cpa' and m.source_key like 'cpa:%' and m.reverses_id is null) as qualified_cpa,
  cu.country, cu.coupon_code_id, k.sub1, k.sub2, k.sub3, k.sub4, k.sub5`,
);

async function commissions(db: Db, inserted: OutboxRow[], changed: OutboxRow[], push: Push) {
  if (inserted.length === 0 && changed.length === 0) return;
  const changes = changed.length
    ? (
        await sql<{ id: bigint; commission_id: bigint; from_status: string; to_status: string }>`
          select id, commission_id, from_status, to_status from commission_status_changes
          where id = any(${changed.map((r) => r.row_id)}::bigint[])`.execute(db)
      ).rows
    : [];
  const ids = [
    ...new Set([...inserted.map((r) => r.row_id as string), ...changes.map((c) => String(c.commission_id))]),
  ];
  const found = await sql<CommissionRow>`select m.id, m.earned_at, m.affiliate_id, m.brand_id, m.campaign_id,
      m.promo_id, m.plan_id, m.kind, m.status, m.initial_status, m.currency, m.amount, m.event_id,
      ${COMMISSION_FACT_COLUMNS}
    from commissions m ${COMMISSION_FACT_JOINS} where m.id = any(${ids}::bigint[])`.execute(db);
  const byId = new Map(found.rows.map((c) => [String(c.id), c]));
  const seqOfChange = new Map(changed.map((r) => [r.row_id as string, r.seq]));
  const latest = new Map<string, bigint>();
  const see = (id: string, seq: bigint) => {
    if ((latest.get(id) ?? -1n) < seq) latest.set(id, seq);
  };
  for (const r of inserted) see(r.row_id as string, r.seq);
  for (const c of changes) see(String(c.commission_id), seqOfChange.get(String(c.id)) ?? 0n);
  for (const [id, seq] of latest) {
    const c = byId.get(id);
    if (!c) continue;
    push('commissions', commissionRow(c, seq));
  }
  for (const r of inserted) {
    const c = byId.get(r.row_id as string);
    if (c) push('commission_facts', commissionFact(c, c.initial_status, 0n, 1));
  }
  for (const change of changes) {
    const c = byId.get(String(change.commission_id));
    if (!c) continue;
    push('commission_facts', commissionFact(c, change.from_status, change.id, -1));
    push('commission_facts', commissionFact(c, change.to_status, change.id, 1));
  }
}

/** The ClickHouse commissions row of a commission as it is now, at `version`. */
export function commissionRow(c: CommissionRow, version: bigint) {
  const {
    commission_id: _id,
    change_id: _change,
    sign: _sign,
    country: _country,
    coupon_code_id: _coupon,
    qualified_cpa: _qualified,
    sub1: _sub1,
    sub2: _sub2,
    sub3: _sub3,
    sub4: _sub4,
    sub5: _sub5,
    ...columns
  } = commissionFact(c, c.status, 0n, 1);
  return { ...columns, id: int(c.id), event_id: int(c.event_id), version: String(version) };
}

/**
 * A commission's amount in `status`: as earned (change 0, its initial status), or leaving (-1)
 * and reaching (+1) a status by the change numbered `changeId`.
 */
export function commissionFact(c: CommissionRow, status: string, changeId: bigint, sign: 1 | -1) {
  return {
    commission_id: int(c.id),
    change_id: int(changeId),
    earned_at: time(c.earned_at),
    affiliate_id: c.affiliate_id,
    brand_id: c.brand_id,
    campaign_id: c.campaign_id ?? 0,
    promo_id: c.promo_id ?? 0,
    plan_id: c.plan_id ?? 0,
    kind: c.kind,
    status,
    currency: c.currency,
    amount: int(c.amount),
    sign,
    country: str(c.country),
    coupon_code_id: c.coupon_code_id ?? 0,
    qualified_cpa: c.qualified_cpa ? 1 : 0,
    sub1: str(c.sub1),
    sub2: str(c.sub2),
    sub3: str(c.sub3),
    sub4: str(c.sub4),
    sub5: str(c.sub5),
  };
}
