/**
 * npm run bench:redirect — the click redirect against a bare node:http server answering every
 * request with the same 302 (the platform's own answer, replayed), both driven by wrk (64
 * connections, 10 s each, after a 2 s warm-up; see wrk.ts for where each runs). The platform runs
 * as `node src/main.ts` on PostgreSQL: DATABASE_URL, or a database of its own created on
 * BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
 * Prints, last: redirect_rps=<n> bare_rps=<n> ratio=<r> p99_ms=<n> clicks_recorded=<stored>/<answered>
 */

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../src/core/actor.ts';
import { createApiKey } from '../src/core/auth/create-api-key.ts';
import { createBrand } from '../src/core/catalog/brands/create-brand.ts';
import { createCampaign } from '../src/core/catalog/campaigns/create-campaign.ts';
import { createDestinationLink } from '../src/core/catalog/links/create-destination-link.ts';
import { createPromo } from '../src/core/catalog/promos/create-promo.ts';
import { openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase, freePort, startPlatform, waitFor } from './platform.ts';
import { describeSetup, ensureWrk, pinEventLoop, wrk } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  ensureWrk();
  const own = await benchDatabase();
  const databaseUrl = own.url;
  const children: ChildProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-bench-'));
  try {
    // Seed before the platform starts: it warms its promo cache from these rows.
    const database = await openDatabase({ databaseUrl, poolMax: 2 });
    await migrate(database.db);
    const db = database.db;
    const brand = await createBrand({
      db,
      actor: CLI,
      input: { name: `Bench ${Date.now()}`, base_currency: 'EUR' },
    });
    const link = await createDestinationLink({
      db,
      actor: CLI,
      input: {
        brand_id: brand.id,
        name: 'Landing',
        url: 'https://landing.example/welcome?click={{click_id}}&aff={{affiliate_id}}&s1={{sub1}}',
      },
    });
    const affiliate = await db
      .insertInto('affiliates')
      .values({ name: 'Bench affiliate', status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const campaign = await createCampaign({
      db,
      actor: CLI,
      input: { affiliate_id: affiliate.id, brand_id: brand.id, name: 'Bench' },
    });
    const promo = await createPromo({
      db,
      actor: CLI,
      campaignId: campaign.id,
      input: { destination_link_id: link.id },
      publicUrl: 'http://b',
    });
    const { key } = await createApiKey({ db, actor: CLI, input: { name: 'bench', scopes: ['read'] } });
    const before = Number(
      (
        await db
          .selectFrom('clicks')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const port = await freePort();
    // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the platform under load.
    const platform = startPlatform({ databaseUrl, port, dataDir });
    children.push(platform);
    const platformExit = new Promise<number | null>((resolve) =>
      platform.on('exit', (code) => resolve(code)),
    );
    await waitFor(`http://127.0.0.1:${port}/readyz`, platform);

    const clickUrl = `http://127.0.0.1:${port}/c/${promo.code}?sub1=bench&sub2=wrk`;
    const probe = await fetch(clickUrl, { redirect: 'manual' });
    const location = probe.headers.get('location');
    if (probe.status !== 302 || !location?.startsWith('https://landing.example/')) {
      throw new Error(`the tracking link does not redirect: ${probe.status} ${location}`);
    }
    // The bare server answers every request with the platform's own 302, byte for byte in the
    // headers it sets (location, both cookies, cache-control, content-length): the ratio then
    // measures what the platform does for a click, not the size of the answer the issue asks for.
    const same302 = [
      ...['location', location, 'set-cookie', probe.headers.getSetCookie()],
      ...['cache-control', probe.headers.get('cache-control'), 'content-length', '0'],
    ];
    const barePort = await freePort();
    const bare = spawn(
      process.execPath,
      [
        '-e',
        `const h = ${JSON.stringify(same302)}; require('node:http').createServer((q, s) => { s.writeHead(302, h); s.end(); }).listen(${barePort}, '127.0.0.1')`,
      ],
      { stdio: 'ignore' },
    );
    children.push(bare);
    await new Promise((r) => setTimeout(r, 300));
    const bareUrl = `http://127.0.0.1:${barePort}/c/${promo.code}?sub1=bench&sub2=wrk`;
    log(`warming up (2 s each), then ${SECONDS} s each: ${describeSetup()}`);
    wrk(bareUrl, 2);
    // After the warm-up: the platform's click writer thread has started by then and stays unpinned.
    pinEventLoop(bare.pid);
    const bareResult = wrk(bareUrl, SECONDS);
    log(`bare:     ${bareResult.rps.toFixed(0)} req/s, p99 ${bareResult.p99Ms} ms`);
    wrk(clickUrl, 2);
    pinEventLoop(platform.pid);
    const redirect = wrk(clickUrl, SECONDS);
    log(`redirect: ${redirect.rps.toFixed(0)} req/s, p99 ${redirect.p99Ms} ms`);

    const metrics = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/tracking/metrics`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).json()) as { redirects: { answered: number }; clicks: unknown };
    const answered = metrics.redirects.answered as number;
    log(`platform counters: ${JSON.stringify(metrics.clicks)}`);
    platform.kill('SIGTERM');
    const code = await platformExit;
    if (code !== 0) log(`platform exited with ${code}`);
    bare.kill('SIGTERM');
    const after = Number(
      (
        await db
          .selectFrom('clicks')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await database.close();
    const stored = after - before;
    const ratio = redirect.rps / bareResult.rps;
    process.stdout.write(
      `redirect_rps=${Math.round(redirect.rps)} bare_rps=${Math.round(bareResult.rps)} ratio=${ratio.toFixed(2)} p99_ms=${redirect.p99Ms.toFixed(2)} clicks_recorded=${stored}/${answered}\n`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    await own.drop();
  }
}

await main();
