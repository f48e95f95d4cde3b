/**
 * npm run bench:billing — the monthly bill run for 10,000 affiliates on PostgreSQL. Seeds, in a
 * database of its own: one brand with a CPA plan, 10,000 affiliates billed monthly on the 1st
 * (automatic invoices, no threshold), each with 30 approved commissions earned over last month
 * (300,000 commissions, written in bulk), then runs the scheduled bill run (`runScheduledBills`,
 * what the daily bills.run job does: each affiliate's due period, one run per period), and the
 * same period on demand again (regeneration: nothing changes).
 *
 *   npm run bench:billing                               # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:billing   # an existing empty database
 *   BENCH_AFFILIATES=2000                               # fewer affiliates (default 10,000)
 *
 * Prints, last: bill_run_s=<n> bills=<n> rerun_s=<n> lines=<n> cpu_s=<n> (before it, the run's
 * CPU time in this process and the machine's load average).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { CLI } from '../src/core/actor.ts';
import { runBills } from '../src/core/billing/run-bills.ts';
import { runScheduledBills } from '../src/core/billing/run-scheduled-bills.ts';
import { createBrand } from '../src/core/catalog/brands/create-brand.ts';
import { openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase } from './platform.ts';

const AFFILIATES = Number(process.env.BENCH_AFFILIATES || 10_000);
const PER_AFFILIATE = 30;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const own = await benchDatabase();
  const database = await openDatabase({ databaseUrl: own.url, poolMax: 4 });
  const { db } = database;
  try {
    await migrate(db);
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const days = last.getUTCDate();
    const seeded = performance.now();

    const brand = await createBrand({
      db,
      actor: CLI,
      input: { name: `Bench ${Date.now()}`, base_currency: 'EUR' },
    });
    const plan = await db
      .insertInto('commission_plans')
      .values({ brand_id: brand.id, currency: 'EUR', name: 'Bench CPA' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`insert into affiliates (name, status)
      select 'Bench affiliate ' || i, 'active' from generate_series(1, ${AFFILIATES}) i`.execute(db);
    await sql`insert into affiliate_billing (affiliate_id, frequency, day_of_month, auto_invoice, auto_invoice_start_date,
        payment_terms_days)
      select id, 'monthly', 1, true, ${day(first)}::date, 14 from affiliates
      on conflict (affiliate_id) do update set frequency = 'monthly', day_of_month = 1, auto_invoice = true,
        auto_invoice_start_date = excluded.auto_invoice_start_date, payment_terms_days = 14`.execute(db);
    // A month of approved commissions: 30 per affiliate, 10.00 to 59.99 EUR, spread over the month.
    await sql`insert into commissions (brand_id, affiliate_id, currency, amount, kind, status, initial_status, plan_id,
        earned_at, source_key, trace, explanation, actor_type)
      select ${brand.id}, a.id, 'EUR', 1000 + (a.id * 31 + k * 17) % 5000, 'cpa', 'approved', 'approved', ${plan.id},
        ${first}::timestamptz + ((a.id + k) % ${days}) * interval '1 day' + interval '12 hours',
        'bench:' || a.id || ':' || k, '{}', 'bench', 'cli'
      from affiliates a cross join generate_series(1, ${PER_AFFILIATE}) k`.execute(db);
    await sql`analyze`.execute(db);
    log(
      `seeded ${AFFILIATES} affiliates, ${AFFILIATES * PER_AFFILIATE} commissions in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );

    const started = performance.now();
    const cpu = process.cpuUsage();
    const runs = await runScheduledBills({ db, actor: CLI, now });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    // On a shared machine the wall time says little alone: the benchmark's own CPU beside it.
    log(
      `bill run: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU in this process; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    log(`runs: ${JSON.stringify(runs)}`);
    const period = { start: runs[0]?.period_start ?? day(first), end: runs[0]?.period_end ?? day(last) };
    const again = performance.now();
    const rerun = await runBills({ db, actor: CLI, period, now });
    const rerunSeconds = (performance.now() - again) / 1000;
    if (rerun.bills_issued || rerun.bills_regenerated)
      throw new Error(`not idempotent: ${JSON.stringify(rerun)}`);
    const counts = await sql<{ bills: string; lines: string; unbilled: string }>`
      select (select count(*) from bills)::text as bills, (select count(*) from bill_lines)::text as lines,
        (select count(*) from commissions c where not exists (select 1 from bill_lines l where l.commission_id = c.id))::text
          as unbilled`.execute(db);
    const c = counts.rows[0]!;
    if (Number(c.unbilled) !== 0) throw new Error(`${c.unbilled} commissions were not billed`);
    console.log(
      `bill_run_s=${seconds.toFixed(2)} bills=${c.bills} rerun_s=${rerunSeconds.toFixed(2)} lines=${c.lines} cpu_s=${cpuSeconds.toFixed(2)}`,
    );
  } finally {
    await database.close();
    await own.drop();
  }
}

await main();
