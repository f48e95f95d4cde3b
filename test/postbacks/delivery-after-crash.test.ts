import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { freePort, runNode, type Spawned, tempDir } from '../support/spawn.ts';
import { TEST_DB_KIND } from '../support/template.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { type Receiver, startReceiver } from './helpers.ts';

// At least once, end to end: the server is killed (SIGKILL) while a postback is on the wire.
// The next process sends every delivery; only the one in flight (sent, its answer never
// recorded) reaches the tracker twice. PostgreSQL only: the embedded database is one process's.

const started: Spawned[] = [];
let database: Database | undefined;
let receiver: Receiver | undefined;
afterAll(async () => {
  for (const s of started) s.child.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited()));
  await receiver?.close();
  await database?.close();
});

const EVENTS = 12;

describe.skipIf(TEST_DB_KIND !== 'postgres')('a server killed mid-delivery', () => {
  it('loses no postback and sends none twice but the one in flight', async () => {
    database = await createTestDatabase();
    const env = {
      DATA_DIR: tempDir(),
      SECRET_KEY: 'k'.repeat(48),
      SMTP_URL: '',
      DATABASE_URL: database.url!,
      JOBS_ENABLED: 'true',
      POSTBACKS_ALLOW_PRIVATE: 'true',
      // One request at a time for the affiliate: exactly one is in flight when the kill comes.
      POSTBACKS_AFFILIATE_CONCURRENCY: '1',
    };
    const server = async () => {
      const port = await freePort();
      const process = runNode('src/main.ts', [], { ...env, PORT: String(port) });
      started.push(process);
      await process.waitFor(/is running at/, 150_000);
      return { process, base: `http://127.0.0.1:${port}/api/v1` };
    };
    const cli = runNode('src/cli.ts', ['api-keys', 'create', '--name', 'crash', '--scopes', 'admin'], env);
    started.push(cli);
    expect(await cli.exited(), cli.output()).toBe(0);
    const key = /^afl_\S+$/m.exec(cli.output())?.[0];
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

    // The tracker never answers until the kill; then it answers 200 to everything.
    let hold = true;
    const held: (() => void)[] = [];
    receiver = await startReceiver(() =>
      hold ? new Promise((resolve) => held.push(() => resolve({ status: 200 }))) : { status: 200 },
    );

    const first = await server();
    const call = async (path: string, body?: unknown, base = first.base) => {
      const res = await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      expect(res.status, `${path}: ${text}`).toBeLessThan(300);
      return JSON.parse(text);
    };
    const brand = await call('/brands', { name: 'Crash casino', base_currency: 'EUR' });
    const affiliate = await call('/affiliates', { name: 'Crash affiliate', status: 'active' });
    await call('/campaigns', { affiliate_id: affiliate.id, brand_id: brand.id, name: 'Main' });
    const definition = await call('/postbacks', {
      affiliate_id: affiliate.id,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/crash?e=\${event_id}`,
    });
    const ids = Array.from({ length: EVENTS }, (_, i) => `crash-${i}`);
    const at = new Date(Date.now() - 60_000).toISOString();
    const batch = await call('/events', {
      events: ids.map((id) => ({
        event_id: id,
        type: 'registration',
        brand_id: brand.id,
        customer_id: `player-${id}`,
        affiliate_id: affiliate.id,
        occurred_at: at,
      })),
    });
    expect(batch.results.map((r: { status: string }) => r.status)).toEqual(ids.map(() => 'created'));

    // The first postback is on the wire: kill the process without a chance to record anything.
    for (let i = 0; i < 600 && receiver.received.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received).toHaveLength(1);
    first.process.child.kill('SIGKILL');
    expect(await first.process.exited()).toBeNull();
    hold = false;
    for (const release of held) release();
    const inFlight = receiver.received[0]!.url;

    // The claims of the killed process's deliveries run out after 15 minutes: that time passes.
    const claimed = await database.db
      .updateTable('postback_deliveries')
      .set({ claimed_until: new Date(Date.now() - 1000) })
      .where('definition_id', '=', definition.id)
      .where('state', '=', 'sending')
      .executeTakeFirst();
    expect(Number(claimed.numUpdatedRows)).toBe(EVENTS);

    // The next process's minutely sweep sends them (bounded wait on the log, not timed).
    const next = await server();
    const log = async () =>
      (await call(`/postback-log?definition_id=${definition.id}&page_size=100`, undefined, next.base))
        .data as { outcome: string; url: string }[];
    for (let i = 0; i < 1500 && (await log()).length < EVENTS; i++)
      await new Promise((r) => setTimeout(r, 100));
    const attempts = await log();
    expect(attempts.map((a) => a.outcome)).toEqual(ids.map(() => 'delivered'));
    expect(new Set(attempts.map((a) => a.url)).size).toBe(EVENTS);

    // Every event reached the tracker; only the one in flight at the kill did so twice.
    const urls = receiver.received.map((r) => r.url);
    expect([...new Set(urls)].sort()).toEqual(ids.map((id) => `/crash?e=${id}`).sort());
    expect(urls.filter((u) => u === inFlight)).toHaveLength(2);
    expect(urls).toHaveLength(EVENTS + 1);
    next.process.child.kill('SIGTERM');
    expect(await next.process.exited()).toBe(0);
  }, 400_000);
});
