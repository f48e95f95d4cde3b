/**
 * Times the affiliates search (a combined filter + text search page with its total count) over
 * 100,000 affiliates on PostgreSQL, through the same core function the API calls.
 *
 *   npm run bench:affiliates                 # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:affiliates   # an existing (empty) database
 *   npm run bench:affiliates -- --explain    # also print EXPLAIN ANALYZE of the queries
 *
 * Ends with: affiliates_search_median_ms=<n> p99_ms=<n>
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { type AffiliateSearch, searchAffiliates } from '../src/core/affiliates/search-affiliates.ts';
import { type Database, openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';

const COUNT = Number(process.env.BENCH_AFFILIATES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function seed(database: Database): Promise<void> {
  const { db } = database;
  await sql`insert into staff_users (email, name, password_hash)
    select 'manager' || i || '@bench.test', 'Manager ' || i, 'x' from generate_series(1, 20) i`.execute(db);
  await sql`insert into affiliate_tiers (name) select 'Tier ' || i from generate_series(1, 5) i`.execute(db);
  await sql`insert into affiliate_labels (name) values ('VIP'), ('Direct'), ('Media buyer'), ('Casino'), ('Sports'), ('Review site')`.execute(
    db,
  );
  // Names from word lists so the text search has realistic selectivity; everything derives from i.
  await sql`insert into affiliates (name, company_name, email, status, account_manager_id, account_executive_id,
      tier_id, labels, country_code, region_code, default_currency, created_at, applied_at, approved_at, updated_at)
    select
      (array['Blue','Red','Green','Alpha','Nova','Prime','Apex','Zen','Bright','Rapid','Lucky','Golden','Silver','Urban','Pixel','Quantum'])[1 + (i * 7) % 16]
        || ' ' || (array['Media','Agency','Digital','Traffic','Partners','Ads','Leads','Network','Affiliates','Marketing','Reviews','Bets','Casino','Deals'])[1 + (i * 13) % 14]
        || ' ' || i,
      case when i % 3 = 0 then null else
        (array['Acme','Globex','Initech','Umbrella','Hooli','Vandelay','Stark','Wayne','Wonka','Tyrell'])[1 + (i * 11) % 10] || ' ' ||
        (array['Ltd','Inc.','GmbH','BV','LLC','SA'])[1 + i % 6] end,
      'contact' || i || '@' || (array['gmail.com','outlook.com','example.org','mail.test','yahoo.com'])[1 + i % 5],
      (array['active','active','active','active','pending','inactive','suspended','declined','view_only','active'])[1 + i % 10],
      case when i % 17 = 0 then null else 1 + (i * 31) % 20 end,
      case when i % 4 = 0 then 1 + (i * 7) % 20 else null end,
      case when i % 2 = 0 then 1 + i % 5 else null end,
      case i % 7 when 0 then array['VIP'] when 1 then array['Direct','Media buyer'] when 2 then array['Casino']
        when 3 then array['Sports','VIP'] when 4 then array[]::text[] when 5 then array['Review site'] else array['Casino','Sports'] end,
      (array['US','GB','DE','FR','NL','ES','IT','CA','AU','BR'])[1 + (i * 3) % 10],
      case when (i * 3) % 10 = 0 then (array['CA','NY','TX','FL'])[1 + i % 4] else null end,
      (array['USD','EUR','GBP'])[1 + i % 3],
      timestamptz '2023-01-01' + (i * interval '15 minutes'),
      timestamptz '2023-01-01' + (i * interval '15 minutes'),
      case when i % 10 in (4, 7) then null else timestamptz '2023-01-02' + (i * interval '15 minutes') end,
      timestamptz '2023-01-01' + (i * interval '15 minutes')
    from generate_series(1, ${COUNT}) i`.execute(db);
  await sql`insert into affiliate_billing (affiliate_id, frequency, day_of_week, day_of_month)
    select id, (array['monthly','weekly','manual'])[1 + id % 3],
      case when id % 3 = 1 then 'monday' end, case when id % 3 = 0 then 1 end from affiliates`.execute(db);
  await sql`insert into affiliate_payment_methods (affiliate_id, type, details)
    select id, case when id % 4 = 0 then 'paypal' else 'none' end,
      case when id % 4 = 0 then jsonb_build_object('paypal_reception_method', 'email', 'reception_identifier', 'pay' || id || '@mail.test')
      else '{}'::jsonb end from affiliates`.execute(db);
  await sql`analyze`.execute(db);
}

const TERMS = ['media', 'agency', 'digital', 'traffic', 'partners', 'acme', 'nova', 'casino'];

function query(i: number): AffiliateSearch {
  return {
    q: TERMS[i % TERMS.length],
    statuses: ['active', 'view_only'],
    account_manager_ids: [1 + (i % 20), 1 + ((i + 5) % 20), 1 + ((i + 10) % 20)],
    labels: ['VIP', 'Casino'],
    created_from: '2023-03-01',
    sort: { by: 'created_at', desc: true },
    offset: 0,
    limit: 50,
  };
}

async function explain(database: Database): Promise<void> {
  const q = query(0);
  const where = sql`where a.search_text ilike ${'%media%'} and a.status = any(${q.statuses}) and
    a.account_manager_id = any(${q.account_manager_ids}) and a.labels && ${q.labels}::text[] and a.created_at >= ${new Date('2023-03-01')}`;
  for (const text of [
    sql`explain analyze select a.id from affiliates a ${where} order by a.created_at desc nulls last, a.id desc limit 50`,
    sql`explain analyze select count(*) from affiliates a ${where}`,
  ]) {
    const plan = await text.execute(database.db);
    console.log((plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'), '\n');
  }
}

async function main(): Promise<void> {
  const own = !process.env.DATABASE_URL;
  const name = `affluent_bench_${randomBytes(4).toString('hex')}`;
  const url = process.env.DATABASE_URL ?? SERVER.replace(/\/[^/]*$/, `/${name}`);
  if (own) await admin(`create database "${name}"`);
  const database = await openDatabase({ databaseUrl: url, poolMax: 4 });
  try {
    await migrate(database.db);
    let t = performance.now();
    await seed(database);
    console.log(`seeded ${COUNT} affiliates in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    if (process.argv.includes('--explain')) await explain(database);
    for (let i = 0; i < 10; i++) await searchAffiliates(database.db, query(i));
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      const result = await searchAffiliates(database.db, query(i));
      times.push(performance.now() - t);
      found += result.total;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p99 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]!;
    console.log(`${RUNS} searches, ${Math.round(found / RUNS)} matches on average per search`);
    console.log(`affiliates_search_median_ms=${median.toFixed(1)} p99_ms=${p99.toFixed(1)}`);
  } finally {
    await database.close();
    if (own) await admin(`drop database if exists "${name}" with (force)`);
  }
}

await main();
