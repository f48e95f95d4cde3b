/**
 * npm run bench:revshare — a month's RevShare finalization for 10,000 affiliates on PostgreSQL.
 * Seeds, in a database of its own: one brand whose default plan is RevShare on NGR (three
 * deductions, an admin fee, a tiered band by NGR, carry-over with a cap) with sub-affiliate cuts
 * on two levels; 10,000 affiliates (one in ten refers the next nine, one in a hundred refers the
 * next referrers, so both cut levels are paid); 3 customers each with last month's activity: 4
 * activity days, 2 deposits and a withdrawal (210,000 events, 120,000 activity lines), written
 * in bulk so the events' triggers mark their days as the ingest does. Then finalizes last month
 * (which first works out every marked day's accrual), and again (nothing changed: idempotent).
 *
 *   npm run bench:revshare                          # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:revshare   # an existing empty database
 *   BENCH_AFFILIATES=2000                           # fewer affiliates (default 10,000)
 *
 * Prints, last: revshare_finalize_s=<n> refinalize_s=<n> accruals=<n> streams=<n> commissions=<n>
 * (before it, the finalization's CPU time in this process and the machine's load average).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { CLI } from '../src/core/actor.ts';
import { createBrand } from '../src/core/catalog/brands/create-brand.ts';
import { finalizeRevshare } from '../src/core/commissions/revshare/finalize-revshare.ts';
import { openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase } from './platform.ts';

const AFFILIATES = Number(process.env.BENCH_AFFILIATES || 10_000);
const PER_AFFILIATE = 3;
const log = (line: string) => process.stderr.write(`${line}\n`);

const DEFINITION = {
  revshare: {
    basis: 'ngr',
    rate: '25',
    deductions: ['bonuses', 'taxes', 'chargebacks', { admin_fee_percent: '10' }],
    tiers: {
      mode: 'tiered',
      by: 'ngr',
      bands: [
        { from: 0, rate: '25' },
        { from: 500_000, rate: '35' },
      ],
    },
    carry_over: true,
    carry_over_cap: 1_000_000,
  },
  sub_affiliate: {
    levels: [
      { revshare_cut_percent: '10', net_pl_cut_percent: '2' },
      { revshare_cut_percent: '5', net_pl_cut_percent: '1' },
    ],
  },
};

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
    const period = { start: day(first), end: day(last) };
    const days = last.getUTCDate();
    const seeded = performance.now();

    const brand = await createBrand({
      db,
      actor: CLI,
      input: { name: `Bench ${Date.now()}`, base_currency: 'EUR' },
    });
    const since = new Date(first.getTime() - 60 * 86_400_000);
    const plan = await db
      .insertInto('commission_plans')
      .values({ brand_id: brand.id, currency: 'EUR', name: 'Bench RevShare' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('commission_plan_versions')
      .values({
        plan_id: plan.id,
        version: 1,
        effective_from: since,
        definition: JSON.stringify(DEFINITION),
        deal_type_id: 4,
        actor_type: 'cli',
      })
      .execute();
    await db
      .insertInto('commission_plan_assignments')
      .values({
        brand_id: brand.id,
        target: 'brand',
        plan_id: plan.id,
        effective_from: since,
        actor_type: 'cli',
      })
      .execute();

    // Affiliates: i % 10 = 1 refers the next nine; i % 100 = 1 also refers the next nine referrers.
    await sql`insert into affiliates (name, status)
      select 'Bench affiliate ' || i, 'active' from generate_series(1, ${AFFILIATES}) i`.execute(db);
    await sql`with a as (select id, row_number() over (order by id) as n from affiliates)
      update affiliates f set referrer_id = r.id
      from a, a r
      where f.id = a.id and a.n % 10 <> 1 and r.n = a.n - ((a.n - 1) % 10)`.execute(db);
    await sql`with a as (select id, row_number() over (order by id) as n from affiliates)
      update affiliates f set referrer_id = r.id
      from a, a r
      where f.id = a.id and a.n % 10 = 1 and a.n % 100 <> 1 and r.n = a.n - ((a.n - 1) % 100)`.execute(db);

    await sql`insert into customers (brand_id, external_id, affiliate_id, attribution_method, country,
        first_event_at, registered_at, attributed_at, last_event_at, event_count)
      select ${brand.id}, 'c' || a.id || '-' || k, a.id, 'affiliate_id', 'DE', ${since}::timestamptz,
        ${since}::timestamptz, ${since}::timestamptz, ${since}::timestamptz, 7
      from affiliates a cross join generate_series(1, ${PER_AFFILIATE}) k`.execute(db);

    // Per customer: activity on 4 days, 2 deposits, 1 withdrawal, all in the period.
    const events = (type: string, n: number, amount: string) => sql`
      insert into events (brand_id, type, event_id, customer_id, occurred_at, amount, currency, period_start,
        period_end, affiliate_id, attribution_method, attribution, body_hash, actor_type)
      select ${brand.id}, ${type}, ${type} || c.id || '-' || k, c.id,
        ${first}::timestamptz + ((c.id * 7 + k * 5) % ${days}) * interval '1 day' + interval '12 hours',
        ${sql.raw(amount)}, 'EUR',
        ${type === 'activity' ? sql`(${first}::timestamptz + ((c.id * 7 + k * 5) % ${days}) * interval '1 day')::date` : sql`null`},
        ${type === 'activity' ? sql`(${first}::timestamptz + ((c.id * 7 + k * 5) % ${days}) * interval '1 day')::date` : sql`null`},
        c.affiliate_id, 'customer', '{}', 'bench', 'cli'
      from customers c cross join generate_series(1, ${n}) k where c.brand_id = ${brand.id}`;
    await events('deposit', 2, '1000 + (c.id * 13 + k) % 50000').execute(db);
    await events('withdrawal', 1, '500 + (c.id * 17) % 30000').execute(db);
    await events('activity', 4, 'null').execute(db);
    // Bets up to 2,000.00, wins around 90% of them (some customers win: negative NGR).
    await sql`insert into activity_lines (event_id, product, currency, bets, bet_count, wins, bonuses, taxes, chargebacks)
      select e.id, 'all', 'EUR', b.bets, 1 + e.id % 40, b.bets * (60 + e.id % 45) / 100, e.id % 2000, e.id % 500, 0
      from events e cross join lateral (select 10000 + (e.id * 7919) % 190000 as bets) b
      where e.type = 'activity' and e.brand_id = ${brand.id}`.execute(db);
    await sql`analyze`.execute(db);
    log(
      `seeded ${AFFILIATES} affiliates, ${AFFILIATES * PER_AFFILIATE} customers, ${AFFILIATES * PER_AFFILIATE * 7} events in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );

    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await finalizeRevshare({ db, actor: CLI, period });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    // On a shared machine the wall time says little alone: the benchmark's own CPU beside it.
    log(
      `finalization: ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU in this process; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    log(`finalized ${period.start} to ${period.end}: ${JSON.stringify(result)}`);
    const again = performance.now();
    const second = await finalizeRevshare({ db, actor: CLI, period });
    const refinalize = (performance.now() - again) / 1000;
    if (second.written || second.adjustments) throw new Error(`not idempotent: ${JSON.stringify(second)}`);
    const count = await sql<{ n: string }>`select count(*)::text as n from commissions`.execute(db);
    console.log(
      `revshare_finalize_s=${seconds.toFixed(2)} refinalize_s=${refinalize.toFixed(2)} accruals=${result.accruals_refreshed} ` +
        `streams=${result.streams} commissions=${count.rows[0]?.n}`,
    );
  } finally {
    await database.close();
    await own.drop();
  }
}

await main();
