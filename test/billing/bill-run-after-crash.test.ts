/**
 * A server killed (kill -9) in the middle of a bill run on PostgreSQL: the run is one
 * transaction, so it leaves nothing; the next process runs the period again and every affiliate
 * gets its bill once, each commission on one line, and the ledger balances after approvals.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { expectLedgerInvariants } from '../support/ledger-invariants.ts';
import { freePort, runNode, type Spawned, tempDir } from '../support/spawn.ts';
import { TEST_DB_KIND } from '../support/template.ts';
import { createTestDatabase } from '../support/test-database.ts';

const AFFILIATES = 3000;
const PER_AFFILIATE = 20;
const started: Spawned[] = [];
let database: Database | undefined;
afterAll(async () => {
  for (const s of started) s.child.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited()));
  await database?.close();
});

async function server(env: Record<string, string>) {
  const port = await freePort();
  const process = runNode('src/main.ts', [], { ...env, PORT: String(port), JOBS_ENABLED: 'false' });
  started.push(process);
  await process.waitFor(/is running at/, 150_000);
  return { process, base: `http://127.0.0.1:${port}/api/v1` };
}

describe.skipIf(TEST_DB_KIND !== 'postgres')('a server killed during a bill run', () => {
  it('leaves no bill, and the next run bills every affiliate once', async () => {
    database = await createTestDatabase();
    const { db } = database;
    const env = {
      DATA_DIR: tempDir(),
      SECRET_KEY: 'k'.repeat(48),
      SMTP_URL: '',
      DATABASE_URL: database.url!,
    };
    const cli = runNode('src/cli.ts', ['api-keys', 'create', '--name', 'crash', '--scopes', 'admin'], env);
    started.push(cli);
    expect(await cli.exited(), cli.output()).toBe(0);
    const key = /^afl_\S+$/m.exec(cli.output())?.[0];
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

    // 3000 affiliates with 20 approved commissions of 10.00 EUR in March 2026.
    const brand = await sql<{ id: number }>`insert into brands (name, base_currency) values ('Crash', 'EUR')
      returning id`.execute(db);
    const brandId = brand.rows[0]!.id;
    await sql`insert into affiliates (name, status) select 'Crash ' || i, 'active' from generate_series(1, ${AFFILIATES}) i`.execute(
      db,
    );
    await sql`insert into commissions (brand_id, affiliate_id, currency, amount, kind, status, initial_status, earned_at,
        source_key, trace, explanation, actor_type)
      select ${brandId}, a.id, 'EUR', 1000, 'cpa', 'approved', 'approved', '2026-03-10T12:00:00Z', 'crash:' || a.id || ':' || k,
        '{}', 'crash', 'cli'
      from affiliates a cross join generate_series(1, ${PER_AFFILIATE}) k`.execute(db);
    const run = (base: string) =>
      fetch(`${base}/bills/run`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ period_start: '2026-03-01', period_end: '2026-03-31' }),
      });

    const first = await server(env);
    const asked = run(first.base).catch(() => null);
    // Killed once the run is writing (its transaction holds the run's advisory lock).
    for (let i = 0; i < 3000; i++) {
      const locked = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_locks where locktype = 'advisory'
        and granted`.execute(db);
      if (locked.rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.process.child.kill('SIGKILL');
    expect(await first.process.exited()).toBeNull();
    await asked;
    // The killed transaction is rolled back by the server once it notices the connection is gone.
    for (let i = 0; i < 500; i++) {
      const open = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_locks where locktype = 'advisory'`.execute(db);
      if (open.rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const counts = async () =>
      (
        await sql<{ bills: number; lines: number; runs: number; twice: number }>`select
        (select count(*)::int from bills) as bills, (select count(*)::int from bill_lines) as lines,
        (select count(*)::int from bill_runs) as runs,
        (select count(*)::int from (select commission_id from bill_lines group by 1 having count(*) > 1) t) as twice`.execute(
          db,
        )
      ).rows[0]!;
    expect(await counts()).toEqual({ bills: 0, lines: 0, runs: 0, twice: 0 });

    const second = await server(env);
    const rerun = await run(second.base);
    expect(rerun.status, await rerun.clone().text()).toBe(200);
    expect(await rerun.json()).toMatchObject({ affiliates: AFFILIATES, bills_issued: AFFILIATES });
    // 3000 bills of 20 × 1000 = 20000 each, 3000 × 20 = 60000 lines, no commission twice.
    expect(await counts()).toEqual({
      bills: AFFILIATES,
      lines: AFFILIATES * PER_AFFILIATE,
      runs: 1,
      twice: 0,
    });
    const amounts = await sql<{
      amount: string;
      n: number;
    }>`select issued_amount::text as amount, count(*)::int as n
      from bills group by 1`.execute(db);
    expect(amounts.rows).toEqual([{ amount: '20000', n: AFFILIATES }]);

    // Approving some and running the period once more issues nothing twice; the ledger balances.
    const ids = (
      await sql<{ id: number }>`select id::int from bills order by id limit 20`.execute(db)
    ).rows.map((r) => r.id);
    const approved = await fetch(`${second.base}/bills/approve`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ids }),
    });
    expect(approved.status).toBe(200);
    const again = await run(second.base);
    expect(await again.json()).toMatchObject({ bills_issued: 0, bills_regenerated: 0 });
    expect(await counts()).toEqual({
      bills: AFFILIATES,
      lines: AFFILIATES * PER_AFFILIATE,
      runs: 2,
      twice: 0,
    });
    const credited = await sql<{
      total: string;
    }>`select coalesce(sum(balance), 0)::text as total from ledger_accounts
      where kind = 'available'`.execute(db);
    // 20 bills × 20000 = 400000 credited.
    expect(credited.rows[0]!.total).toBe('400000');
    await expectLedgerInvariants(db);
    second.process.child.kill('SIGTERM');
    expect(await second.process.exited()).toBe(0);
  }, 400_000);
});
