/**
 * The sale share rules, called directly on a database of their own (the API tests are in
 * engine-sale.test.ts and sale-share-edges.test.ts; no app here, because the mutation run starts
 * this file once per mutant): the whole commission each rule writes, the first sale read from
 * the events, the claw-back of a written commission (what was taken back before, its hold, a
 * rejected one) and of one of the same run. The rows they read are inserted bare.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EngineCustomer,
  EngineEvent,
  NewCommission,
} from '../../src/core/commissions/engine/engine-types.ts';
import type { EnginePlan } from '../../src/core/commissions/engine/plan-lookup.ts';
import { reversals, saleCommissions } from '../../src/core/commissions/engine/sale-share.ts';
import type { Database, Db } from '../../src/db/index.ts';
import { createTestDatabase } from '../support/test-database.ts';

let database: Database;
let db: Db;
let brandId: number;
let affiliateId: number;
let n = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  ({ id: brandId } = await db
    .insertInto('brands')
    .values({ name: 'Sale brand', base_currency: 'EUR' } as never)
    .returning('id')
    .executeTakeFirstOrThrow());
  ({ id: affiliateId } = await db
    .insertInto('affiliates')
    .values({ name: 'Sale affiliate' } as never)
    .returning('id')
    .executeTakeFirstOrThrow());
}, 300_000);
afterAll(() => database.close());

const T0 = new Date('2026-01-31T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function customer(over: Partial<EngineCustomer> = {}): Promise<EngineCustomer> {
  const external_id = `c${++n}`;
  const { id } = await db
    .insertInto('customers')
    .values({ brand_id: brandId, external_id, first_event_at: T0, last_event_at: T0 } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: BigInt(id),
    brand_id: brandId,
    external_id,
    affiliate_id: affiliateId,
    campaign_id: 51,
    promo_id: 61,
    country: null,
    registered_at: null,
    attributed_at: null,
    first_event_at: T0,
    qualified_at: null,
    held: false,
    ...over,
  };
}

/** An event as written, and as the engine reads it. */
async function event(
  c: EngineCustomer,
  type: EngineEvent['type'],
  occurred_at: Date,
  amount: bigint | null,
  over: Partial<EngineEvent> = {},
): Promise<EngineEvent> {
  const { id } = await db
    .insertInto('events')
    .values({
      brand_id: brandId,
      type,
      event_id: `e${++n}`,
      customer_id: c.id,
      occurred_at,
      amount,
      currency: amount === null ? null : 'EUR',
      original_id: over.original_id ?? null,
      attribution: '{}',
      body_hash: 'x',
      actor_type: 'system',
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: BigInt(id),
    customer_id: c.id,
    type,
    occurred_at,
    amount,
    currency: amount === null ? null : 'EUR',
    original_id: null,
    affiliate_id: affiliateId,
    campaign_id: 52,
    promo_id: 62,
    ...over,
  };
}

const plan = (sale_share: Record<string, unknown> | undefined, currency = 'EUR'): EnginePlan => ({
  plan: { id: 900, name: 'Sales', currency, minor_unit: 2 },
  version: {
    id: 901,
    plan_id: 900,
    version: 3,
    effective_from: at(-100),
    definition: (sale_share ? { sale_share } : { cpl: { amount: 100 } }) as never,
    customer_binding: 'keep',
  },
  source: 'brand',
  bound_at: T0,
});

const planTrace = { id: 900, name: 'Sales', version: 3, version_id: 901 };
const eventTrace = (e: EngineEvent) => ({
  id: e.id.toString(),
  type: e.type,
  amount: (e.amount ?? 0n).toString(),
  occurred_at: e.occurred_at.toISOString(),
});

describe('saleCommissions', () => {
  it('writes the whole commission of a percentage share within months of the first sale', async () => {
    const c = await customer();
    const first = await event(c, 'sale', T0, 10_000n);
    // One month after 31 January is 3 March (2026 is not a leap year: 31 Jan + 1 month rolls over).
    const inside = await event(c, 'sale', new Date(Date.UTC(2026, 2, 3, 9, 59, 59, 999)), 4321n, {
      affiliate_id: null,
    });
    const end = await event(c, 'sale', new Date(Date.UTC(2026, 2, 3, 10)), 5000n);
    const p = plan({ percent: '12.5', duration: 'months', months: 1 });
    const rows = await saleCommissions(db, [
      { event: first, customer: c, plan: p },
      { event: inside, customer: c, plan: p },
      { event: end, customer: c, plan: p },
    ]);
    // 12.5% of 10,000 = 1,250; 12.5% of 4,321 = 540.125 → 540 (half up); the sale at the end earns nothing.
    expect(rows.map((r) => r.amount)).toEqual([1250n, 540n]);
    const words = 'within 1 months of the first sale (until 2026-03-03)';
    expect(rows[1]).toEqual({
      brand_id: brandId,
      affiliate_id: affiliateId,
      currency: 'EUR',
      amount: 540n,
      kind: 'sale_share',
      plan_id: 900,
      plan_version_id: 901,
      customer_id: c.id,
      event_id: inside.id,
      // The sale names no affiliate: the customer's campaign and promo.
      campaign_id: 51,
      promo_id: 61,
      source_affiliate_id: null,
      level: null,
      source: null,
      reverses: null,
      earned_at: inside.occurred_at,
      hold_until: null,
      held: false,
      source_key: `sale:${inside.id}`,
      trace: {
        rule: 'sale_share',
        plan: planTrace,
        inputs: { events: [eventTrace(inside)] },
        duration: 'months',
        months: 1,
        first_sale_event_id: first.id.toString(),
        percent: '12.5',
        fixed_amount: null,
        formula: '4321 × 12.5% = 540.125 → 540 (half up)',
        amount: '540',
      },
      explanation: `Sale share 5.40 EUR: 12.5% of sale 43.21 (${words})`,
    } satisfies NewCommission);
    // The sale naming the affiliate: its own campaign and promo.
    expect(rows[0]).toMatchObject({
      campaign_id: 52,
      promo_id: 62,
      explanation: `Sale share 12.50 EUR: 12.5% of sale 100.00 (${words})`,
    });
  });

  it('pays the first sale only, the first read from the events', async () => {
    const c = await customer({ held: true });
    const first = await event(c, 'sale', at(0), 2000n);
    const later = await event(c, 'sale', at(1), 3000n);
    const p = plan({ percent: '10', duration: 'first_sale' });
    // Only the later one in this run: the first sale, written before, is still the first.
    expect(await saleCommissions(db, [{ event: later, customer: c, plan: p }])).toEqual([]);
    const [row, ...rest] = await saleCommissions(db, [
      { event: first, customer: c, plan: p },
      { event: later, customer: c, plan: p },
    ]);
    expect(rest).toEqual([]);
    // 10% of 2,000 = 200; a held customer's commission waits.
    expect(row).toMatchObject({
      amount: 200n,
      held: true,
      explanation: 'Sale share 2.00 EUR: 10% of sale 20.00 (first sale)',
      trace: { duration: 'first_sale', months: null, first_sale_event_id: first.id.toString() },
    });
  });

  it('takes a sale not in the events as its own first', async () => {
    const c = await customer();
    const sale: EngineEvent = {
      id: 987_654_321n,
      customer_id: c.id,
      type: 'sale',
      occurred_at: at(2),
      amount: 1000n,
      currency: 'EUR',
      original_id: null,
      affiliate_id: affiliateId,
      campaign_id: null,
      promo_id: null,
    };
    const [row] = await saleCommissions(db, [
      { event: sale, customer: c, plan: plan({ percent: '10', duration: 'first_sale' }) },
    ]);
    expect(row?.trace).toMatchObject({ first_sale_event_id: '987654321' });
    expect(row?.amount).toBe(100n);
  });

  it('pays a fixed amount on every sale, with no amount too', async () => {
    const c = await customer();
    const p = plan({ amount: 250, duration: 'lifetime' });
    const one = await event(c, 'sale', at(0), 10_000n);
    const two = await event(c, 'sale', at(400), null, { currency: 'EUR' });
    const rows = await saleCommissions(db, [
      { event: one, customer: c, plan: p },
      { event: two, customer: c, plan: p },
    ]);
    expect(rows.map((r) => [r.amount, r.explanation])).toEqual([
      [250n, 'Sale share 2.50 EUR: fixed amount per sale (lifetime)'],
      [250n, 'Sale share 2.50 EUR: fixed amount per sale (lifetime)'],
    ]);
    expect(rows[1]?.trace).toMatchObject({
      inputs: { events: [{ amount: '0' }] },
      duration: 'lifetime',
      months: null,
      percent: null,
      fixed_amount: 250,
      formula: 'fixed amount 250',
      amount: '250',
    });
  });

  it('pays nothing without a sale share, in another currency, or when it rounds to zero', async () => {
    const c = await customer();
    const sale = await event(c, 'sale', at(0), 4n);
    expect(await saleCommissions(db, [{ event: sale, customer: c, plan: plan(undefined) }])).toEqual([]);
    const lifetime = { percent: '10', duration: 'lifetime' };
    // A sale in EUR on a plan in USD: 10% of 10,000 would be 1,000.
    const big = await event(c, 'sale', at(2), 10_000n);
    expect(await saleCommissions(db, [{ event: big, customer: c, plan: plan(lifetime, 'USD') }])).toEqual([]);
    // 10% of 4 = 0.4 → 0; 10% of 5 = 0.5 → 1.
    expect(await saleCommissions(db, [{ event: sale, customer: c, plan: plan(lifetime) }])).toEqual([]);
    const five = await event(c, 'sale', at(1), 5n);
    const rows = await saleCommissions(db, [{ event: five, customer: c, plan: plan(lifetime) }]);
    expect(rows.map((r) => r.amount)).toEqual([1n]);
    expect(rows[0]?.explanation).toBe('Sale share 0.01 EUR: 10% of sale 0.05 (lifetime)');
  });
});

/** A sale share as written: its amount, status and hold. */
async function written(
  sale: EngineEvent,
  amount: bigint,
  status = 'approved',
  holdUntil: Date | null = null,
) {
  const { id } = await db
    .insertInto('commissions')
    .values({
      brand_id: brandId,
      affiliate_id: affiliateId,
      currency: 'EUR',
      amount,
      kind: 'sale_share',
      status,
      initial_status: status === 'rejected' ? 'approved' : status,
      plan_id: null,
      plan_version_id: null,
      customer_id: sale.customer_id,
      event_id: sale.id,
      campaign_id: 53,
      promo_id: 63,
      earned_at: sale.occurred_at,
      hold_until: holdUntil,
      source_key: `sale:${sale.id}:${++n}`,
      trace: '{}',
      explanation: 'written',
      actor_type: 'system',
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return BigInt(id);
}

describe('reversals', () => {
  const minor = new Map([['EUR', 2]]);

  it('takes back a written commission in proportion, capped at what is left', async () => {
    const c = await customer();
    const sale = await event(c, 'sale', at(0), 10_000n);
    const id = await written(sale, 1000n);
    // Taken back before: 300.
    const earlier = await event(c, 'refund', at(1), 3000n, { original_id: sale.id });
    await db
      .insertInto('commissions')
      .values({
        brand_id: brandId,
        affiliate_id: affiliateId,
        currency: 'EUR',
        amount: -300n,
        kind: 'sale_share',
        status: 'approved',
        initial_status: 'approved',
        event_id: earlier.id,
        reverses_id: id,
        earned_at: at(1),
        source_key: `back:${++n}`,
        trace: '{}',
        explanation: 'back',
        actor_type: 'system',
      } as never)
      .execute();
    // 1000 × 4000 / 10000 = 400 of the 700 left; then 1000 × 4000 / 10000 = 400 of the 300 left → 300; then nothing.
    const r1 = await event(c, 'refund', at(2), 4000n, { original_id: sale.id });
    const r2 = await event(c, 'chargeback', at(3), 4000n, { original_id: sale.id });
    const r3 = await event(c, 'refund', at(4), 1n, { original_id: sale.id });
    const rows = await reversals(
      db,
      [r1, r2, r3].map((e) => ({ event: e, customer: c })),
      [],
      minor,
    );
    expect(rows.map((r) => [r.amount, r.reverses])).toEqual([
      [-400n, id],
      [-300n, id],
    ]);
    expect(rows[1]).toEqual({
      brand_id: brandId,
      affiliate_id: affiliateId,
      currency: 'EUR',
      amount: -300n,
      kind: 'sale_share',
      plan_id: null,
      plan_version_id: null,
      customer_id: c.id,
      event_id: r2.id,
      campaign_id: 53,
      promo_id: 63,
      source_affiliate_id: null,
      level: null,
      source: null,
      reverses: id,
      earned_at: r2.occurred_at,
      hold_until: null,
      held: false,
      source_key: `reversal:${r2.id}:${sale.id}`,
      trace: {
        rule: 'sale_share_reversal',
        inputs: { events: [eventTrace(r2)] },
        original_event_id: sale.id.toString(),
        commission_amount: '1000',
        sale_amount: '10000',
        reversed_before: '700',
        formula: '-(1000 × 4000 / 10000) → -400 (half up), capped at what is left: -300',
        amount: '-300',
      },
      explanation: `Claw-back -3.00 EUR: chargeback of 40.00 of a 100.00 sale takes back its share of commission #${id} (10.00)`,
    } satisfies NewCommission);
    expect(rows[0]?.trace).toMatchObject({
      reversed_before: '300',
      formula: '-(1000 × 4000 / 10000) → -400 (half up)',
    });
  });

  it('holds the claw-back of a held commission, and takes nothing of a rejected one', async () => {
    const c = await customer();
    const held = await event(c, 'sale', at(0), 1000n);
    const until = at(30);
    const heldId = await written(held, 100n, 'on_hold', until);
    const rejectedSale = await event(c, 'sale', at(0), 1000n);
    await written(rejectedSale, 100n, 'rejected');
    const noCommission = await event(c, 'sale', at(0), 1000n);
    const back = (sale: EngineEvent) => event(c, 'refund', at(1), 500n, { original_id: sale.id });
    const rows = await reversals(
      db,
      await Promise.all(
        [held, rejectedSale, noCommission].map(async (s) => ({ event: await back(s), customer: c })),
      ),
      [],
      new Map(),
    );
    // 100 × 500 / 1000 = 50, held until the commission's hold ends; the amounts in 2 decimals by default.
    expect(rows.map((r) => [r.amount, r.reverses, r.held, r.hold_until])).toEqual([
      [-50n, heldId, true, until],
    ]);
    expect(rows[0]?.explanation).toBe(
      `Claw-back -0.50 EUR: refund of 5.00 of a 10.00 sale takes back its share of commission #${heldId} (1.00)`,
    );
  });

  it('takes nothing back of a sale of no amount, or for a take-back naming no sale', async () => {
    const c = await customer();
    const free = await event(c, 'sale', at(0), 0n);
    await written(free, 250n);
    const refund = await event(c, 'refund', at(1), 0n, { original_id: free.id });
    const orphan = await event(c, 'chargeback', at(1), 100n);
    expect(
      await reversals(
        db,
        [refund, orphan].map((e) => ({ event: e, customer: c })),
        [],
        minor,
      ),
    ).toEqual([]);
    expect(await reversals(db, [{ event: orphan, customer: c }], [], minor)).toEqual([]);
  });

  it('takes back only a sale share of the same run', async () => {
    const c = await customer();
    const sale = await event(c, 'sale', at(0), 1000n);
    const refund = await event(c, 'refund', at(1), 500n, { original_id: sale.id });
    const [share] = await saleCommissions(db, [
      { event: sale, customer: c, plan: plan({ amount: 100, duration: 'lifetime' }) },
    ]);
    // A CPA row on the sale's event and a sale share of no event are no targets.
    const others = [
      { ...(share as NewCommission), kind: 'cpa' as const },
      { ...(share as NewCommission), event_id: null },
    ];
    expect(await reversals(db, [{ event: refund, customer: c }], others, minor)).toEqual([]);
    // The share itself is: 100 × 500 / 1000 = 50.
    const [back] = await reversals(db, [{ event: refund, customer: c }], [share as NewCommission], minor);
    expect(back?.amount).toBe(-50n);
  });

  it('takes back a share of the same run, with the currency minor unit given', async () => {
    const c = await customer();
    const sale = await event(c, 'sale', at(0), 3000n);
    const [share] = await saleCommissions(db, [
      { event: sale, customer: c, plan: plan({ amount: 3, duration: 'lifetime' }) },
    ]);
    const r1 = await event(c, 'refund', at(1), 1000n, { original_id: sale.id });
    const r2 = await event(c, 'refund', at(2), 2000n, { original_id: sale.id });
    // 3 × 1000 / 3000 = 1; 3 × 2000 / 3000 = 2: all of it.
    const rows = await reversals(
      db,
      [r1, r2].map((e) => ({ event: e, customer: c })),
      [share as NewCommission],
      new Map([['EUR', 3]]),
    );
    expect(rows.map((r) => [r.amount, r.reverses === share])).toEqual([
      [-1n, true],
      [-2n, true],
    ]);
    expect(rows[1]?.explanation).toBe(
      'Claw-back -0.002 EUR: refund of 2.000 of a 3.000 sale takes back its share of commission of the sale (0.003)',
    );
    expect(rows[1]?.trace).toMatchObject({
      sale_amount: '3000',
      reversed_before: '1',
      commission_amount: '3',
    });
  });
});
