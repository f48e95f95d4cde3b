/**
 * npm run bench:reports — performance reports on PostgreSQL at two sizes. Seeds, in a database of
 * its own: one brand, 1,000 affiliates each with a campaign and a promo, then 90 days of traffic
 * written into the raw tables with generate_series (clicks, customers, events, activity lines),
 * in slices, so the rollup triggers build the rollups exactly as the click writer's and the event
 * batches' inserts do, then folds the pending sums as the reports.fold job does every minute (a
 * report never meets more than a minute of pending rows; left unfolded, the seeding's slices
 * would be read as if they were). Half the money is in USD, converted into EUR at a stored rate.
 *
 * Size 1: 1M clicks and 100k events; size 2: 10M clicks and 1M events (BENCH_SCALE=0.1 for a
 * tenth of both). At each size it times, BENCH_RUNS times each, a day-by-affiliate report over
 * the 90 days converted into EUR and a month-by-campaign report (page 1, totals included), then
 * streams a report of over 100,000 rows (day × affiliate × country) to CSV text, measuring the
 * resident memory growth.
 *
 *   npm run bench:reports                                # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:reports    # an existing empty database
 *
 * Prints, last: report_p50_ms=<n> report_p99_ms=<n> growth=<p50 at 10x / p50 at 1x> export_rss_mb=<n>,
 * each the slower of the two reports' figure (each report's own figures before it, on stderr).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { ReportQuery } from '../src/core/reports/engine/report-query.ts';
import { runReport } from '../src/core/reports/engine/run-report.ts';
import { streamReport } from '../src/core/reports/engine/stream-report.ts';
import { foldRollups } from '../src/core/reports/rollups/fold-rollups.ts';
import { type Db, openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase } from './platform.ts';

const SCALE = Number(process.env.BENCH_SCALE || 1);
const RUNS = Number(process.env.BENCH_RUNS || 20);
const AFFILIATES = 1000;
const DAYS = 90;
const log = (line: string) => process.stderr.write(`${line}\n`);

const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const start = new Date(today.getTime() - DAYS * 86_400_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);

async function seedCatalog(db: Db) {
  await sql`insert into brands (name, base_currency) values ('Bench brand', 'EUR')`.execute(db);
  await sql`insert into destination_links (brand_id, name, url) select id, 'Home', 'https://bench.example/' from brands`.execute(
    db,
  );
  await sql`insert into affiliates (name, status) select 'Bench affiliate ' || i, 'active'
    from generate_series(1, ${AFFILIATES}) i`.execute(db);
  await sql`insert into campaigns (affiliate_id, brand_id, name)
    select a.id, b.id, 'Campaign ' || a.id from affiliates a cross join brands b`.execute(db);
  await sql`insert into promos (code, campaign_id, affiliate_id, brand_id, title, destination_link_id)
    select 'bench' || c.id, c.id, c.affiliate_id, c.brand_id, 'Promo ' || c.id, l.id
    from campaigns c cross join destination_links l`.execute(db);
  await sql`insert into exchange_rates (base, quote, rate_date, rate) values ('USD', 'EUR', ${iso(start)}::date, 0.92)`.execute(
    db,
  );
}

/** Clicks `from`..`to` (exclusive) of the series, every `total` of them spread evenly over the 90 days. */
async function seedClicks(db: Db, from: number, to: number, total: number) {
  const slice = 500_000;
  for (let lo = from; lo < to; lo += slice) {
    const hi = Math.min(to, lo + slice);
    await sql`insert into clicks (id, clicked_at, promo_id, campaign_id, affiliate_id, brand_id,
        destination_link_id, country, device_type, is_unique, sub1)
      select lpad(to_hex(i), 26, '0'), ${start}::timestamptz + ((i % ${total})::float8 / ${total}) * interval '${sql.raw(String(DAYS))} days',
        p.id, p.campaign_id, p.affiliate_id, p.brand_id, p.destination_link_id,
        (array['DE','FR','GB','MT','SE'])[1 + (i * 7) % 5], (array['desktop','mobile','tablet'])[1 + (i * 11) % 3],
        i % 4 <> 0, 's' || (i % 20)
      from generate_series(${lo}::bigint, ${hi - 1}::bigint) i
      join promos p on p.id = (select min(id) from promos) + (i * 7919) % ${AFFILIATES}`.execute(db);
  }
}

/**
 * Events `from`..`to` of the series: per customer a registration, a first deposit, a deposit,
 * a withdrawal... (type by position), customers of 4 events each, EUR or USD by customer.
 */
async function seedEvents(db: Db, from: number, to: number, total: number) {
  const slice = 200_000;
  for (let lo = from; lo < to; lo += slice) {
    const hi = Math.min(to, lo + slice);
    const c0 = Math.floor(lo / 4);
    const c1 = Math.ceil(hi / 4);
    await sql`insert into customers (brand_id, external_id, affiliate_id, campaign_id, promo_id, attribution_method,
        country, first_event_at, registered_at, attributed_at, last_event_at, event_count)
      select p.brand_id, 'c' || k, p.affiliate_id, p.campaign_id, p.id, 'affiliate_id',
        (array['DE','FR','GB','MT','SE'])[1 + k % 5], t, t, t, t, 4
      from generate_series(${c0}::bigint, ${c1 - 1}::bigint) k
      join promos p on p.id = (select min(id) from promos) + (k * 104729) % ${AFFILIATES}
      cross join lateral (select ${start}::timestamptz + (((k * 4) % ${total})::float8 / ${total}) * interval '${sql.raw(String(DAYS))} days' as t) x
      on conflict do nothing`.execute(db);
    await sql`insert into events (brand_id, type, event_id, customer_id, occurred_at, amount, currency, is_ftd,
        affiliate_id, campaign_id, promo_id, attribution_method, attribution, body_hash, actor_type)
      select c.brand_id, ty.type, 'e' || i, c.id,
        ${start}::timestamptz + ((i % ${total})::float8 / ${total}) * interval '${sql.raw(String(DAYS))} days',
        case when ty.type in ('deposit', 'withdrawal') then 1000 + (i * 13) % 50000 end,
        case when ty.type <> 'registration' then case when (i / 4) % 2 = 0 then 'EUR' else 'USD' end end,
        i % 4 = 1, c.affiliate_id, c.campaign_id, c.promo_id, 'customer', '{}', 'bench', 'cli'
      from generate_series(${lo}::bigint, ${hi - 1}::bigint) i
      join customers c on c.external_id = 'c' || (i / 4)
      cross join lateral (select (array['registration','deposit','deposit','activity'])[1 + i % 4] as type) ty`.execute(
      db,
    );
    await sql`insert into activity_lines (event_id, product, currency, bets, bet_count, wins, bonuses)
      select e.id, 'casino', e.currency, 10000 + (e.id * 7919) % 190000, 10, 9000 + (e.id * 7907) % 170000, 100
      from events e where e.type = 'activity' and e.event_id = any(
        select 'e' || i from generate_series(${lo}::bigint, ${hi - 1}::bigint) i where i % 4 = 3)`.execute(
      db,
    );
  }
}

const QUERIES: [string, ReportQuery][] = [
  [
    'day_by_affiliate_eur',
    {
      from: iso(start),
      to: iso(today),
      group_by: ['day', 'affiliate'],
      currency: 'EUR',
      rate_date: iso(today),
      columns: [
        'clicks',
        'unique_clicks',
        'registrations',
        'ftd_count',
        'deposit_amount',
        'ngr',
        'total_commission',
      ],
    },
  ],
  [
    'month_by_campaign',
    {
      from: iso(start),
      to: iso(today),
      group_by: ['month', 'campaign'],
      columns: ['clicks', 'registrations', 'ftd_count', 'deposit_amount', 'ngr'],
    },
  ],
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Per query, its p50 and p99 over BENCH_RUNS runs. */
async function time(db: Db, size: string): Promise<{ p50: number; p99: number }[]> {
  const out: { p50: number; p99: number }[] = [];
  for (const [name, query] of QUERIES) {
    await runReport({ db, scope: {}, query }); // warm the cache once
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await runReport({ db, scope: {}, query });
      times.push(performance.now() - t0);
      if (i === 0) log(`${size} ${name}: ${r.total_rows} rows`);
    }
    times.sort((a, b) => a - b);
    out.push({ p50: pct(times, 50), p99: pct(times, 99) });
    log(`${size} ${name}: p50_ms=${pct(times, 50).toFixed(1)} p99_ms=${pct(times, 99).toFixed(1)}`);
  }
  return out;
}

async function exportRss(db: Db): Promise<number> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const stream = await streamReport({
    db,
    scope: {},
    query: {
      from: iso(start),
      to: iso(today),
      group_by: ['day', 'affiliate', 'country'],
      columns: ['clicks', 'registrations'],
    },
  });
  let rows = 0;
  let bytes = 0;
  for await (const row of stream.rows) {
    bytes += `${stream.columns.map((c) => String(row[c.key] ?? '')).join(',')}\n`.length;
    if (++rows % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  log(`export: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB of CSV`);
  return (peak - before) / 1e6;
}

async function main(): Promise<void> {
  const own = await benchDatabase();
  const database = await openDatabase({ databaseUrl: own.url, poolMax: 4 });
  const { db } = database;
  try {
    await migrate(db);
    await seedCatalog(db);
    const clicks1 = Math.round(1_000_000 * SCALE);
    const events1 = Math.round(100_000 * SCALE);
    let t0 = performance.now();
    await seedClicks(db, 0, clicks1, clicks1);
    await seedEvents(db, 0, events1, events1);
    await foldRollups({ db });
    await sql`analyze`.execute(db);
    log(
      `size 1: ${clicks1} clicks, ${events1} events seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const small = await time(db, 'size 1');

    // Ten times as much over the same 90 days: the second series lands beside the first.
    t0 = performance.now();
    await seedClicks(db, clicks1, clicks1 * 10, clicks1);
    await seedEvents(db, events1, events1 * 10, events1);
    await foldRollups({ db });
    await sql`analyze`.execute(db);
    log(
      `size 2: ${clicks1 * 10} clicks, ${events1 * 10} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const { rows: sizes } = await sql<{ t: string; n: string }>`
      select 'report_click_days' as t, count(*)::text as n from report_click_days
      union all select 'report_click_hours', count(*)::text from report_click_hours
      union all select 'report_event_days', count(*)::text from report_event_days`.execute(db);
    log(`rollup rows: ${sizes.map((s) => `${s.t}=${s.n}`).join(' ')}`);
    const large = await time(db, 'size 2');
    const rss = await exportRss(db);
    // The slower report's figures: each report has to meet the target, not their mix.
    const p50 = Math.max(...large.map((q) => q.p50));
    const p99 = Math.max(...large.map((q) => q.p99));
    const growth = Math.max(...large.map((q, i) => q.p50 / small[i]!.p50));
    process.stdout.write(
      `report_p50_ms=${p50.toFixed(1)} report_p99_ms=${p99.toFixed(1)} growth=${growth.toFixed(2)} export_rss_mb=${rss.toFixed(1)}\n`,
    );
  } finally {
    await database.close();
    await own.drop();
  }
}

await main();
