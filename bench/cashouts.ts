/**
 * npm run bench:cashouts — concurrent withdrawals against one balance, on PostgreSQL: the platform
 * runs as `node src/main.ts`; one affiliate (signed in through the portal API with 2FA confirmed)
 * has 1,230.00 EUR available, which covers 123 cash-outs of 10.00. 500 such requests, each with
 * its own Idempotency-Key, are sent at once together with 200 replays of the first 200 keys.
 * Every key may make at most one cash-out; the balance must end at exactly zero.
 *
 *   npm run bench:cashouts                    # own database on the local server, dropped after
 *   DATABASE_URL=postgres://... npm run bench:cashouts   # an existing empty database
 *
 * Prints, last: succeeded=<n> refused=<n> negative_balances=<n> ledger_sum=<n> duplicates_applied=<n>
 * (expected 123, 377, 0, 0, 0), and on stderr the time the requests took.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { CLI } from '../src/core/actor.ts';
import { createApiKey } from '../src/core/auth/create-api-key.ts';
import { openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchDatabase, freePort, startPlatform, waitFor } from './platform.ts';

const REQUESTS = 500;
const REPLAYS = 200;
const COVERED = 123;
const AMOUNT = 10_00;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function call(
  base: string,
  method: string,
  url: string,
  auth: Record<string, string>,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...auth,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      origin: base,
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function main() {
  const own = await benchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-bench-'));
  let platform: ChildProcess | undefined;
  try {
    const database = await openDatabase({ databaseUrl: own.url, poolMax: 2 });
    await migrate(database.db);
    const { key } = await createApiKey({
      db: database.db,
      actor: CLI,
      input: { name: 'bench', scopes: ['admin'] },
    });
    const port = await freePort();
    // One user sends every request: the per-user and per-address limits must not count them out.
    process.env.RATE_LIMIT_PER_USER = '100000';
    process.env.RATE_LIMIT_PER_IP = '100000';
    process.env.RATE_LIMIT_PER_KEY = '100000';
    platform = startPlatform({ databaseUrl: own.url, port, dataDir });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/readyz`, platform, 60_000);
    const operator = { authorization: `Bearer ${key}` };

    const email = `bench-${Date.now()}@example.com`;
    const password = 'Bench#pass-1234';
    const signUp = await call(
      base,
      'POST',
      '/api/partner/v1/sign-up',
      {},
      {
        email,
        password,
        first_name: 'Bench',
        last_name: 'Affiliate',
        terms_accepted: true,
      },
    );
    if (signUp.status !== 201) throw new Error(`sign-up: ${JSON.stringify(signUp.json)}`);
    const user = await database.db
      .selectFrom('affiliate_users')
      .select('affiliate_id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const affiliateId = user.affiliate_id;
    const approve = await call(base, 'POST', `/api/v1/affiliates/${affiliateId}/approve`, operator);
    if (approve.status !== 204) throw new Error(`approve: ${JSON.stringify(approve.json)}`);
    const method = await call(base, 'PATCH', `/api/v1/affiliates/${affiliateId}`, operator, {
      payment_method: { type: 'skrill', details: { email: 'bench@skrill.test' } },
    });
    if (method.status !== 200) throw new Error(`payment method: ${JSON.stringify(method.json)}`);
    const signIn = await fetch(`${base}/api/partner/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('affluent_portal='));
    if (!cookie) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
    const portal = { cookie };
    const setup = await call(base, 'POST', '/api/partner/v1/two-factor/setup', portal);
    const totp = new TOTP({
      secret: Secret.fromBase32(setup.json.secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    const confirm = await call(base, 'POST', '/api/partner/v1/two-factor/confirm', portal, {
      code: totp.generate(),
    });
    if (confirm.status !== 200) throw new Error(`2FA: ${JSON.stringify(confirm.json)}`);
    const funded = await call(base, 'POST', `/api/v1/affiliates/${affiliateId}/funds`, operator, {
      amount: COVERED * AMOUNT,
      currency: 'EUR',
      description: 'Bench balance',
      order_id: 'bench-fund',
    });
    if (funded.status !== 201) throw new Error(`fund: ${JSON.stringify(funded.json)}`);

    const withdraw = (n: number) =>
      call(
        base,
        'POST',
        '/api/partner/v1/cash-outs',
        portal,
        { currency: 'EUR', amount: AMOUNT },
        { 'idempotency-key': `bench-${n}` },
      );
    const requests = [
      ...Array.from({ length: REQUESTS }, (_, n) => ({ n, replay: false })),
      ...Array.from({ length: REPLAYS }, (_, n) => ({ n, replay: true })),
    ];
    // Interleave the replays with the originals so they race.
    requests.sort((a, b) => a.n - b.n || Number(a.replay) - Number(b.replay));
    const started = performance.now();
    const answers = await Promise.all(requests.map(async (r) => ({ ...r, res: await withdraw(r.n) })));
    const seconds = (performance.now() - started) / 1000;
    const unexpected = answers.filter(
      (a) =>
        a.res.status !== 201 && !(a.res.status === 409 && a.res.json?.error?.code === 'insufficient_funds'),
    );
    if (unexpected.length)
      throw new Error(
        `unexpected answers: ${unexpected
          .slice(0, 3)
          .map((a) => `${a.res.status} ${JSON.stringify(a.res.json)}`)
          .join('; ')}`,
      );
    // A key's answers must agree: one cash-out, or refused.
    const byKey = new Map<number, Set<string>>();
    for (const a of answers) {
      const seen = byKey.get(a.n) ?? new Set<string>();
      seen.add(a.res.status === 201 ? `cash-out ${a.res.json.id}` : 'refused');
      byKey.set(a.n, seen);
    }
    const disagreeing = [...byKey.values()].filter((s) => s.size > 1).length;
    log(
      `${requests.length} requests (${REPLAYS} replays) in ${seconds.toFixed(2)} s; keys answered differently: ${disagreeing}`,
    );

    const counted = await sql<{
      cash_outs: string;
      entries: string;
      negative: string;
      ledger_sum: string;
      available: string;
    }>`
      select
        (select count(*) from cash_outs where affiliate_id = ${affiliateId}) as cash_outs,
        (select count(*) from ledger_entries where affiliate_id = ${affiliateId} and cause = 'cash_out' and step = 'requested') as entries,
        (select count(*) from ledger_accounts where kind in ('available', 'reserved', 'on_hold') and balance < 0) as negative,
        (select coalesce(sum(amount), 0) from ledger_postings) as ledger_sum,
        (select balance from ledger_accounts where kind = 'available' and affiliate_id = ${affiliateId}) as available`.execute(
      database.db,
    );
    const row = counted.rows[0]!;
    const succeeded = [...byKey.values()].filter((s) => [...s].some((x) => x.startsWith('cash-out'))).length;
    const refused = [...byKey.values()].filter((s) => s.has('refused') && s.size === 1).length;
    // Applied more than once: cash-outs or reservations beyond one per succeeded key.
    const duplicates =
      Number(row.cash_outs) - succeeded + (Number(row.entries) - Number(row.cash_outs)) + disagreeing;
    log(`available after: ${row.available} (expected 0)`);
    await database.close();
    console.log(
      `succeeded=${succeeded} refused=${refused} negative_balances=${row.negative} ledger_sum=${row.ledger_sum} duplicates_applied=${duplicates}`,
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
