import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, brandWithPlan, DAY, type EngineTest, engineApp, event, send, uid } from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

const T0 = ago(120 * DAY);
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function rowsOf(brandId: number) {
  const rows = await e.t.db
    .selectFrom('commissions')
    .select(['id', 'amount', 'status', 'reverses_id', 'event_id', 'explanation', 'trace', 'kind'])
    .where('brand_id', '=', brandId)
    .orderBy('id')
    .execute();
  return rows;
}

/** Three sales of one customer: 100.00 now, 50.00 after 40 days, 80.00 after 95 days. */
async function sales(s: { brand: { id: number }; affiliateId: number }) {
  const p = uid('p');
  const sold = [
    event(s.brand.id, p, 'sale', at(0), { amount: 10_000, affiliate_id: s.affiliateId }),
    event(s.brand.id, p, 'sale', at(40), { amount: 5000 }),
    event(s.brand.id, p, 'sale', at(95), { amount: 8000 }),
  ];
  await send(e, sold);
  return { p, sold };
}

describe('sale share, 10% of each sale', () => {
  it.each([
    // Only the first sale: 10% of 10000 = 1000.
    ['first sale', { duration: 'first_sale' }, [1000]],
    // Within 2 months of the first sale (until day ~61): 1000 + 500; the sale on day 95 earns nothing.
    ['for 2 months', { duration: 'months', months: 2 }, [1000, 500]],
    // Every sale: 1000 + 500 + 800.
    ['lifetime', { duration: 'lifetime' }, [1000, 500, 800]],
  ] as const)('%s', async (_name, duration, expected) => {
    const s = await brandWithPlan(
      e,
      { sale_share: { percent: '10', ...duration } },
      { since: ago(200 * DAY) },
    );
    await sales(s);
    const rows = await rowsOf(s.brand.id);
    expect(rows.map((r) => Number(r.amount))).toEqual(expected);
    expect(rows.every((r) => r.kind === 'sale_share' && r.status === 'approved')).toBe(true);
    expect(rows[0]?.explanation).toBe(
      `Sale share 10.00 EUR: 10% of sale 100.00 (${duration.duration === 'first_sale' ? 'first sale' : duration.duration === 'lifetime' ? 'lifetime' : `within 2 months of the first sale (until ${new Date(Date.UTC(T0.getUTCFullYear(), T0.getUTCMonth() + 2, T0.getUTCDate())).toISOString().slice(0, 10)})`})`,
    );
  });

  it('a partial refund after approval claws back its share in a new row; the commission is not changed', async () => {
    const s = await brandWithPlan(
      e,
      { sale_share: { percent: '10', duration: 'lifetime' } },
      { since: ago(200 * DAY) },
    );
    const { p, sold } = await sales(s);
    const [first] = await rowsOf(s.brand.id);
    expect(first?.status).toBe('approved');
    // Refund 40.00 of the 100.00 sale: 1000 × 4000 / 10000 = 400 taken back.
    await send(e, [
      event(s.brand.id, p, 'refund', at(100), {
        amount: 4000,
        original_event_id: sold[0]?.event_id,
        original_event_type: 'sale',
      }),
    ]);
    // A chargeback of the other 60.00: 1000 × 6000 / 10000 = 600, all that is left of the 1000.
    await send(e, [
      event(s.brand.id, p, 'chargeback', at(101), {
        amount: 6000,
        original_event_id: sold[0]?.event_id,
        original_event_type: 'sale',
      }),
    ]);
    const rows = await rowsOf(s.brand.id);
    expect(rows.map((r) => [Number(r.amount), r.status, r.reverses_id])).toEqual([
      [1000, 'approved', null],
      [500, 'approved', null],
      [800, 'approved', null],
      [-400, 'approved', first?.id],
      [-600, 'approved', first?.id],
    ]);
    // The sale's commission as it was; 1000 − 400 − 600 = 0 left of it.
    expect(rows[0]).toEqual(first);
    expect(rows[3]?.explanation).toBe(
      `Claw-back -4.00 EUR: refund of 40.00 of a 100.00 sale takes back its share of commission #${first?.id} (10.00)`,
    );
    expect(rows[4]?.trace).toMatchObject({
      formula: '-(1000 × 6000 / 10000) → -600 (half up)',
      reversed_before: '400',
    });
  });

  it('rounds half up to the minor unit', async () => {
    const s = await brandWithPlan(e, { sale_share: { percent: '10', duration: 'lifetime' } });
    const p = uid('p');
    // 10% of 3335 = 333.5 → 334; 10% of 3334 = 333.4 → 333.
    await send(e, [
      event(s.brand.id, p, 'sale', ago(2 * DAY), { amount: 3335, affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'sale', ago(DAY), { amount: 3334 }),
    ]);
    expect((await rowsOf(s.brand.id)).map((r) => Number(r.amount))).toEqual([334, 333]);
  });
});
