import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND } from '../support/template.ts';
import { brandWithPlan, type EngineTest, engineApp, event, send, uid } from './engine-helpers.ts';

// Concurrent event batches are real only on PostgreSQL (PGlite has one connection).
describe.runIf(TEST_DB_KIND === 'postgres')('CPA tier positions under concurrent batches', () => {
  let e: EngineTest;
  beforeAll(async () => {
    e = await engineApp();
  }, 300_000);
  afterAll(() => e.t.close());

  it('gives every qualified customer of the month its own position', async () => {
    // past_threshold: 20.00 for the 1st and 2nd qualified customer, 30.00 from the 3rd, 40.00
    // from the 5th, 50.00 from the 7th; a deposit of 10.00 qualifies.
    const s = await brandWithPlan(e, {
      cpa: {
        amount: 2000,
        qualification: { min_deposit_total: 1000 },
        tiers: {
          mode: 'past_threshold',
          levels: [
            { from: 1, amount: 2000 },
            { from: 3, amount: 3000 },
            { from: 5, amount: 4000 },
            { from: 7, amount: 5000 },
          ],
        },
      },
    });
    const now = new Date();
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 12));
    // Four batches of two customers each, sent at the same time, all for the same affiliate.
    const batch = () =>
      [0, 1].flatMap((i) => {
        const p = uid('p');
        const t0 = new Date(at.getTime() + i * 60_000);
        return [
          event(s.brand.id, p, 'registration', t0, { affiliate_id: s.affiliateId }),
          event(s.brand.id, p, 'deposit', new Date(t0.getTime() + 1000), { amount: 1000 }),
        ];
      });
    await Promise.all([batch(), batch(), batch(), batch()].map((items) => send(e, items)));

    const rows = await e.t.db
      .selectFrom('commissions')
      .select(['amount', 'trace'])
      .where('brand_id', '=', s.brand.id)
      .where('kind', '=', 'cpa')
      .execute();
    const positions = rows
      .map((r) => (r.trace as { tier: { qualified_in_period: number } }).tier.qualified_in_period)
      .sort((a, b) => a - b);
    // Eight customers, positions 1 to 8 once each (a race would count two batches from the
    // same rows and repeat positions 1 and 2).
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // 2 × 20.00 + 2 × 30.00 + 2 × 40.00 + 2 × 50.00 = 4000 + 6000 + 8000 + 10000 = 28000.
    expect(rows.reduce((sum, r) => sum + Number(r.amount), 0)).toBe(28_000);
  });

  it("whole_period: batches topping up each other's customers neither deadlock nor miss a top-up", async () => {
    // 20.00 from the 1st qualified customer, 30.00 from the 5th, 40.00 from the 9th; a deposit of
    // 10.00 qualifies; reaching a tier tops up every earlier CPA of the month to it.
    const s = await brandWithPlan(e, {
      cpa: {
        amount: 2000,
        qualification: { min_deposit_total: 1000 },
        tiers: {
          mode: 'whole_period',
          levels: [
            { from: 1, amount: 2000 },
            { from: 5, amount: 3000 },
            { from: 9, amount: 4000 },
          ],
        },
      },
    });
    const now = new Date();
    const at = (minute: number) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 12, minute));
    const qualifier = (minute: number) => {
      const p = uid('p');
      return [
        event(s.brand.id, p, 'registration', at(minute), { affiliate_id: s.affiliateId }),
        event(s.brand.id, p, 'deposit', new Date(at(minute).getTime() + 1000), { amount: 1000 }),
      ];
    };
    // Four customers qualified first, each then sent again by one of four simultaneous batches
    // (which locks it), while each batch qualifies two more: the batches top up each other's.
    const first = [0, 1, 2, 3].map((i) => qualifier(i));
    await send(e, first.flat());
    const again = first.map(([registration], i) =>
      event(s.brand.id, registration?.customer_id as string, 'deposit', at(10 + i), { amount: 500 }),
    );
    await Promise.all(
      again.map((deposit, i) => send(e, [deposit, ...qualifier(20 + 2 * i), ...qualifier(21 + 2 * i)])),
    );
    const rows = await e.t.db
      .selectFrom('commissions')
      .select(['customer_id', 'amount'])
      .where('brand_id', '=', s.brand.id)
      .execute();
    const paid = new Map<string, number>();
    for (const r of rows)
      paid.set(String(r.customer_id), (paid.get(String(r.customer_id)) ?? 0) + Number(r.amount));
    // Twelve customers reach tier 3 (from the 9th): each is paid 40.00 in all, 12 × 4000 = 48000.
    expect([...paid.values()]).toEqual(Array(12).fill(4000));
    expect(rows.reduce((sum, r) => sum + Number(r.amount), 0)).toBe(48_000);
  });
});
