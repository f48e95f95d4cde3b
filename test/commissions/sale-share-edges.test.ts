/**
 * Sale share at its edges, through the event API (engine-sale.test.ts has the main cases): the
 * whole trace, a fixed amount, a sale in another currency, the end of a months window, a share
 * that rounds to nothing, and claw-backs capped at what is left, in the sale's own batch, of a
 * rejected commission. Expected amounts are worked out by hand beside them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ago,
  brandWithPlan,
  DAY,
  type EngineTest,
  engineApp,
  event,
  ok,
  send,
  uid,
} from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

const T0 = ago(100 * DAY);
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function rowsOf(brandId: number) {
  return e.t.db
    .selectFrom('commissions')
    .selectAll()
    .where('brand_id', '=', brandId)
    .where('kind', '=', 'sale_share')
    .orderBy('id')
    .execute();
}
async function eventId(brandId: number, externalId: string) {
  const row = await e.t.db
    .selectFrom('events')
    .select('id')
    .where('brand_id', '=', brandId)
    .where('event_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return row.id;
}
const since = { since: ago(200 * DAY) };

describe('sale share', () => {
  it('traces a percentage share in full', async () => {
    const s = await brandWithPlan(
      e,
      { sale_share: { percent: '12.5', duration: 'months', months: 3 } },
      since,
    );
    const p = uid('p');
    const sale = event(s.brand.id, p, 'sale', at(0), { amount: 4321, affiliate_id: s.affiliateId });
    await send(e, [sale]);
    const id = await eventId(s.brand.id, sale.event_id as string);
    const [row, ...rest] = await rowsOf(s.brand.id);
    expect(rest).toEqual([]);
    // 12.5% of 4,321 = 540.125 → 540 (half up)
    const until = new Date(T0);
    until.setUTCMonth(until.getUTCMonth() + 3);
    expect(row).toMatchObject({
      amount: 540n,
      affiliate_id: s.affiliateId,
      currency: 'EUR',
      plan_id: s.plan.id,
      event_id: id,
      earned_at: at(0),
      hold_until: null,
      reverses_id: null,
      source_key: `sale:${id}`,
      explanation: `Sale share 5.40 EUR: 12.5% of sale 43.21 (within 3 months of the first sale (until ${until.toISOString().slice(0, 10)}))`,
    });
    expect(row?.trace).toEqual({
      rule: 'sale_share',
      plan: { id: s.plan.id, name: s.plan.name, version: 1, version_id: row?.plan_version_id },
      inputs: {
        events: [{ id: String(id), type: 'sale', amount: '4321', occurred_at: at(0).toISOString() }],
      },
      duration: 'months',
      months: 3,
      first_sale_event_id: String(id),
      percent: '12.5',
      fixed_amount: null,
      formula: '4321 × 12.5% = 540.125 → 540 (half up)',
      amount: '540',
    });
  });

  it('pays a fixed amount per sale, and nothing on a sale in another currency', async () => {
    const s = await brandWithPlan(e, { sale_share: { amount: 250, duration: 'lifetime' } }, since);
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'sale', at(0), { amount: 10_000, affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'sale', at(1), { amount: 10_000, currency: 'USD' }),
    ]);
    const rows = await rowsOf(s.brand.id);
    expect(rows.map((r) => [Number(r.amount), r.explanation])).toEqual([
      [250, 'Sale share 2.50 EUR: fixed amount per sale (lifetime)'],
    ]);
    expect(rows[0]?.trace).toMatchObject({
      duration: 'lifetime',
      months: null,
      percent: null,
      fixed_amount: 250,
      formula: 'fixed amount 250',
    });
  });

  it('ends a months window at the instant N months after the first sale', async () => {
    const s = await brandWithPlan(e, { sale_share: { percent: '10', duration: 'months', months: 1 } }, since);
    const p = uid('p');
    const end = new Date(T0);
    end.setUTCMonth(end.getUTCMonth() + 1);
    await send(e, [event(s.brand.id, p, 'sale', T0, { amount: 1000, affiliate_id: s.affiliateId })]);
    // One millisecond before the end is in the window (10% of 2000 = 200); the end itself is not.
    await send(e, [
      event(s.brand.id, p, 'sale', new Date(end.getTime() - 1), { amount: 2000 }),
      event(s.brand.id, p, 'sale', end, { amount: 3000 }),
    ]);
    expect((await rowsOf(s.brand.id)).map((r) => Number(r.amount))).toEqual([100, 200]);
  });

  it('first sale only: a later sale in the same batch earns nothing', async () => {
    const s = await brandWithPlan(e, { sale_share: { percent: '10', duration: 'first_sale' } }, since);
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'sale', at(0), { amount: 1000, affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'sale', at(1), { amount: 5000 }),
    ]);
    const rows = await rowsOf(s.brand.id);
    expect(rows.map((r) => [Number(r.amount), r.explanation])).toEqual([
      [100, 'Sale share 1.00 EUR: 10% of sale 10.00 (first sale)'],
    ]);
  });

  it('writes nothing for a share that rounds to zero', async () => {
    const s = await brandWithPlan(e, { sale_share: { percent: '10', duration: 'lifetime' } }, since);
    const p = uid('p');
    // 10% of 4 = 0.4 → 0: no row; 10% of 5 = 0.5 → 1 (half up).
    await send(e, [
      event(s.brand.id, p, 'sale', at(0), { amount: 4, affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'sale', at(1), { amount: 5 }),
    ]);
    expect((await rowsOf(s.brand.id)).map((r) => Number(r.amount))).toEqual([1]);
  });
});

describe('claw-backs', () => {
  // A share of 3 on a sale of 4 (fixed amount): the half-up claw-backs can add up to more than 3.
  const FIXED_3 = { sale_share: { amount: 3, duration: 'lifetime' } };
  const takeBack =
    (brandId: number, p: string, sale: Record<string, unknown>) =>
    (type: string, day: number, amount: number) =>
      event(brandId, p, type, at(day), {
        amount,
        original_event_id: sale.event_id,
        original_event_type: 'sale',
      });

  it('never take back more than is left, and nothing once it is all taken back', async () => {
    const s = await brandWithPlan(e, FIXED_3, since);
    const p = uid('p');
    const sale = event(s.brand.id, p, 'sale', at(0), { amount: 4, affiliate_id: s.affiliateId });
    await send(e, [sale]);
    const back = takeBack(s.brand.id, p, sale);
    // 3 × 2 / 4 = 1.5 → 2; then 3 × 2 / 4 = 1.5 → 2, but only 1 is left.
    await send(e, [back('refund', 1, 2)]);
    await send(e, [back('chargeback', 2, 2)]);
    const rows = await rowsOf(s.brand.id);
    expect(rows.map((r) => [Number(r.amount), r.reverses_id])).toEqual([
      [3, null],
      [-2, rows[0]?.id],
      [-1, rows[0]?.id],
    ]);
    const chargeback = rows[2];
    expect(chargeback?.explanation).toBe(
      `Claw-back -0.01 EUR: chargeback of 0.02 of a 0.04 sale takes back its share of commission #${rows[0]?.id} (0.03)`,
    );
    expect(chargeback?.trace).toEqual({
      rule: 'sale_share_reversal',
      inputs: {
        events: [
          {
            id: String(chargeback?.event_id),
            type: 'chargeback',
            amount: '2',
            occurred_at: at(2).toISOString(),
          },
        ],
      },
      original_event_id: String(rows[0]?.event_id),
      commission_amount: '3',
      sale_amount: '4',
      reversed_before: '2',
      formula: '-(3 × 2 / 4) → -2 (half up), capped at what is left: -1',
      amount: '-1',
    });
    expect(chargeback).toMatchObject({
      affiliate_id: s.affiliateId,
      currency: 'EUR',
      customer_id: rows[0]?.customer_id,
      source_key: `reversal:${chargeback?.event_id}:${rows[0]?.event_id}`,
      earned_at: at(2),
      hold_until: null,
      plan_id: s.plan.id,
      plan_version_id: rows[0]?.plan_version_id,
      campaign_id: rows[0]?.campaign_id,
      promo_id: rows[0]?.promo_id,
    });

    // Another customer: 3 × 2 / 4 → 2, 3 × 1 / 4 = 0.75 → 1 (all that is left), then nothing is left.
    const q = uid('q');
    const sale2 = event(s.brand.id, q, 'sale', at(0), { amount: 4, affiliate_id: s.affiliateId });
    await send(e, [sale2]);
    const back2 = takeBack(s.brand.id, q, sale2);
    for (const [day, amount] of [
      [1, 2],
      [2, 1],
      [3, 1],
    ] as const)
      await send(e, [back2('refund', day, amount)]);
    const second = (await rowsOf(s.brand.id)).slice(3);
    expect(second.map((r) => Number(r.amount))).toEqual([3, -2, -1]);
    expect(second[2]?.trace).toMatchObject({ formula: '-(3 × 1 / 4) → -1 (half up)', reversed_before: '2' });
  });

  it('take back a share written in the same batch', async () => {
    const s = await brandWithPlan(e, FIXED_3, since);
    const p = uid('p');
    const sale = event(s.brand.id, p, 'sale', at(0), { amount: 4, affiliate_id: s.affiliateId });
    const back = takeBack(s.brand.id, p, sale);
    // 3 × 2 / 4 = 1.5 → 2, then 2 again capped at the 1 left.
    await send(e, [sale, back('refund', 1, 2), back('refund', 2, 2)]);
    const rows = await rowsOf(s.brand.id);
    expect(rows.map((r) => [Number(r.amount), r.reverses_id])).toEqual([
      [3, null],
      [-2, rows[0]?.id],
      [-1, rows[0]?.id],
    ]);
    expect(rows[1]?.explanation).toBe(
      'Claw-back -0.02 EUR: refund of 0.02 of a 0.04 sale takes back its share of commission of the sale (0.03)',
    );
    expect(rows[2]?.trace).toMatchObject({
      commission_amount: '3',
      sale_amount: '4',
      reversed_before: '2',
      formula: '-(3 × 2 / 4) → -2 (half up), capped at what is left: -1',
    });
  });

  it('take nothing back of a rejected commission', async () => {
    const s = await brandWithPlan(e, { sale_share: { percent: '10', duration: 'lifetime' } }, since);
    const p = uid('p');
    const sale = event(s.brand.id, p, 'sale', at(0), { amount: 10_000, affiliate_id: s.affiliateId });
    await send(e, [sale]);
    const [row] = await rowsOf(s.brand.id);
    await ok(await e.api('POST', `/commissions/${row?.id}/reject`, { reason: 'fraudulent sale' }));
    await send(e, [
      event(s.brand.id, p, 'refund', at(1), {
        amount: 10_000,
        original_event_id: sale.event_id,
        original_event_type: 'sale',
      }),
    ]);
    expect((await rowsOf(s.brand.id)).map((r) => [Number(r.amount), r.status])).toEqual([[1000, 'rejected']]);
  });
});
