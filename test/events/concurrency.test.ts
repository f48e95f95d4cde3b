/**
 * Concurrent batches on PostgreSQL, where they really run at the same time (PGlite runs one
 * transaction after another, so there the same calls only prove the sequential case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND } from '../support/template.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { insertClick, post, seedBrand, uid } from './helpers.ts';

let t: TestApp;
let admin: string;
let key: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  key = await t.apiKey(['events']);
});
afterAll(() => t.close());

const DAY = 86_400_000;

describe.runIf(TEST_DB_KIND === 'postgres')('concurrent batches', () => {
  it('share new customers without duplicating them, and each replayed event is recorded once', async () => {
    const s = await seedBrand(t, admin);
    const click = await insertClick(t, s.promo, new Date(Date.now() - 2 * DAY));
    const players = Array.from({ length: 40 }, () => uid('p'));
    const at = new Date(Date.now() - DAY).toISOString();
    // Each batch registers every player and deposits for each; all eight batches carry the same
    // registrations (same bodies), so 40 registrations exist in the end, and 8 × 40 deposits.
    const batch = (n: number) => ({
      events: players.flatMap((p) => [
        {
          type: 'registration',
          event_id: `reg-${p}`,
          brand_id: s.brand.id,
          customer_id: p,
          occurred_at: at,
          click_id: click,
        },
        {
          type: 'deposit',
          event_id: `dep-${p}-${n}`,
          brand_id: s.brand.id,
          customer_id: p,
          occurred_at: at,
          amount: 1000,
          currency: 'EUR',
        },
      ]),
    });
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => post(t, key, batch(n))));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const created = results.reduce((sum, r) => sum + r.json().created, 0);
    const duplicates = results.reduce((sum, r) => sum + r.json().duplicates, 0);
    // 40 registrations once + 320 deposits = 360 created; the 7 × 40 = 280 other registrations are replays.
    expect(created).toBe(360);
    expect(duplicates).toBe(280);

    const customers = await t.db
      .selectFrom('customers')
      .select(['id', 'event_count', 'ftd_event_id'])
      .where('brand_id', '=', s.brand.id)
      .execute();
    expect(customers).toHaveLength(40);
    // Each customer: 1 registration + 8 deposits = 9 events, and exactly one FTD.
    expect(customers.every((c) => c.event_count === 9 && c.ftd_event_id !== null)).toBe(true);
    const ftds = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('brand_id', '=', s.brand.id)
      .where('is_ftd', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(ftds.n)).toBe(40);
    const totals = await t.db
      .selectFrom('customer_totals as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['t.deposit_count', 't.deposit_total'])
      .where('c.brand_id', '=', s.brand.id)
      .execute();
    // 8 deposits of 1,000 = 8,000 per customer.
    expect(totals).toHaveLength(40);
    expect(totals.every((x) => x.deposit_count === 8 && Number(x.deposit_total) === 8000)).toBe(true);
  });

  it('two refunds of one sale racing cannot take back more than the sale', async () => {
    const s = await seedBrand(t, admin);
    const player = uid('p');
    const saleId = uid('sale');
    const at = new Date(Date.now() - DAY).toISOString();
    const sale = await post(t, key, {
      type: 'sale',
      event_id: saleId,
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: at,
      amount: 10_000,
      currency: 'EUR',
    });
    expect(sale.statusCode).toBe(201);
    // Six refunds of 3,000 at once: 3 fit in 10,000 (9,000), the other 3 are refused.
    const refunds = await Promise.all(
      Array.from({ length: 6 }, () =>
        post(t, key, {
          type: 'refund',
          event_id: uid('r'),
          brand_id: s.brand.id,
          customer_id: player,
          occurred_at: at,
          amount: 3000,
          currency: 'EUR',
          original_event_id: saleId,
        }),
      ),
    );
    const statuses = refunds.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422]);
    const taken = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.sum<string>('amount').as('sum'))
      .where('original_id', '=', BigInt(sale.json().event.id))
      .executeTakeFirstOrThrow();
    expect(Number(taken.sum)).toBe(9000);
  });
});
