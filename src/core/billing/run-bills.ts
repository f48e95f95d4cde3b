import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { BillAction, BillStatus } from '../../db/tables/billing.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import {
  affiliatesToBill,
  billableGroups,
  type ExistingBill,
  groupKey,
  loadSettings,
  lockPeriodBills,
  writeLines,
} from './bill-groups.ts';
import { addDays, generationDay, type Period } from './billing-periods.ts';
import { thresholdConverter } from './threshold-in.ts';

export interface BillRunResult {
  run_id: number;
  period_start: string;
  period_end: string;
  affiliates: number;
  bills_issued: number;
  bills_regenerated: number;
  bills_unchanged: number;
  /**
   * Sums below the threshold (or not positive; the threshold converted into the bill's currency,
   * and a sum with no rate to convert it waits too), and bills already approved: they wait.
   */
  rolled_over: number;
  /** Affiliates whose generation delay has not passed. */
  waiting: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Change {
  bill_id: bigint;
  action: BillAction;
  from_status: BillStatus | null;
  to_status: BillStatus;
  issued_amount: bigint;
  reason: string | null;
}

/**
 * Issues the period's bills, one per affiliate, brand, plan and currency, from the approved
 * commissions earned by its end that are on no bill yet (so what an earlier period left below the
 * threshold is billed now), in one transaction. Bills of the period not yet approved are
 * regenerated: their lines are replaced by what is billable now, never a second bill, and a
 * commission is on one bill at most (a unique line). Below the affiliate's threshold, or not
 * positive, a sum waits for the next period; an affiliate whose generation delay has not passed
 * is left for later. Running it again changes nothing.
 */
export async function runBills(options: {
  db: Db;
  actor: Actor;
  period: Period;
  affiliateIds?: number[];
  trigger?: 'scheduled' | 'on_demand';
  now?: Date;
}): Promise<BillRunResult> {
  const { period } = options;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const problems: FieldError[] = [];
  if (!DAY.test(period.start))
    problems.push({ path: 'period_start', message: 'must be a date like 2026-01-31' });
  if (!DAY.test(period.end)) problems.push({ path: 'period_end', message: 'must be a date like 2026-01-31' });
  else if (period.end >= today)
    problems.push({
      path: 'period_end',
      message: 'must be before today: a period is billed once it has ended',
    });
  if (!problems.length && period.start > period.end)
    problems.push({ path: 'period_end', message: 'must be on or after period_start' });
  if (!problems.length && addDays(period.start, 366) < period.end)
    problems.push({ path: 'period_end', message: 'must be at most a year after period_start' });
  if (problems.length) throw AppError.validation(problems);

  return inTransaction(options.db, async (trx) => {
    // One run at a time: a second one waits, then finds the first's bills and regenerates nothing.
    await sql`select pg_advisory_xact_lock(hashtextextended('bills:run', 0))`.execute(trx);
    const named = options.affiliateIds ? [...new Set(options.affiliateIds)] : null;
    const candidates = named ?? (await affiliatesToBill(trx, period));
    const settings = await loadSettings(trx, candidates);
    if (named) {
      const found = new Set(settings.map((s) => s.affiliate_id));
      const missing = named.flatMap((id, i) =>
        found.has(id) ? [] : [{ path: `affiliate_ids[${i}]`, message: 'is not an affiliate' }],
      );
      if (missing.length) throw AppError.validation(missing);
    }
    const ready = settings.filter((s) => generationDay(period, s.delay) <= today);
    const ids = ready.map((s) => s.affiliate_id);
    const byAffiliate = new Map(ready.map((s) => [s.affiliate_id, s]));

    const existing = await lockPeriodBills(trx, period, ids);
    const open = existing.filter((b) => b.status === 'pending' || b.status === 'on_hold');
    const openIds = open.map((b) => b.id.toString());
    // A commission rejected or reversed since leaves its bill; the others keep their lines.
    if (open.length)
      await sql`delete from bill_lines l using commissions c where l.bill_id = any(${openIds}::int8[])
        and c.id = l.commission_id and c.status <> 'approved'`.execute(trx);
    const groups = await billableGroups(trx, period, ids, openIds);
    const byKey = new Map<string, ExistingBill>(existing.map((b) => [groupKey(b), b]));

    const changes: Change[] = [];
    const updates: { id: bigint; issued: bigint; pay: bigint; status: BillStatus }[] = [];
    const inserts: (typeof groups)[number][] = [];
    const rolled = new Map<number, number>();
    const billed = new Map<number, number>();
    const count = (m: Map<number, number>, id: number) => m.set(id, (m.get(id) ?? 0) + 1);
    let unchanged = 0;
    const seen = new Set<string>();
    const thresholdIn = thresholdConverter(trx, period.end);
    for (const g of groups) {
      const key = groupKey(g);
      seen.add(key);
      const s = byAffiliate.get(g.affiliate_id)!;
      const threshold = await thresholdIn(s.threshold, s.threshold_currency, g.currency);
      const qualifies = threshold !== null && g.total > 0n && g.total >= threshold;
      const bill = byKey.get(key);
      if (bill && bill.status !== 'pending' && bill.status !== 'on_hold') {
        count(rolled, g.affiliate_id);
        continue;
      }
      if (!qualifies) {
        count(rolled, g.affiliate_id);
        if (bill) cancel(bill, 'regenerated: the sum is below the threshold');
        continue;
      }
      count(billed, g.affiliate_id);
      if (!bill) {
        inserts.push(g);
        continue;
      }
      if (g.total === bill.issued_amount && g.lines === bill.lines) {
        unchanged++;
        continue;
      }
      const pay = bill.amount_to_pay - bill.issued_amount + g.total;
      updates.push({ id: bill.id, issued: g.total, pay: pay < 0n ? 0n : pay, status: bill.status });
      changes.push({
        bill_id: bill.id,
        action: 'regenerated',
        from_status: bill.status,
        to_status: bill.status,
        issued_amount: g.total,
        reason: `${bill.lines} line(s) before, ${g.lines} now`,
      });
    }
    for (const bill of open) if (!seen.has(groupKey(bill))) cancel(bill, 'regenerated: nothing left to bill');
    function cancel(bill: ExistingBill, reason: string) {
      updates.push({ id: bill.id, issued: 0n, pay: 0n, status: 'cancelled' });
      changes.push({
        bill_id: bill.id,
        action: 'cancelled',
        from_status: bill.status,
        to_status: 'cancelled',
        issued_amount: 0n,
        reason,
      });
    }

    const now = new Date();
    const cancelled = updates.filter((u) => u.status === 'cancelled').map((u) => u.id.toString());
    // Their commissions are free again: billed in a later period.
    if (cancelled.length)
      await sql`delete from bill_lines where bill_id = any(${cancelled}::int8[])`.execute(trx);
    if (updates.length)
      await sql`update bills b set issued_amount = v.issued, amount_to_pay = v.pay, status = v.status, updated_at = ${now}
        from unnest(${updates.map((u) => u.id.toString())}::int8[], ${updates.map((u) => u.issued.toString())}::int8[],
          ${updates.map((u) => u.pay.toString())}::int8[], ${updates.map((u) => u.status)}::text[]) as v(id, issued, pay, status)
        where b.id = v.id`.execute(trx);
    const created = inserts.length ? await insertBills(trx, inserts, byAffiliate, period, today, now) : [];
    for (const c of created)
      changes.push({
        bill_id: c.id,
        action: 'issued',
        from_status: null,
        to_status: 'pending',
        issued_amount: c.total,
        reason: null,
      });
    await writeLines(trx, period, ids);
    if (changes.length) await insertChanges(trx, changes, options.actor, now);

    const run = await trx
      .insertInto('bill_runs')
      .values({
        period_start: period.start,
        period_end: period.end,
        trigger: options.trigger ?? 'on_demand',
        affiliates: ids.length,
        bills_issued: created.length,
        bills_regenerated: changes.filter((c) => c.action === 'regenerated').length,
        rolled_over: [...rolled.values()].reduce((a, b) => a + b, 0),
        waiting: settings.length - ready.length,
        ...actorColumns(options.actor),
        actor_name: options.actor.name.slice(0, 200),
        created_at: now,
      })
      .returning(['id', 'bills_issued', 'bills_regenerated', 'rolled_over', 'waiting'])
      .executeTakeFirstOrThrow();
    if (ids.length)
      await sql`insert into billing_periods (affiliate_id, period_start, period_end, frequency, run_id, bills, rolled_over)
        select v.affiliate_id, ${period.start}::date, ${period.end}::date, v.frequency, ${run.id}, v.bills, v.rolled
        from unnest(${ids}::int[], ${ready.map((s) => s.frequency)}::text[], ${ids.map((id) => billed.get(id) ?? 0)}::int[],
          ${ids.map((id) => rolled.get(id) ?? 0)}::int[]) as v(affiliate_id, frequency, bills, rolled)
        on conflict (affiliate_id, period_start, period_end) do update set run_id = excluded.run_id,
          bills = excluded.bills, rolled_over = excluded.rolled_over, updated_at = now()`.execute(trx);
    return {
      run_id: Number(run.id),
      period_start: period.start,
      period_end: period.end,
      affiliates: ids.length,
      bills_issued: run.bills_issued,
      bills_regenerated: run.bills_regenerated,
      bills_unchanged: unchanged,
      rolled_over: run.rolled_over,
      waiting: run.waiting,
    };
  });
}

async function insertBills(
  db: Db,
  groups: {
    affiliate_id: number;
    brand_id: number;
    plan_id: number | null;
    currency: string;
    total: bigint;
  }[],
  settings: Map<number, { terms: number; hidden: boolean }>,
  period: Period,
  today: string,
  now: Date,
) {
  const col = <T>(f: (g: (typeof groups)[number]) => T) => groups.map(f);
  const { rows } = await sql<{ id: bigint; total: string }>`
    insert into bills (affiliate_id, brand_id, plan_id, currency, period_start, period_end, issued_amount,
      amount_to_pay, issued_on, due_date, hidden, created_at, updated_at)
    select v.affiliate_id, v.brand_id, v.plan_id, v.currency, ${period.start}::date, ${period.end}::date, v.total,
      v.total, ${today}::date, v.due, v.hidden, ${now}, ${now}
    from unnest(${col((g) => g.affiliate_id)}::int[], ${col((g) => g.brand_id)}::int[], ${col((g) => g.plan_id)}::int[],
      ${col((g) => g.currency)}::text[], ${col((g) => g.total.toString())}::int8[],
      ${col((g) => addDays(today, settings.get(g.affiliate_id)!.terms))}::date[],
      ${col((g) => settings.get(g.affiliate_id)!.hidden)}::bool[]) as v(affiliate_id, brand_id, plan_id, currency, total, due, hidden)
    returning id, issued_amount as total`.execute(db);
  return rows.map((r) => ({ id: BigInt(r.id), total: BigInt(r.total) }));
}

async function insertChanges(db: Db, changes: Change[], actor: Actor, now: Date) {
  const col = <T>(f: (c: Change) => T) => changes.map(f);
  await sql`
    insert into bill_changes (bill_id, action, from_status, to_status, issued_amount, reason, actor_type, actor_id,
      actor_name, created_at)
    select v.bill_id, v.action, v.from_status, v.to_status, v.issued_amount, v.reason, ${actor.type}, ${actor.id}::int,
      ${actor.name.slice(0, 200)}, ${now}
    from unnest(${col((c) => c.bill_id.toString())}::int8[], ${col((c) => c.action)}::text[],
      ${col((c) => c.from_status)}::text[], ${col((c) => c.to_status)}::text[],
      ${col((c) => c.issued_amount.toString())}::int8[], ${col((c) => c.reason)}::text[])
      as v(bill_id, action, from_status, to_status, issued_amount, reason)`.execute(db);
}
