/**
 * npm run bench:events — the event API under load: 4 concurrent clients each send 1,000-event
 * batches (POST /api/v1/events) of mixed types to the platform running as `node src/main.ts` on
 * PostgreSQL, with 10,000 customers and 200,000 clicks in place. Each batch holds 950 new events
 * (registrations attributed by click id or by coupon code, deposits, withdrawals and activity of
 * customers already bound to an affiliate) and 50 replays (5%) of events sent before, which must
 * all come back as duplicates. Each client sends the events of its own share of the customers, as
 * an operator's platform partitions its stream; customers shared between concurrent batches would
 * queue on their locks (record-events.ts) rather than race.
 *
 *   npm run bench:events                    # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:events   # an existing empty database
 *   BENCH_BATCHES=25 BENCH_CLIENTS=4        # batches per client (default 25), clients (default 4)
 *   BENCH_COMMISSIONS=0                     # without the commission plan (the engine finds none)
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   # profile the platform
 *   BENCH_PLATFORM_LOG=1                    # the platform's log on this terminal (its errors)
 *
 * Prints, last: events_per_s=<n> p99_batch_ms=<n> duplicates_rejected=<n>/<n> attributed=<n>/<n>
 * (attributed: of the new events, every one of which carries a valid hint or belongs to a bound
 * customer).
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { CLI } from '../src/core/actor.ts';
import { createBrand } from '../src/core/catalog/brands/create-brand.ts';
import { createCampaign } from '../src/core/catalog/campaigns/create-campaign.ts';
import { createDestinationLink } from '../src/core/catalog/links/create-destination-link.ts';
import { createPromo } from '../src/core/catalog/promos/create-promo.ts';
import { assignPlan } from '../src/core/commissions/plans/assign-plan.ts';
import { createPlan } from '../src/core/commissions/plans/create-plan.ts';
import { type Database, openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase, freePort, startPlatform, waitFor } from './platform.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLIENTS = Number(process.env.BENCH_CLIENTS || 4);
const BATCHES = Number(process.env.BENCH_BATCHES || 25);
const CUSTOMERS = 10_000;
const CLICKS = 200_000;
const AFFILIATES = 20;
const COUPONS = 200;
const BATCH = 1000;
const REPLAYS = 50;
/** BENCH_COMMISSIONS=0 measures the events without a commission plan. */
const PLAN = process.env.BENCH_COMMISSIONS !== '0';
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Click ids as the click writer stores them: 26 characters, in time order. */
const clickId = (i: number) => `01BENCH${String(i).padStart(19, '0')}`;

async function seed(database: Database, databaseUrl: string): Promise<{ brandId: number; key: string }> {
  const { db } = database;
  const brand = await createBrand({
    db,
    actor: CLI,
    input: { name: `Bench ${Date.now()}`, base_currency: 'EUR' },
  });
  const link = await createDestinationLink({
    db,
    actor: CLI,
    input: { brand_id: brand.id, name: 'Landing', url: 'https://landing.example/welcome?click={{click_id}}' },
  });
  const promos: { id: number; campaign_id: number; affiliate_id: number }[] = [];
  for (let i = 1; i <= AFFILIATES; i++) {
    const affiliate = await db
      .insertInto('affiliates')
      .values({ name: `Bench affiliate ${i}`, status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const campaign = await createCampaign({
      db,
      actor: CLI,
      input: { affiliate_id: affiliate.id, brand_id: brand.id, name: `Bench ${i}` },
    });
    const promo = await createPromo({
      db,
      actor: CLI,
      campaignId: campaign.id,
      input: { destination_link_id: link.id },
      publicUrl: 'http://b',
    });
    promos.push({ id: promo.id, campaign_id: campaign.id, affiliate_id: affiliate.id });
  }
  if (PLAN) {
    // The commission engine runs in every batch: a hybrid CPA + RevShare plan with whole-period
    // CPA tiers and a sub-affiliate cut as the brand's default; affiliates 2 to 20 were referred
    // by the first, so their CPAs pay it the sub-affiliate fee.
    const since = new Date(Date.now() - 60 * 86_400_000);
    const plan = await createPlan({
      db,
      actor: CLI,
      input: {
        name: 'Bench hybrid',
        brand_id: brand.id,
        currency: 'EUR',
        effective_from: since,
        definition: {
          cpa: {
            amount: 2500,
            hold_days: 14,
            qualification: { combine: 'any', min_first_deposit: 2000, min_bets: 50_000, within_days: 30 },
            tiers: {
              mode: 'whole_period',
              levels: [
                { from: 1, amount: 2500 },
                { from: 50, amount: 3000 },
                { from: 200, amount: 3500 },
              ],
            },
          },
          revshare: { basis: 'ngr', rate: '25', deductions: ['bonuses'] },
          sub_affiliate: { levels: [{ cpa_fee: 500, revshare_cut_percent: '5' }] },
        },
      },
    });
    await assignPlan({
      db,
      actor: CLI,
      input: { target: 'brand', brandId: brand.id, planId: plan.id, effectiveFrom: since },
    });
    const [first, ...rest] = promos.map((p) => p.affiliate_id);
    await db.updateTable('affiliates').set({ referrer_id: first }).where('id', 'in', rest).execute();
  }
  const promoTable = sql.raw(
    `(values ${promos.map((p, i) => `(${i}, ${p.id}, ${p.campaign_id}, ${p.affiliate_id})`).join(', ')}) as p(n, promo_id, campaign_id, affiliate_id)`,
  );
  // Clicks over the last 29 days, inside the 30-day lookback, ids in time order.
  await sql`insert into clicks (id, clicked_at, promo_id, campaign_id, affiliate_id, brand_id, destination_link_id,
      sub1, params, ip, country)
    select '01BENCH' || lpad(i::text, 19, '0'), now() - interval '29 days' + i * (interval '29 days' / ${CLICKS}),
      p.promo_id, p.campaign_id, p.affiliate_id, ${brand.id}, ${link.id}, 'sub' || (i % 7), '{"src":"bench"}',
      '10.0.' || (i % 250) || '.' || (i % 200), 'DE'
    from generate_series(1, ${CLICKS}) i join ${promoTable} on p.n = i % ${AFFILIATES}`.execute(db);
  // Customers bound by the first 10,000 clicks; new registrations use the others.
  await sql`insert into customers (brand_id, external_id, affiliate_id, campaign_id, promo_id, click_id,
      attribution_method, sub1, params, country, first_event_at, registered_at, attributed_at, last_event_at, event_count)
    select ${brand.id}, 'c' || i, c.affiliate_id, c.campaign_id, c.promo_id, c.id, 'click_id', c.sub1, c.params,
      'DE', c.clicked_at, c.clicked_at, c.clicked_at, c.clicked_at, 1
    from generate_series(1, ${CUSTOMERS}) i join clicks c on c.id = '01BENCH' || lpad(i::text, 19, '0')`.execute(
    db,
  );
  await sql`insert into coupon_codes (brand_id, code, affiliate_id, campaign_id, promo_id)
    select ${brand.id}, 'BENCH' || i, p.affiliate_id, p.campaign_id, p.promo_id
    from generate_series(1, ${COUPONS}) i join ${promoTable} on p.n = i % ${AFFILIATES}`.execute(db);
  await sql`analyze`.execute(db);
  // Made as an operator would, by the command line (it prints the key last).
  const made = spawnSync(
    process.execPath,
    [path.join(ROOT, 'src/cli.ts'), 'api-keys', 'create', '--name', 'bench', '--scopes', 'events'],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    },
  );
  const key = made.stdout.trim().split('\n').at(-1) ?? '';
  if (made.status !== 0 || !key.startsWith('afl_'))
    throw new Error(`api-keys create: ${made.stdout}${made.stderr}`);
  return { brandId: brand.id, key };
}

type Item = Record<string, unknown>;

/** One client's batches: 950 new events of its customers, 50 replays of what it sent before. */
function* batches(client: number, brandId: number): Generator<{ items: Item[]; replays: number }> {
  let rng = 0x9e3779b9 ^ (client * 7919);
  const rand = (n: number) => {
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    return (rng >>> 0) % n;
  };
  // Customers of this client's share: those in place, and those it registers.
  const own = Array.from({ length: CUSTOMERS / CLIENTS }, (_, i) => `c${i * CLIENTS + client + 1}`);
  let nextClick = CUSTOMERS + 1 + client;
  let seq = 0;
  let previous: Item[] = [];
  const at = () => new Date(Date.now() - 60_000 - rand(3_600_000)).toISOString();
  for (let b = 0; b < BATCHES; b++) {
    const fresh: Item[] = [];
    const base = () => ({ event_id: `b${client}-${++seq}`, brand_id: brandId, occurred_at: at() });
    for (let j = 0; j < BATCH - REPLAYS; j++) {
      const kind = j % 20;
      if (kind < 6) {
        const customer = `n${client}-${seq}`;
        fresh.push({
          ...base(),
          type: 'registration',
          customer_id: customer,
          click_id: clickId(nextClick),
          country: 'DE',
        });
        nextClick += CLIENTS;
        own.push(customer);
      } else if (kind < 8) {
        const customer = `k${client}-${seq}`;
        fresh.push({
          ...base(),
          type: 'registration',
          customer_id: customer,
          coupon_code: `BENCH${1 + rand(COUPONS)}`,
        });
        own.push(customer);
      } else if (kind < 15) {
        fresh.push({
          ...base(),
          type: 'deposit',
          customer_id: own[rand(own.length)],
          amount: 1000 + rand(50_000),
          currency: 'EUR',
        });
      } else if (kind < 17) {
        fresh.push({
          ...base(),
          type: 'withdrawal',
          customer_id: own[rand(own.length)],
          amount: 500 + rand(20_000),
          currency: 'EUR',
        });
      } else {
        fresh.push({
          ...base(),
          type: 'activity',
          customer_id: own[rand(CUSTOMERS / CLIENTS)],
          currency: 'EUR',
          products: { casino: { bets: 10_000 + rand(90_000), bet_count: 10 + rand(90), wins: rand(90_000) } },
        });
      }
    }
    // Replays: the previous batch's events again, or this one's for the first batch.
    const pool = previous.length ? previous : fresh;
    const replays = Array.from({ length: REPLAYS }, () => pool[rand(pool.length)] as Item);
    const items = [...fresh, ...replays];
    previous = fresh;
    yield { items, replays: REPLAYS };
  }
}

/** CPU seconds a process has used (Linux), or null where /proc cannot say. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The CPU seconds of the platform and of the database's server processes for its connections. */
async function cpuNow(pid: number | undefined, databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const backends = rows.map((r) => cpuSeconds(r.pid));
    return {
      platform: cpuSeconds(pid),
      database: backends.includes(null) ? null : (backends as number[]).reduce((a, b) => a + b, 0),
    };
  } finally {
    await client.end();
  }
}

interface Tally {
  events: number;
  sent: number;
  created: number;
  attributed: number;
  replays: number;
  duplicates: number;
  rejected: number;
  times: number[];
}

async function client(n: number, url: string, key: string, brandId: number, tally: Tally): Promise<void> {
  for (const { items, replays } of batches(n, brandId)) {
    const body = JSON.stringify({ events: items });
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    tally.times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${text.slice(0, 500)}`);
    const answer = JSON.parse(text) as {
      results: {
        index: number;
        status: string;
        event?: { attribution: { status: string } };
        error?: unknown;
      }[];
    };
    tally.events += items.length;
    tally.replays += replays;
    for (const r of answer.results) {
      const replay = r.index >= items.length - replays;
      if (replay) {
        if (r.status === 'duplicate') tally.duplicates++;
      } else if (r.status === 'created') {
        tally.created++;
        tally.sent++;
        if (r.event?.attribution.status === 'attributed') tally.attributed++;
      } else {
        tally.sent++;
        if (r.status === 'rejected') {
          tally.rejected++;
          if (tally.rejected <= 3) log(`rejected: ${JSON.stringify(r.error)}`);
        }
      }
    }
  }
}

async function main(): Promise<void> {
  const own = await benchDatabase();
  let platform: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-bench-'));
  try {
    const database = await openDatabase({ databaseUrl: own.url, poolMax: 2 });
    let seeded: { brandId: number; key: string };
    try {
      await migrate(database.db);
      const t = performance.now();
      seeded = await seed(database, own.url);
      log(
        `seeded ${CUSTOMERS} customers and ${CLICKS} clicks in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    } finally {
      await database.close();
    }

    const port = await freePort();
    platform = startPlatform({ databaseUrl: own.url, port, dataDir });
    await waitFor(`http://127.0.0.1:${port}/readyz`, platform, 60_000);

    const url = `http://127.0.0.1:${port}/api/v1/events`;
    const tally: Tally = {
      events: 0,
      sent: 0,
      created: 0,
      attributed: 0,
      replays: 0,
      duplicates: 0,
      rejected: 0,
      times: [],
    };
    const cpuBefore = await cpuNow(platform.pid, own.url);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, n) => client(n, url, seeded.key, seeded.brandId, tally)),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpuNow(platform.pid, own.url);
    const times = [...tally.times].sort((a, b) => a - b);
    const p99 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)] ?? 0;
    log(
      `${CLIENTS} clients × ${BATCHES} batches of ${BATCH}: ${tally.events} events in ${seconds.toFixed(1)} s; ` +
        `${tally.created} created, ${tally.rejected} rejected; median batch ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms`,
    );
    // CPU per 1,000 events says more than the rate on a machine that other work shares.
    const per1000 = (a: number | null, b: number | null) =>
      a === null || b === null ? '?' : `${Math.round(((b - a) * 1e6) / tally.events)} ms`;
    log(
      `CPU per 1,000 events: platform ${per1000(cpuBefore.platform, cpuAfter.platform)}, database ${per1000(cpuBefore.database, cpuAfter.database)}`,
    );
    const counting = await openDatabase({ databaseUrl: own.url, poolMax: 1 });
    const earned = await sql<{ kind: string; n: string }>`
      select kind, count(*)::text as n from commissions group by kind order by kind`.execute(counting.db);
    await counting.close();
    log(`commissions: ${earned.rows.map((r) => `${r.kind} ${r.n}`).join(', ') || 'none'}`);
    console.log(
      `events_per_s=${Math.round(tally.events / seconds)} p99_batch_ms=${Math.round(p99)} ` +
        `duplicates_rejected=${tally.duplicates}/${tally.replays} attributed=${tally.attributed}/${tally.sent}`,
    );
  } finally {
    if (platform && platform.exitCode === null) {
      const exited = new Promise((resolve) => platform?.on('exit', resolve));
      platform.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    await own.drop();
  }
}

await main();
