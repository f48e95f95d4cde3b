/**
 * Times the reads of the numbers people look at and of the click log over a busy month on
 * PostgreSQL: BENCH_CLICKS clicks (default 1,000,000) over the last 30 days on 2,000 promos of 500
 * affiliates, written by the click writer's own insertClicks (so the hourly counts are there too),
 * then each read BENCH_RUNS times through the core functions the API calls.
 *
 *   npm run bench:clicks                       # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:clicks   # an existing (empty) database
 *
 * Ends with one line per read: <name>_median_ms=<n> p99_ms=<n>
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { countClicks } from '../src/core/clicks/counts/count-clicks.ts';
import { countClicksOf } from '../src/core/clicks/counts/count-clicks-of.ts';
import { newClickId } from '../src/core/clicks/ids.ts';
import { type ClickEnricher, insertClicks, type RawClick } from '../src/core/clicks/insert-clicks.ts';
import { listClicks } from '../src/core/clicks/log/list-clicks.ts';
import { type Database, openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase } from './platform.ts';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const AFFILIATES = 500;
const PROMOS = 2000;
const LINKS = 50;
const DAY = 86_400_000;

async function seedCatalog(database: Database): Promise<void> {
  const { db } = database;
  await sql`insert into brands (name, base_currency) values ('Bench', 'EUR')`.execute(db);
  await sql`insert into destination_links (brand_id, name, url)
    select 1, 'Link ' || i, 'https://bench.example/' || i from generate_series(1, ${LINKS}) i`.execute(db);
  await sql`insert into affiliates (name, status)
    select 'Affiliate ' || i, 'active' from generate_series(1, ${AFFILIATES}) i`.execute(db);
  await sql`insert into campaigns (affiliate_id, brand_id, name)
    select i, 1, 'Main' from generate_series(1, ${AFFILIATES}) i`.execute(db);
  await sql`insert into promos (code, campaign_id, affiliate_id, brand_id, title, destination_link_id)
    select 'bench' || i, 1 + i % ${AFFILIATES}, 1 + i % ${AFFILIATES}, 1, 'Promo ' || i, 1 + i % ${LINKS}
    from generate_series(0, ${PROMOS - 1}) i`.execute(db);
}

/** Clicks in time order, as the click path captures them; a few promos get most of them. */
async function seedClicks(database: Database): Promise<void> {
  const now = Date.now();
  const start = now - 30 * DAY;
  const enrich: ClickEnricher = { ipMode: 'anonymized', country: () => 'NL', rejected: 0 };
  const sink = { db: database.db, copyIn: database.copyIn };
  const batch = 1000;
  for (let done = 0; done < CLICKS; done += batch) {
    const clicks: RawClick[] = [];
    for (let i = done; i < Math.min(done + batch, CLICKS); i++) {
      const at = Math.floor(start + ((now - start) * i) / CLICKS);
      const promo = Math.floor(Math.random() ** 3 * PROMOS);
      const affiliate = 1 + (promo % AFFILIATES);
      const query = i % 1000 === 0 ? 'sub1=rare' : `sub1=p${i % 7}`;
      clicks.push([
        newClickId(at),
        at,
        promo + 1,
        affiliate,
        affiliate,
        1,
        1 + (promo % LINKS),
        'a',
        query,
        `81.2.${i % 250}.${i % 200}`,
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
        undefined,
        i % 3 !== 0,
      ]);
    }
    await insertClicks(sink, clicks, enrich);
  }
  await sql`analyze`.execute(database.db);
}

async function time(name: string, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  console.log(`${name}_median_ms=${at(0.5)} p99_ms=${at(0.99)}`);
}

const bench = await benchDatabase();
const database = await openDatabase({ databaseUrl: bench.url, poolMax: 4 });
try {
  await migrate(database.db);
  await seedCatalog(database);
  const t0 = performance.now();
  await seedClicks(database);
  console.log(`wrote ${CLICKS} clicks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { db } = database;
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  await time('platform_counts', () => countClicks({ db, timeZone: 'Europe/Paris' }));
  await time('limited_manager_counts', () => countClicks({ db, scope: { managerId: 1 } }));
  await time('link_counts_50', () => countClicksOf({ db, subject: 'destination_link', ids: ids(50) }));
  await time('affiliate_counts_50', () => countClicksOf({ db, subject: 'affiliate', ids: ids(50) }));
  await time('promo_counts_100', () => countClicksOf({ db, subject: 'promo', ids: ids(100) }));
  await time('log_newest_page', () => listClicks(db, {}));
  await time('log_one_affiliate', () => listClicks(db, { affiliate_id: AFFILIATES }));
  await time('log_rare_sub1', () => listClicks(db, { sub1: 'rare' }));
} finally {
  await database.close();
  await bench.drop();
}
