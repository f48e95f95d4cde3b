import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandWithPlan, type EngineTest, engineApp, event, send, uid } from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

// The month before last (UTC), so every qualification of a case falls in one calendar month.
const now = new Date();
const day = (d: number, monthsLater = 0) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2 + monthsLater, d, 12));

// CPA 20.00 for the 1st and 2nd qualified customer of the month, 30.00 from the 3rd, 40.00 from
// the 5th; a deposit of 10.00 qualifies.
const tiers = (mode: string) => ({
  cpa: {
    amount: 2000,
    qualification: { min_deposit_total: 1000 },
    tiers: {
      mode,
      levels: [
        { from: 1, amount: 2000 },
        { from: 3, amount: 3000 },
        { from: 5, amount: 4000 },
      ],
    },
  },
});

async function qualify(s: { brand: { id: number }; affiliateId: number }, days: number[], monthsLater = 0) {
  const items = days.flatMap((d) => {
    const p = uid('p');
    return [
      event(s.brand.id, p, 'registration', day(d, monthsLater), { affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'deposit', new Date(day(d, monthsLater).getTime() + 60_000), { amount: 1000 }),
    ];
  });
  await send(e, items);
}

async function cpas(brandId: number) {
  const rows = await e.t.db
    .selectFrom('commissions as c')
    .innerJoin('customers as u', 'u.id', 'c.customer_id')
    .select([
      'c.amount',
      'c.source_commission_id',
      'c.earned_at',
      'u.registered_at',
      'c.source_key',
      'c.explanation',
      'c.trace',
    ])
    .where('c.brand_id', '=', brandId)
    .orderBy('c.id')
    .execute();
  // Per customer (in registration order): what it was paid in total, and in how many rows.
  const byCustomer = new Map<number, { paid: number; rows: number }>();
  for (const r of rows) {
    const k = (r.registered_at as Date).getTime();
    const v = byCustomer.get(k) ?? { paid: 0, rows: 0 };
    byCustomer.set(k, { paid: v.paid + Number(r.amount), rows: v.rows + 1 });
  }
  return { rows, perCustomer: [...byCustomer.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v) };
}

describe('CPA tiers by qualified customers in the month', () => {
  it('past_threshold: each CPA pays the tier its own position reached', async () => {
    const s = await brandWithPlan(e, tiers('past_threshold'));
    // Two batches: customers 1-2, then 3-6.
    await qualify(s, [3, 4]);
    await qualify(s, [5, 6, 7, 8]);
    const { rows, perCustomer } = await cpas(s.brand.id);
    // 1st, 2nd: 20.00; 3rd, 4th: 30.00; 5th, 6th: 40.00 = 2000+2000+3000+3000+4000+4000 = 18000.
    expect(perCustomer.map((c) => c.paid)).toEqual([2000, 2000, 3000, 3000, 4000, 4000]);
    expect(rows).toHaveLength(6);
    expect(rows.reduce((sum, r) => sum + Number(r.amount), 0)).toBe(18_000);
    expect(rows[2]?.explanation).toBe(
      'CPA 30.00 EUR: deposits 10.00 ≥ 10.00; tier 2, 3rd qualified customer this month',
    );
    // A new month starts at the first tier again.
    await qualify(s, [2], 1);
    const next = await cpas(s.brand.id);
    expect(Number(next.rows[6]?.amount)).toBe(2000);
  });

  it('whole_period: reaching a tier tops up every earlier CPA of the month with new rows', async () => {
    const s = await brandWithPlan(e, tiers('whole_period'));
    await qualify(s, [3, 4]);
    // Tier 1 only: 2000 + 2000, nothing to top up.
    expect((await cpas(s.brand.id)).rows.map((r) => Number(r.amount))).toEqual([2000, 2000]);
    // Customers 3 and 4 reach tier 2 (30.00): 3000 each, and customers 1 and 2 get +1000 each.
    await qualify(s, [5, 6]);
    let now = await cpas(s.brand.id);
    expect(now.perCustomer.map((c) => c.paid)).toEqual([3000, 3000, 3000, 3000]);
    expect(now.rows.filter((r) => r.source_commission_id !== null).map((r) => Number(r.amount))).toEqual([
      1000, 1000,
    ]);
    // Customers 5 and 6 reach tier 3 (40.00): 4000 each, and 1 to 4 get +1000 each again.
    await qualify(s, [7, 8]);
    now = await cpas(s.brand.id);
    // 6 customers × 4000 = 24000, in 6 CPAs + 2 top-ups to tier 2 + 4 top-ups to tier 3 = 12 rows.
    expect(now.perCustomer.map((c) => c.paid)).toEqual([4000, 4000, 4000, 4000, 4000, 4000]);
    expect(now.rows).toHaveLength(12);
    expect(now.rows.reduce((sum, r) => sum + Number(r.amount), 0)).toBe(24_000);
    const topUp = now.rows.find((r) => r.source_key.startsWith('cpa-topup:') && r.source_key.endsWith(':3'));
    expect(topUp?.trace).toMatchObject({
      rule: 'cpa_tier_top_up',
      paid_before: '3000',
      formula: '4000 - 3000 = 1000',
    });
    expect(topUp?.explanation).toContain('tier 3 reached with the 6th qualified customer');
  });

  it('whole_period in one batch: the same amounts as batch by batch', async () => {
    const s = await brandWithPlan(e, tiers('whole_period'));
    await qualify(s, [3, 4, 5, 6, 7, 8]);
    const { rows, perCustomer } = await cpas(s.brand.id);
    // 2000, 2000, 3000, 3000, 4000, 4000 earned; the first four topped up to 4000:
    // +2000, +2000, +1000, +1000 = 6 × 4000 = 24000.
    expect(perCustomer.map((c) => c.paid)).toEqual([4000, 4000, 4000, 4000, 4000, 4000]);
    expect(rows.reduce((sum, r) => sum + Number(r.amount), 0)).toBe(24_000);
  });
});

describe('sub-affiliate CPA fee over two levels', () => {
  it('pays the referrer 5.00 and the referrer’s referrer 2.00 per qualified customer', async () => {
    const s = await brandWithPlan(e, {
      cpa: { amount: 3000, qualification: { min_deposit_total: 1000 } },
      sub_affiliate: { levels: [{ cpa_fee: 500 }, { cpa_fee: 200 }] },
    });
    // top ← mid ← the brand's affiliate (sub).
    const affiliate = async (name: string, referrer: number | null) =>
      (
        await e.t.db
          .insertInto('affiliates')
          .values({ name: uid(name), status: 'active', referrer_id: referrer })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const top = await affiliate('Top', null);
    const mid = await affiliate('Mid', top);
    await e.t.db
      .updateTable('affiliates')
      .set({ referrer_id: mid })
      .where('id', '=', s.affiliateId)
      .execute();
    const p1 = uid('p');
    const p2 = uid('p');
    await send(e, [
      event(s.brand.id, p1, 'deposit', new Date(Date.now() - 3_600_000), {
        amount: 1000,
        affiliate_id: s.affiliateId,
      }),
      event(s.brand.id, p2, 'deposit', new Date(Date.now() - 3_600_000), { amount: 1000, affiliate_id: mid }),
    ]);
    const rows = await e.t.db
      .selectFrom('commissions')
      .select([
        'affiliate_id',
        'kind',
        'amount',
        'level',
        'source_affiliate_id',
        'source_commission_id',
        'explanation',
        'id',
      ])
      .where('brand_id', '=', s.brand.id)
      .orderBy('id')
      .execute();
    const view = rows.map((r) => [r.affiliate_id, r.kind, Number(r.amount), r.level, r.source_affiliate_id]);
    // sub's customer: sub CPA 3000, mid 500 (level 1), top 200 (level 2);
    // mid's own customer: mid CPA 3000, top 500 (level 1), nobody above top.
    expect(view).toEqual(
      expect.arrayContaining([
        [s.affiliateId, 'cpa', 3000, null, null],
        [mid, 'sub_cpa', 500, 1, s.affiliateId],
        [top, 'sub_cpa', 200, 2, s.affiliateId],
        [mid, 'cpa', 3000, null, null],
        [top, 'sub_cpa', 500, 1, mid],
      ]),
    );
    expect(view).toHaveLength(5);
    const cut = rows.find((r) => r.kind === 'sub_cpa' && r.level === 2);
    // The level-2 cut names the sub-affiliate's CPA it derives from.
    const cpa = rows.find((r) => r.kind === 'cpa' && r.affiliate_id === s.affiliateId);
    expect(cut?.source_commission_id).toBe(cpa?.id);
    expect(cut?.explanation).toContain('(level 2 below you) qualified for CPA');
  });
});
