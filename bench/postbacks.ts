/**
 * npm run bench:postbacks — postback delivery under load: 50,000 registrations (4 clients sending
 * 1,000-event batches to `node src/main.ts` on PostgreSQL), each attributed to one of 20
 * affiliates that has one server-to-server postback to a local receiver. The receiver answers 500
 * to the first 10% of the requests it sees and 200 after, so those deliveries succeed on their
 * retry (5 s later). The benchmark waits until every event's postback has been answered 2xx.
 *
 *   npm run bench:postbacks                 # own database on the local server, dropped after
 *   BENCH_EVENTS=50000 BENCH_CLIENTS=4      # events in all (default 50,000), clients (default 4)
 *
 * Prints, last: delivered=<n>/<n> first_attempt_p99_ms=<n> deliveries_per_s=<n> lost=<n>
 * first_attempt_p99_ms: from the answer to the batch (its commit) to the receiver seeing the
 * event's first attempt. deliveries_per_s: postbacks answered 2xx per second, from the first
 * batch sent to the last delivery. lost: events whose postback never came (within 10 minutes).
 */
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI } from '../src/core/actor.ts';
import { createBrand } from '../src/core/catalog/brands/create-brand.ts';
import { openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase, freePort, startPlatform, waitFor } from './platform.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const EVENTS = Number(process.env.BENCH_EVENTS || 50_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 4);
const AFFILIATES = 20;
const BATCH = 1000;
const FAIL_FIRST = Math.round(EVENTS * 0.1);
const WAIT_MS = 10 * 60_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Receiver {
  port: number;
  seen: number;
  /** event id → when its first attempt arrived, and whether a 2xx was answered. */
  first: Map<string, number>;
  delivered: Set<string>;
  duplicates: number;
  /** Events answered 500 more than once: their retry came while the first 10% lasted. */
  failedAgain: number;
  lastDelivery: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state = {
    seen: 0,
    first: new Map<string, number>(),
    delivered: new Set<string>(),
    duplicates: 0,
    failedAgain: 0,
    lastDelivery: 0,
  };
  const failed = new Set<string>();
  const server = http.createServer((req, res) => {
    const at = performance.now();
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('e') ?? '';
    if (!state.first.has(id)) state.first.set(id, at);
    state.seen++;
    if (state.seen <= FAIL_FIRST) {
      if (failed.has(id)) state.failedAgain++;
      failed.add(id);
      res.writeHead(500).end('not yet');
      return;
    }
    if (state.delivered.has(id)) state.duplicates++;
    state.delivered.add(id);
    state.lastDelivery = at;
    res.writeHead(200).end('ok');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as Receiver;
}

async function seed(databaseUrl: string, receiverPort: number) {
  const database = await openDatabase({ databaseUrl, poolMax: 2 });
  try {
    await migrate(database.db);
    const { db } = database;
    const brand = await createBrand({
      db,
      actor: CLI,
      input: { name: `Bench ${Date.now()}`, base_currency: 'EUR' },
    });
    const affiliates: number[] = [];
    for (let i = 1; i <= AFFILIATES; i++) {
      const affiliate = await db
        .insertInto('affiliates')
        .values({ name: `Bench affiliate ${i}`, status: 'active' })
        .returning('id')
        .executeTakeFirstOrThrow();
      affiliates.push(affiliate.id);
      await db
        .insertInto('postback_definitions')
        .values({
          affiliate_id: affiliate.id,
          scope: 'account',
          trigger: 'registration',
          delivery: 's2s_get',
          url: `http://127.0.0.1:${receiverPort}/pb?e=\${event_id}&a=\${affiliate_id}&t=\${event_type}`,
        })
        .execute();
    }
    return { brandId: brand.id, affiliates };
  } finally {
    await database.close();
  }
}

function apiKey(databaseUrl: string): string {
  const made = spawnSync(
    process.execPath,
    [path.join(ROOT, 'src/cli.ts'), 'api-keys', 'create', '--name', 'bench', '--scopes', 'events'],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
  );
  const key = made.stdout.trim().split('\n').at(-1) ?? '';
  if (made.status !== 0 || !key.startsWith('afl_'))
    throw new Error(`api-keys create: ${made.stdout}${made.stderr}`);
  return key;
}

async function main(): Promise<void> {
  const own = await benchDatabase();
  const receiver = await startReceiver();
  let platform: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-bench-'));
  try {
    const { brandId, affiliates } = await seed(own.url, receiver.port);
    const key = apiKey(own.url);
    const port = await freePort();
    process.env.POSTBACKS_ALLOW_PRIVATE = 'true';
    process.env.JOBS_WORKERS ??= '4';
    platform = startPlatform({ databaseUrl: own.url, port, dataDir });
    await waitFor(`http://127.0.0.1:${port}/readyz`, platform, 180_000);

    const committed = new Map<string, number>();
    const url = `http://127.0.0.1:${port}/api/v1/events`;
    const perClient = Math.ceil(EVENTS / CLIENTS / BATCH);
    const occurred = new Date(Date.now() - 60_000).toISOString();
    let sent = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let b = 0; b < perClient && sent < EVENTS; b++) {
          const size = Math.min(BATCH, EVENTS - sent);
          sent += size;
          const ids = Array.from({ length: size }, (_v, i) => `r${c}-${b}-${i}`);
          const body = JSON.stringify({
            events: ids.map((id, i) => ({
              type: 'registration',
              event_id: id,
              brand_id: brandId,
              customer_id: `p-${id}`,
              occurred_at: occurred,
              affiliate_id: affiliates[i % AFFILIATES],
            })),
          });
          const res = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body,
          });
          const text = await res.text();
          const at = performance.now();
          if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${text.slice(0, 300)}`);
          for (const id of ids) committed.set(id, at);
        }
      }),
    );
    const ingestSeconds = (performance.now() - started) / 1000;
    log(`${committed.size} events recorded in ${ingestSeconds.toFixed(1)} s`);
    const until = performance.now() + WAIT_MS;
    let lastReport = 0;
    while (receiver.delivered.size < committed.size && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        log(`  ${receiver.delivered.size}/${committed.size} delivered, ${receiver.seen} requests seen`);
      }
    }
    const latencies: number[] = [];
    for (const [id, at] of committed) {
      const first = receiver.first.get(id);
      if (first !== undefined) latencies.push(Math.max(0, first - at));
    }
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
    const median = latencies[Math.floor(latencies.length / 2)] ?? 0;
    const seconds = (receiver.lastDelivery - started) / 1000;
    const delivered = [...committed.keys()].filter((id) => receiver.delivered.has(id)).length;
    log(
      `${receiver.seen} requests seen (${FAIL_FIRST} answered 500), ${receiver.duplicates} duplicate deliveries; ` +
        // Their third try is 5 min after the second (the fixed schedule): the run lasts that long.
        `${receiver.failedAgain} retries answered 500 again; ` +
        `first attempt median ${Math.round(median)} ms; load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    console.log(
      `delivered=${delivered}/${committed.size} first_attempt_p99_ms=${Math.round(p99)} ` +
        `deliveries_per_s=${Math.round(delivered / seconds)} lost=${committed.size - delivered}`,
    );
  } finally {
    if (platform && platform.exitCode === null) {
      const exited = new Promise((resolve) => platform?.on('exit', resolve));
      platform.kill('SIGTERM');
      await exited;
    }
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await own.drop();
  }
}

await main();
