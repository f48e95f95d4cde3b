import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { type Actor, SYSTEM } from '../actor.ts';
import type { BillingFrequency, DayOfWeek } from '../affiliates/billing-rules.ts';
import { duePeriod, type Period } from './billing-periods.ts';
import { type BillRunResult, runBills } from './run-bills.ts';

interface Row {
  affiliate_id: number;
  frequency: BillingFrequency;
  day_of_week: DayOfWeek | null;
  day_of_month: number | null;
  day_of_month_one: number | null;
  day_of_month_two: number | null;
  starting_month: number | null;
  delay: number;
  start_date: string;
}

/**
 * The scheduled bill run: for every affiliate with automatic invoices, the period of its own
 * schedule whose generation delay has passed by `now`, unless a run has already billed it (its
 * `billing_periods` row), grouped by period so each period is one run. Manual schedules are
 * billed on demand only. A run that was killed left nothing, so the next one does it all again.
 */
export async function runScheduledBills(options: {
  db: Db;
  actor?: Actor;
  now?: Date;
}): Promise<BillRunResult[]> {
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const { rows } = await sql<Row>`
    select affiliate_id, frequency, day_of_week, day_of_month, day_of_month_one, day_of_month_two, starting_month,
      invoice_generation_delay_days as delay, auto_invoice_start_date as start_date
    from affiliate_billing
    where auto_invoice and frequency not in ('manual', 'other') and auto_invoice_start_date <= ${today}::date
    order by affiliate_id`.execute(options.db);
  const byPeriod = new Map<string, { period: Period; ids: number[] }>();
  for (const r of rows) {
    const period = duePeriod(r, today, r.delay);
    if (!period || period.end < r.start_date) continue;
    const key = `${period.start}:${period.end}`;
    const entry = byPeriod.get(key) ?? { period, ids: [] };
    entry.ids.push(r.affiliate_id);
    byPeriod.set(key, entry);
  }
  const results: BillRunResult[] = [];
  for (const { period, ids } of byPeriod.values()) {
    const { rows: done } = await sql<{ affiliate_id: number }>`
      select affiliate_id from billing_periods where period_start = ${period.start} and period_end = ${period.end}
        and affiliate_id = any(${ids}::int[])`.execute(options.db);
    const billed = new Set(done.map((d) => d.affiliate_id));
    const todo = ids.filter((id) => !billed.has(id));
    if (!todo.length) continue;
    results.push(
      await runBills({
        db: options.db,
        actor: options.actor ?? SYSTEM,
        period,
        affiliateIds: todo,
        trigger: 'scheduled',
        now,
      }),
    );
  }
  return results;
}
