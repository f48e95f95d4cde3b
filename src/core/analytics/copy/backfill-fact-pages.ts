// @internal: the backfill's keyset pages of events and commissions with their facts.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { AnalyticsRows, Attribution } from './analytics-rows.ts';
import {
  BACKFILL_VERSION,
  CH_SPAN,
  type Page,
  type PageContext,
  queued,
  span,
  within,
} from './backfill-pages.ts';
import {
  COMMISSION_FACT_COLUMNS,
  COMMISSION_FACT_JOINS,
  type CommissionRow,
  commissionFact,
  commissionRow,
} from './commission-rows.ts';
import { EVENT_FACT_COLUMNS, EVENT_FACT_JOINS, type EventRow, eventRow, fact } from './event-rows.ts';

export async function* eventPages(ctx: PageContext): AsyncGenerator<Page> {
  const { db, store, range, pageRows } = ctx;
  let after = 0n;
  for (;;) {
    const version = await newestVersion(db);
    // The streaming copy's columns (event-rows.ts), by keyset.
    const { rows } = await sql<EventRow>`select e.id, e.occurred_at, e.brand_id, e.affiliate_id,
        e.campaign_id, e.promo_id, e.customer_id, e.type, e.currency, e.country, e.amount, e.is_ftd,
        e.click_id, coalesce(a.bets, 0)::bigint as bets, coalesce(a.wins, 0)::bigint as wins,
        coalesce(a.bonuses, 0)::bigint as bonuses, coalesce(a.chargebacks, 0)::bigint as line_chargebacks,
        ${EVENT_FACT_COLUMNS}, null as first
      from events e ${EVENT_FACT_JOINS}
      left join lateral (select sum(bets) as bets, sum(wins) as wins, sum(bonuses) as bonuses,
          sum(chargebacks) as chargebacks
        from activity_lines where event_id = e.id) a on true
      where e.id > ${after} ${within('e.occurred_at', range)} order by e.id limit ${pageRows}`.execute(db);
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as EventRow).id;
    const ids = rows.map((r) => String(r.id));
    const recorded = new Set<string>();
    const firstQueued = new Map<string, Attribution>();
    for (const q of await queued(db, ['event', 'event_attribution'], ids)) {
      if (q.source === 'event') recorded.add(q.row_id);
      else if (!firstQueued.has(q.row_id)) firstQueued.set(q.row_id, q.row as Attribution);
    }
    // Per event and owner, the sum of its facts' signs: 1 in all once its first fact is in (the
    // facts of each re-attribution, -old +new, sum to 0), under the owner ClickHouse has; a
    // re-attribution copied without the first fact leaves -1 under the owner it was recorded with.
    const facts = await store.query<Attribution & { id: string; n: string }>(
      `SELECT toString(event_id) AS id, affiliate_id, campaign_id, promo_id, sum(sign) AS n FROM event_facts
       WHERE ${CH_SPAN('occurred_at')} AND event_id IN (SELECT arrayJoin(arrayMap(x -> toUInt64(x), {ids:Array(String)})))
       GROUP BY event_id, affiliate_id, campaign_id, promo_id HAVING n != 0`,
      { ...span(rows.map((r) => r.occurred_at)), ids },
      ctx.signal ? { signal: ctx.signal } : {},
    );
    const held = new Map<string, { owner: Attribution; n: number }[]>();
    for (const f of facts) {
      const list = held.get(f.id) ?? [];
      list.push({
        owner: { affiliate_id: f.affiliate_id, campaign_id: f.campaign_id, promo_id: f.promo_id },
        n: Number(f.n),
      });
      held.set(f.id, list);
    }
    const out: AnalyticsRows = { events: [], event_facts: [] };
    const written: Written[] = [];
    let copied = 0;
    for (const e of rows) {
      const id = String(e.id);
      // Its first fact waits in the outbox: the streaming copy builds it from the row as it is.
      if (recorded.has(id)) continue;
      const has = held.get(id) ?? [];
      const total = has.reduce((n, h) => n + h.n, 0);
      // The owner ClickHouse's copy ends with, and the one it must end with before what waits.
      let owner: Attribution;
      if (total === 0) {
        // With its -1 (re-attributions copied), the first fact leaves the last owner's +1.
        const recordedWith = has.find((h) => h.n === -1);
        const first = recordedWith?.owner ?? firstQueued.get(id) ?? e;
        out.event_facts?.push(fact(e, first, 1));
        owner = recordedWith ? (has.find((h) => h.n === 1)?.owner ?? first) : first;
      } else if (total === 1) {
        owner = (has.find((h) => h.n === 1) as { owner: Attribution }).owner;
      } else continue;
      const expected = firstQueued.get(id) ?? e;
      const moved = !sameOwner(owner, expected);
      // A re-attribution the outbox never carried (made while the copy was off).
      if (moved) out.event_facts?.push(fact(e, owner, -1), fact(e, expected, 1));
      if (total === 0 || moved) copied++;
      // The raw row is the streaming copy's when a re-attribution waits; else it is written as
      // it is now: at version 0 if ClickHouse had nothing of the event, newer than every copy
      // made so far if the owner moved.
      if (firstQueued.has(id) || (has.length > 0 && !moved)) continue;
      const v = has.length === 0 ? BACKFILL_VERSION : version;
      out.events?.push(eventRow(e, v));
      written.push({ id: e.id, affiliate: e.affiliate_id ?? 0, version: v });
      if (moved && (owner.affiliate_id ?? 0) !== (e.affiliate_id ?? 0))
        written.push({ id: e.id, affiliate: owner.affiliate_id ?? 0, version: null });
    }
    await ctx.insert(out);
    await dropStaleOwners(ctx, written);
    yield { read: rows.length, copied };
  }
}

type Written = { id: bigint; affiliate: number; version: bigint | null };

const sameOwner = (a: Attribution, b: Attribution) =>
  (a.affiliate_id ?? 0) === (b.affiliate_id ?? 0) &&
  (a.campaign_id ?? 0) === (b.campaign_id ?? 0) &&
  (a.promo_id ?? 0) === (b.promo_id ?? 0);

/** The outbox's newest seq so far: a version no copy made until now exceeds. */
async function newestVersion(db: Db): Promise<bigint> {
  const { rows } = await sql<{ v: bigint | null }>`select
    pg_sequence_last_value(pg_get_serial_sequence('analytics_outbox', 'seq')) as v`.execute(db);
  return rows[0]?.v ?? 0n;
}

/**
 * Raw events rows that must go: those under the owner a re-attribution the outbox never carried
 * moved the event from (version null: any version), and the page's own rows whose event was
 * attributed after the page was read and copied before the page was inserted (the streaming
 * copy's delete of the old owner's row came first; the affiliate is part of the raw key). An
 * attribution after this read is queued after the insert, and its copy deletes the row itself.
 */
async function dropStaleOwners(ctx: PageContext, written: Written[]) {
  if (written.length === 0) return;
  const { rows } = await sql<{ id: bigint; affiliate_id: number | null }>`select id, affiliate_id from events
    where id = any(${written.map((w) => w.id)}::bigint[])`.execute(ctx.db);
  const now = new Map(rows.map((r) => [r.id, r.affiliate_id ?? 0]));
  const stale = written.filter((w) => w.version === null || now.get(w.id) !== w.affiliate);
  if (stale.length === 0) return;
  await ctx.store.command(
    `DELETE FROM events WHERE (id, affiliate_id, version) IN
      (SELECT arrayJoin(arrayZip(arrayMap(x -> toUInt64(x), {ids:Array(String)}), {owners:Array(UInt32)},
        arrayMap(x -> toUInt64(x), {versions:Array(String)}))))
      OR (id, affiliate_id) IN
      (SELECT arrayJoin(arrayZip(arrayMap(x -> toUInt64(x), {anyIds:Array(String)}), {anyOwners:Array(UInt32)})))`,
    {
      ids: stale.filter((s) => s.version !== null).map((s) => String(s.id)),
      owners: stale.filter((s) => s.version !== null).map((s) => s.affiliate),
      versions: stale.filter((s) => s.version !== null).map((s) => String(s.version)),
      anyIds: stale.filter((s) => s.version === null).map((s) => String(s.id)),
      anyOwners: stale.filter((s) => s.version === null).map((s) => s.affiliate),
    },
    ctx.signal ? { signal: ctx.signal } : {},
  );
}

export async function* commissionPages(ctx: PageContext): AsyncGenerator<Page> {
  const { db, store, range, pageRows } = ctx;
  let after = 0n;
  for (;;) {
    const version = await newestVersion(db);
    const { rows } = await sql<CommissionRow>`select m.id, m.earned_at, m.affiliate_id, m.brand_id,
        m.campaign_id, m.promo_id, m.plan_id, m.kind, m.status, m.initial_status, m.currency, m.amount,
        m.event_id, ${COMMISSION_FACT_COLUMNS}
      from commissions m ${COMMISSION_FACT_JOINS}
      where m.id > ${after} ${within('m.earned_at', range)} order by m.id limit ${pageRows}`.execute(db);
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as CommissionRow).id;
    const ids = rows.map((r) => String(r.id));
    const { rows: changes } = await sql<{
      id: bigint;
      commission_id: bigint;
      from_status: string;
      to_status: string;
    }>`select id, commission_id, from_status, to_status from commission_status_changes
      where commission_id = any(${ids}::bigint[]) order by id`.execute(db);
    const changeIds = changes.map((c) => String(c.id));
    // The outbox first, ClickHouse then (a row leaves the outbox only once it is in ClickHouse).
    const initialWaits = new Set((await queued(db, ['commission'], ids)).map((q) => q.row_id));
    const queuedChange = new Set((await queued(db, ['commission_status'], changeIds)).map((q) => q.row_id));
    const byChange = new Map(changes.map((c) => [String(c.id), String(c.commission_id)]));
    const waiting = new Set([...initialWaits, ...[...queuedChange].map((ch) => byChange.get(ch) as string)]);
    // A commission's facts are named by (commission, change): 0 as earned, else the change's id.
    const held = new Set<string>();
    const heldAny = new Set<string>();
    for (const r of await store.query<{ c: string; ch: string }>(
      `SELECT toString(commission_id) AS c, toString(change_id) AS ch FROM commission_facts
       WHERE ${CH_SPAN('earned_at')} AND commission_id IN (SELECT arrayJoin(arrayMap(x -> toUInt64(x), {ids:Array(String)})))
       GROUP BY commission_id, change_id`,
      { ...span(rows.map((r) => r.earned_at)), ids },
      ctx.signal ? { signal: ctx.signal } : {},
    )) {
      held.add(`${r.c}|${r.ch}`);
      heldAny.add(r.c);
    }
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    const out: AnalyticsRows = { commissions: [], commission_facts: [] };
    const added = new Set<string>();
    for (const c of rows) {
      const id = String(c.id);
      if (initialWaits.has(id) || held.has(`${id}|0`)) continue;
      out.commission_facts?.push(commissionFact(c, c.initial_status, 0n, 1));
      added.add(id);
    }
    for (const change of changes) {
      const id = String(change.commission_id);
      const c = byId.get(id) as CommissionRow;
      if (queuedChange.has(String(change.id)) || held.has(`${id}|${change.id}`)) continue;
      out.commission_facts?.push(
        commissionFact(c, change.from_status, change.id, -1),
        commissionFact(c, change.to_status, change.id, 1),
      );
      added.add(id);
    }
    // The raw row as it is now, of each commission given facts here, unless one waits in the
    // outbox (the streaming copy writes it): at version 0 if ClickHouse had nothing of it, newer
    // than every copy made so far if it had (a status change the outbox never carried).
    for (const c of rows) {
      const id = String(c.id);
      if (!added.has(id) || waiting.has(id)) continue;
      out.commissions?.push(commissionRow(c, heldAny.has(id) ? version : BACKFILL_VERSION));
    }
    await ctx.insert(out);
    yield { read: rows.length, copied: added.size };
  }
}
