/**
 * npm run bench:analytics — the ClickHouse analytics store at scale. On the embedded chdb engine
 * (a data directory under /tmp, removed at the end) or on ANALYTICS_URL (a database of its own
 * there, dropped at the end), ClickHouse itself generates 100M clicks and 5M events (with a CPL
 * commission per registration) over 180 days for 1,000 affiliates: INSERT … SELECT from
 * numbers() in chunks of 10M rows into the raw tables (clicks, events, event_facts,
 * commission_facts), so the materialized views fill the rollups as the copy's inserts do. The
 * catalog (brand, affiliates, campaigns, promos, an exchange rate) is in a PostgreSQL database of
 * its own (bench/platform.ts benchDatabase), which the report engine reads for names and rates.
 *
 * Then, BENCH_RUNS (20) times each, p50:
 * - a day × affiliate report over the last 90 days converted into EUR (half the money is in
 *   USD), through the real report engine with the ClickHouse source (runReport);
 * - a sub-id breakdown (sub1) of one affiliate over the 90 days: through the engine when the
 *   ClickHouse source answers it, else a parameter-bound query on the raw clicks table through
 *   the AnalyticsStore (said on stderr);
 * and copy_rows_per_s: `analytics backfill`'s core (backfillAnalytics) copying 1M clicks seeded
 * in PostgreSQL with generate_series (written with the copy off, as history) into ClickHouse.
 *
 * BENCH_SCALE=0.01 for a hundredth of the generated rows (the copy: at least 50,000 rows).
 * Prints, last: analytics_report_p50_ms=<n> subid_p50_ms=<n> copy_rows_per_s=<n>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient } from '@clickhouse/client';
import { sql } from 'kysely';
import { type AnalyticsConfig, loadConfig } from '../src/config.ts';
import { type AnalyticsStore, openAnalyticsStore } from '../src/core/analytics/analytics-store.ts';
import { backfillAnalytics } from '../src/core/analytics/copy/backfill-analytics.ts';
import { applyAnalyticsSchema } from '../src/core/analytics/schema/apply-analytics-schema.ts';
import { clickhouseSource } from '../src/core/reports/engine/clickhouse-source.ts';
import type { ReportQuery } from '../src/core/reports/engine/report-query.ts';
import { runReport } from '../src/core/reports/engine/run-report.ts';
import { type Db, openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase } from './platform.ts';

const SCALE = Number(process.env.BENCH_SCALE || 1);
const RUNS = Number(process.env.BENCH_RUNS || 20);
const CLICKS = Math.round(100_000_000 * SCALE);
const EVENTS = Math.round(5_000_000 * SCALE);
const COPY_ROWS = Math.max(50_000, Math.round(1_000_000 * Math.min(1, SCALE)));
const CHUNK = 10_000_000;
const AFFILIATES = 1000;
const DAYS = 180;
const DAY = 86_400_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const start = new Date(today.getTime() - DAYS * DAY);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
// Generation runs as long as it takes; the store's default is a 30 s limit per statement.
const LONG = { settings: { max_execution_time: 0 } };

interface Catalog {
  brand: number;
  affiliate0: number;
  campaign0: number;
  promo0: number;
  link: number;
}

/** A ClickHouse store of the bench's own: chdb in a /tmp directory, or a new database on ANALYTICS_URL. */
async function openStore(): Promise<{ store: AnalyticsStore; drop(): Promise<void> }> {
  const name = `affluent_bench_${process.pid}_${Date.now()}`;
  if (process.env.ANALYTICS_URL) {
    const base = loadConfig(process.env).analytics as AnalyticsConfig;
    const admin = createClient({ url: base.url, username: base.username, password: base.password });
    await admin.command({ query: `CREATE DATABASE ${name}` });
    const store = openAnalyticsStore({ ...base, database: name });
    return {
      store,
      async drop() {
        await store.close();
        await admin.command({ query: `DROP DATABASE IF EXISTS ${name}` });
        await admin.close();
      },
    };
  }
  const { createChdbConnection } = await import('chdb/connection');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-bench-analytics-'));
  const config = loadConfig({ ANALYTICS_URL: 'http://chdb.invalid:8123/default' })
    .analytics as AnalyticsConfig;
  const store = openAnalyticsStore(config, createChdbConnection({ path: dir }) as never);
  log(`chdb data directory ${dir}`);
  return {
    store,
    async drop() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seedCatalog(db: Db): Promise<Catalog> {
  await sql`insert into brands (name, base_currency) values ('Bench brand', 'EUR')`.execute(db);
  await sql`insert into destination_links (brand_id, name, url) select id, 'Home', 'https://bench.example/' from brands`.execute(
    db,
  );
  await sql`insert into affiliates (name, status) select 'Bench affiliate ' || i, 'active'
    from generate_series(1, ${AFFILIATES}) i`.execute(db);
  await sql`insert into campaigns (affiliate_id, brand_id, name)
    select a.id, b.id, 'Campaign ' || a.id from affiliates a cross join brands b order by a.id`.execute(db);
  await sql`insert into promos (code, campaign_id, affiliate_id, brand_id, title, destination_link_id)
    select 'bench' || c.id, c.id, c.affiliate_id, c.brand_id, 'Promo ' || c.id, l.id
    from campaigns c cross join destination_links l order by c.id`.execute(db);
  await sql`insert into exchange_rates (base, quote, rate_date, rate) values ('USD', 'EUR', ${iso(start)}::date, 0.92)`.execute(
    db,
  );
  const { rows } = await sql<Catalog>`select (select min(id) from brands) as brand,
    (select min(id) from affiliates) as affiliate0, (select min(id) from campaigns) as campaign0,
    (select min(id) from promos) as promo0, (select min(id) from destination_links) as link`.execute(db);
  const c = rows[0] as Catalog;
  // The generated rows name affiliate0 + k, campaign0 + k and promo0 + k together.
  const { rows: check } = await sql<{ n: string }>`select count(*) as n from promos
    where id - ${c.promo0} = affiliate_id - ${c.affiliate0} and id - ${c.promo0} = campaign_id - ${c.campaign0}`.execute(
    db,
  );
  if (Number(check[0]?.n) !== AFFILIATES) throw new Error('the catalog ids are not contiguous');
  return c;
}

/** Rows `lo`..`hi` of `total`, spread evenly over the 180 days; k is the row's affiliate (0..999). */
const spread = `addMilliseconds(toDateTime64({start:String}, 3, 'UTC'), intDiv(number * {span:UInt64}, {total:UInt64}))`;
const K = `(cityHash64(number) % ${AFFILIATES})`;

async function generate(store: AnalyticsStore, c: Catalog) {
  const ids = { brand: c.brand, a0: c.affiliate0, c0: c.campaign0, p0: c.promo0, link: c.link };
  const common = { ...ids, start: chTime(start), span: String(DAYS * DAY) };
  for (let lo = 0; lo < CLICKS; lo += CHUNK) {
    const n = Math.min(CHUNK, CLICKS - lo);
    const t0 = performance.now();
    await store.command(
      `INSERT INTO clicks (id, clicked_at, affiliate_id, brand_id, campaign_id, promo_id, landing_id, variant,
         sub1, sub2, sub3, sub4, sub5, country, device, is_bot, is_unique, version)
       SELECT concat('G', leftPad(hex(number), 25, '0')), ${spread}, {a0:UInt32} + ${K}, {brand:UInt32},
         {c0:UInt32} + ${K}, {p0:UInt32} + ${K}, {link:UInt32}, 'a',
         concat('s', toString(cityHash64(number, 1) % 50)), '', '', '', '',
         ['DE','FR','GB','MT','SE'][1 + number % 5], ['desktop','mobile','tablet'][1 + number % 3],
         false, number % 4 != 0, 1
       FROM numbers({lo:UInt64}, {n:UInt64})`,
      { ...common, total: String(CLICKS), lo: String(lo), n: String(n) },
      LONG,
    );
    log(`clicks ${lo + n}/${CLICKS} (${((performance.now() - t0) / 1000).toFixed(1)} s for ${n})`);
  }
  // Per 10 events: 2 registrations, 5 deposits (every 4th a first deposit), a withdrawal, an
  // activity and a qualification; money in EUR or USD by the tens.
  const type = `['registration','registration','deposit','deposit','deposit','deposit','deposit','withdrawal','activity','qualification'][1 + number % 10]`;
  const currency = `if(number % 10 IN (0, 1, 9), '', if(intDiv(number, 10) % 2 = 0, 'EUR', 'USD'))`;
  const amount = `if(number % 10 BETWEEN 2 AND 7, 1000 + (number * 13) % 50000, 0)`;
  const activity = (seed: number, lo: number, range: number) =>
    `if(number % 10 = 8, ${lo} + (number * ${seed}) % ${range}, 0)`;
  for (let lo = 0; lo < EVENTS; lo += CHUNK) {
    const n = Math.min(CHUNK, EVENTS - lo);
    const p = { ...common, total: String(EVENTS), lo: String(lo), n: String(n) };
    const t0 = performance.now();
    await store.command(
      `INSERT INTO event_facts (event_id, occurred_at, brand_id, affiliate_id, campaign_id, promo_id, type,
         currency, country, amount, is_ftd, bets, wins, bonuses, sign)
       SELECT number + 1, ${spread}, {brand:UInt32}, {a0:UInt32} + ${K}, {c0:UInt32} + ${K}, {p0:UInt32} + ${K},
         ${type}, ${currency}, ['DE','FR','GB','MT','SE'][1 + number % 5], ${amount},
         number % 10 = 2 AND intDiv(number, 10) % 4 = 0,
         ${activity(7919, 10000, 190000)}, ${activity(7907, 9000, 170000)}, ${activity(1, 100, 1)}, 1
       FROM numbers({lo:UInt64}, {n:UInt64})`,
      p,
      LONG,
    );
    await store.command(
      `INSERT INTO events (id, occurred_at, brand_id, affiliate_id, campaign_id, promo_id, customer_id, type,
         currency, country, amount, is_ftd, bets, wins, bonuses, click_id, version)
       SELECT number + 1, ${spread}, {brand:UInt32}, {a0:UInt32} + ${K}, {c0:UInt32} + ${K}, {p0:UInt32} + ${K},
         intDiv(number, 10) + 1, ${type}, ${currency}, ['DE','FR','GB','MT','SE'][1 + number % 5], ${amount},
         number % 10 = 2 AND intDiv(number, 10) % 4 = 0,
         ${activity(7919, 10000, 190000)}, ${activity(7907, 9000, 170000)}, ${activity(1, 100, 1)}, '', 1
       FROM numbers({lo:UInt64}, {n:UInt64})`,
      p,
      LONG,
    );
    // A CPL of 5.00 EUR per registration, approved.
    await store.command(
      `INSERT INTO commission_facts (commission_id, change_id, earned_at, affiliate_id, brand_id, campaign_id,
         promo_id, plan_id, kind, status, currency, amount, sign)
       SELECT number + 1, 0, ${spread}, {a0:UInt32} + ${K}, {brand:UInt32}, {c0:UInt32} + ${K}, {p0:UInt32} + ${K},
         0, 'cpl', 'approved', 'EUR', 500, 1
       FROM numbers({lo:UInt64}, {n:UInt64}) WHERE number % 10 IN (0, 1)`,
      p,
      LONG,
    );
    log(`events ${lo + n}/${EVENTS} (${((performance.now() - t0) / 1000).toFixed(1)} s for ${n})`);
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function p50(name: string, run: () => Promise<string>): Promise<number> {
  log(`${name}: ${await run()} (warm-up)`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  log(`${name}: p50_ms=${pct(times, 50).toFixed(1)} p99_ms=${pct(times, 99).toFixed(1)} over ${RUNS} runs`);
  return pct(times, 50);
}

async function seedCopyHistory(db: Db, c: Catalog) {
  // Written with the copy off (analytics_state.enabled is false): history the outbox never
  // carried, over the last 30 days.
  const slice = 250_000;
  const from = new Date(today.getTime() - 30 * DAY);
  for (let lo = 0; lo < COPY_ROWS; lo += slice) {
    const hi = Math.min(COPY_ROWS, lo + slice);
    await sql`insert into clicks (id, clicked_at, promo_id, campaign_id, affiliate_id, brand_id,
        destination_link_id, country, device_type, is_unique, sub1)
      select 'P' || lpad(to_hex(i), 25, '0'),
        ${from}::timestamptz + (i::float8 / ${COPY_ROWS}) * interval '30 days',
        p.id, p.campaign_id, p.affiliate_id, p.brand_id, p.destination_link_id,
        (array['DE','FR','GB','MT','SE'])[1 + (i * 7) % 5], (array['desktop','mobile','tablet'])[1 + (i * 11) % 3],
        i % 4 <> 0, 's' || (i % 50)
      from generate_series(${lo}::bigint, ${hi - 1}::bigint) i
      join promos p on p.id = ${c.promo0} + (i * 7919) % ${AFFILIATES}`.execute(db);
  }
  await sql`analyze clicks`.execute(db);
}

async function main(): Promise<void> {
  const own = await benchDatabase();
  const database = await openDatabase({ databaseUrl: own.url, poolMax: 4 });
  const { db } = database;
  const ch = await openStore();
  const { store } = ch;
  try {
    await migrate(db);
    const catalog = await seedCatalog(db);
    await applyAnalyticsSchema({ store });
    const g0 = performance.now();
    await generate(store, catalog);
    log(
      `generated ${CLICKS} clicks and ${EVENTS} events in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );

    const from = iso(new Date(today.getTime() - 90 * DAY));
    const source = clickhouseSource(store);
    const report: ReportQuery = {
      from,
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
    };
    const reportP50 = await p50('day_by_affiliate_eur', async () => {
      const r = await runReport({ db, scope: {}, query: report, source });
      if (r.source !== 'clickhouse') throw new Error(`answered by ${r.source}`);
      return `${r.total_rows} rows`;
    });

    const affiliate = catalog.affiliate0 + 7;
    const bySubId: ReportQuery = {
      from,
      to: iso(today),
      group_by: ['sub1'],
      filters: { affiliate: [affiliate] },
      columns: ['clicks', 'unique_clicks'],
    };
    let subIdRun: () => Promise<string> = async () => {
      const r = await runReport({ db, scope: {}, query: bySubId, source });
      if (r.source !== 'clickhouse') throw new Error(`answered by ${r.source}`);
      return `${r.total_rows} sub-ids through the report engine`;
    };
    try {
      await subIdRun();
      log('sub-id breakdown: the report engine with the ClickHouse source');
    } catch (error) {
      log(
        `sub-id breakdown: the ClickHouse source does not answer it (${(error as Error).message}); timing a bound query on raw clicks instead`,
      );
      subIdRun = async () => {
        const rows = await store.query<{ sub1: string; clicks: string }>(
          `SELECT sub1, count() AS clicks, countIf(is_unique) AS unique_clicks FROM clicks
           WHERE affiliate_id = {a:UInt32} AND clicked_at >= toDateTime64({from:String}, 3, 'UTC')
             AND clicked_at < toDateTime64({to:String}, 3, 'UTC')
           GROUP BY sub1 ORDER BY clicks DESC, sub1`,
          { a: affiliate, from: `${from} 00:00:00`, to: `${iso(today)} 00:00:00` },
        );
        return `${rows.length} sub-ids by a direct query`;
      };
    }
    const subIdP50 = await p50('sub1_one_affiliate', subIdRun);

    await seedCopyHistory(db, catalog);
    const c0 = performance.now();
    let shown = 0;
    const copied = await backfillAnalytics({
      db,
      store,
      onPage: (p) => {
        if (p.seconds - shown < 2) return;
        shown = p.seconds;
        log(`backfill ${p.source}: ${p.read} read, ${p.copied} copied`);
      },
    });
    const seconds = (performance.now() - c0) / 1000;
    const rowsPerS = Math.round(copied.read / seconds);
    log(`backfill: ${copied.copied} of ${copied.read} rows copied in ${seconds.toFixed(1)} s`);
    const [held] = await store.query<{ n: string }>(
      `SELECT count() AS n FROM clicks WHERE startsWith(id, 'P')`,
    );
    if (Number(held?.n) !== COPY_ROWS)
      throw new Error(`ClickHouse holds ${held?.n} of ${COPY_ROWS} copied clicks`);
    log(
      `load: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    process.stdout.write(
      `analytics_report_p50_ms=${Math.round(reportP50)} subid_p50_ms=${Math.round(subIdP50)} copy_rows_per_s=${rowsPerS}\n`,
    );
  } finally {
    await database.close();
    await own.drop();
    await ch.drop();
  }
}

await main();
