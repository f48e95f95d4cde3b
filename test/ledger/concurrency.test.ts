/**
 * Concurrent debits of one balance on PostgreSQL, where they really run at the same time (PGlite
 * runs one transaction after another, so there the same calls only prove the sequential case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { requestCashOut } from '../../src/core/ledger/cash-outs/request-cash-out.ts';
import { chargeAffiliate } from '../../src/core/ledger/charge-affiliate.ts';
import { fundAffiliate } from '../../src/core/ledger/fund-affiliate.ts';
import type { IdentityTestApp } from '../identity/helpers.ts';
import { TEST_DB_KIND } from '../support/template.ts';
import { balanceOf, checkInvariantsAfterEach, ledgerApp, orderId } from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await ledgerApp();
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

const staff: Actor = { type: 'staff', id: null, name: 'concurrency test' };

async function newAffiliate(name: string): Promise<number> {
  const row = await t.db
    .insertInto('affiliates')
    .values({ name, status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('affiliate_payment_methods')
    .values({ affiliate_id: row.id, type: 'skrill', details: JSON.stringify({ email: 'x@skrill.test' }) })
    .execute();
  return row.id;
}

describe.runIf(TEST_DB_KIND === 'postgres')('concurrent debits of one balance', () => {
  it('never take it below zero: exactly as many succeed as it covers', async () => {
    const affiliateId = await newAffiliate('Concurrent charges');
    await fundAffiliate({
      db: t.db,
      actor: staff,
      affiliateId,
      input: { amount: 100_00, currency: 'EUR', description: 'Start', order_id: orderId() },
    });
    // 40 charges of 300 against 10000: 33 fit (9900), 7 are refused, 100 is left
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        chargeAffiliate({
          db: t.db,
          actor: staff,
          affiliateId,
          input: { amount: 3_00, currency: 'EUR', description: 'Fee', order_id: orderId() },
        }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(33);
    expect(refused).toHaveLength(7);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_funds' });
    expect(await balanceOf(t, affiliateId)).toMatchObject({ available: 100 });
  });

  it('apply a request sent many times at once exactly once', async () => {
    const affiliateId = await newAffiliate('Concurrent replays');
    const order = orderId('same');
    const input = { amount: 12_00, currency: 'EUR', description: 'Once', order_id: order };
    const funds = await Promise.all(
      Array.from({ length: 12 }, () => fundAffiliate({ db: t.db, actor: staff, affiliateId, input })),
    );
    expect(new Set(funds.map((f) => f.entry.id)).size).toBe(1);
    expect(funds.filter((f) => !f.replayed)).toHaveLength(1);
    // 12 cash-outs of 10.00 with 6 keys, each sent twice, against 12.00 + nothing else: one fits
    const cashOuts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        requestCashOut({
          db: t.db,
          actor: staff,
          affiliateId,
          input: { currency: 'EUR', amount: 10_00 },
          idempotencyKey: `key-${i % 6}`,
        }),
      ),
    );
    const made = cashOuts.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(made.map((m) => m.cashOut.id)).size).toBe(1);
    // 1200 - 1000 = 200 available, 1000 reserved
    expect(await balanceOf(t, affiliateId)).toMatchObject({ available: 200, reserved: 1000 });
    const rows = await t.db
      .selectFrom('cash_outs')
      .select('id')
      .where('affiliate_id', '=', affiliateId)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
