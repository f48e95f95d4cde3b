import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await sql`create table tx_test_rows (key text not null)`.execute(t.db);
});
afterAll(() => t?.close());

const write = (key: string) => (trx: Db) => sql`insert into tx_test_rows (key) values (${key})`.execute(trx);
const keys = async (db: Db) =>
  (await sql<{ key: string }>`select key from tx_test_rows order by key`.execute(db)).rows.map((r) => r.key);

describe('inTransaction', () => {
  it('joins the caller transaction: two writes rolled back with it leave nothing', async () => {
    const outcome = t.db.transaction().execute(async (outer) => {
      await inTransaction(outer, write('joined-a'));
      await inTransaction(outer, write('joined-b'));
      // Both are visible inside the one transaction before it ends.
      expect(await keys(outer)).toEqual(expect.arrayContaining(['joined-a', 'joined-b']));
      throw new Error('roll back');
    });
    await expect(outcome).rejects.toThrow('roll back');
    expect(await keys(t.db)).not.toContain('joined-a');
    expect(await keys(t.db)).not.toContain('joined-b');
  });

  it('commits both writes with the caller transaction', async () => {
    await t.db.transaction().execute(async (outer) => {
      await inTransaction(outer, write('committed-a'));
      await inTransaction(outer, write('committed-b'));
    });
    expect(await keys(t.db)).toEqual(expect.arrayContaining(['committed-a', 'committed-b']));
  });

  it('opens a transaction of its own without one: a failure after the first write undoes it', async () => {
    const outcome = inTransaction(t.db, async (trx) => {
      await write('own-a')(trx);
      expect(trx.isTransaction).toBe(true);
      throw new Error('second write failed');
    });
    await expect(outcome).rejects.toThrow('second write failed');
    expect(await keys(t.db)).not.toContain('own-a');
  });
});
