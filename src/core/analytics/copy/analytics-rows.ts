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

type Attribution = { affiliate_id: number | null; campaign_id: number | null; promo_id: number | null };

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

async function clicks(db: Db, rows: OutboxRow[], push: Push) {
  if (rows.length === 0) return;
  const found = await sql<{
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
  }>`select id, clicked_at, affiliate_id, brand_id, campaign_id, promo_id, destination_link_id, variant,
      sub1, sub2, sub3, sub4, sub5, country, device_type, is_bot, is_unique
    from clicks where id = any(${rows.map((r) => r.row_id)}::text[])`.execute(db);
  for (const c of found.rows) {
    push('clicks', {
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
    });
  }
}

async function impressions(db: Db, rows: OutboxRow[], push: Push) {
  if (rows.length === 0) return;
  const keys = new Map<string, { promo_id: number; hour: string }>();
  for (const r of rows) {
    const k = r.row as { promo_id: number; hour: string };
    keys.set(`${k.promo_id}|${k.hour}`, k);
  }
  const list = [...keys.values()];
  const found = await sql<{
    promo_id: number;
    hour: Date;
    impressions: bigint;
    affiliate_id: number;
    brand_id: number;
    campaign_id: number;
  }>`select i.promo_id, i.hour, i.impressions, p.affiliate_id, p.brand_id, p.campaign_id
    from unnest(${list.map((k) => k.promo_id)}::int[], ${list.map((k) => k.hour)}::timestamptz[]) k (promo_id, hour)
    join promo_impressions i on i.promo_id = k.promo_id and i.hour = k.hour
    join promos p on p.id = i.promo_id`.execute(db);
  for (const i of found.rows) {
    push('impression_hours', {
      hour: time(i.hour),
      affiliate_id: i.affiliate_id,
      brand_id: i.brand_id,
      campaign_id: i.campaign_id,
      promo_id: i.promo_id,
      impressions: int(i.impressions),
      // The hour's count only grows: the highest count is the newest copy.
      version: int(i.impressions),
    });
  }
}

interface EventRow {
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
      coalesce(a.bonuses, 0)::bigint as bonuses, later.row as first
    from events e
    left join lateral (select sum(bets) as bets, sum(wins) as wins, sum(bonuses) as bonuses
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
    const { event_id: _id, sign: _sign, ...columns } = fact(e, e, 1);
    push('events', {
      ...columns,
      id: int(e.id),
      customer_id: int(e.customer_id),
      click_id: str(e.click_id),
      version: String(seq),
    });
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

function fact(e: EventRow, who: Attribution, sign: 1 | -1) {
  return {
    event_id: int(e.id),
    occurred_at: time(e.occurred_at),
    brand_id: e.brand_id,
    affiliate_id: who.affiliate_id ?? 0,
    campaign_id: who.campaign_id ?? 0,
    promo_id: who.promo_id ?? 0,
    type: e.type,
    currency: str(e.currency),
    country: str(e.country),
    amount: int(e.amount),
    is_ftd: e.is_ftd,
    bets: int(e.bets),
    wins: int(e.wins),
    bonuses: int(e.bonuses),
    sign,
  };
}

interface CommissionRow {
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
}

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
  const found = await sql<CommissionRow>`select id, earned_at, affiliate_id, brand_id, campaign_id, promo_id,
      plan_id, kind, status, initial_status, currency, amount, event_id
    from commissions where id = any(${ids}::bigint[])`.execute(db);
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
    const {
      commission_id: _id,
      change_id: _change,
      sign: _sign,
      ...columns
    } = commissionFact(c, c.status, 0n, 1);
    push('commissions', {
      ...columns,
      id: int(c.id),
      event_id: int(c.event_id),
      version: String(seq),
    });
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

function commissionFact(c: CommissionRow, status: string, changeId: bigint, sign: 1 | -1) {
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
  };
}
