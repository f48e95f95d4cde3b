/**
 * RevShare through the API: events in, POST /commissions/revshare/finalize, the commissions it
 * wrote read back. Every expected amount is worked out by hand beside it (cents of EUR).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, operatorApi } from '../events/api.ts';
import { post, seedBrand, uid } from '../events/helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let events: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const api = operatorApi(
  () => t,
  () => admin,
);
const SINCE = '2026-01-01T00:00:00Z';

/** A brand whose default plan has `definition`. */
async function brandWithPlan(definition: Record<string, unknown>) {
  const s = await seedBrand(t, admin);
  const plan = await createPlan(s.brand.id, definition);
  await ok(
    await api('PUT', `/brands/${s.brand.id}/commission-plan`, { plan_id: plan.id, effective_from: SINCE }),
    201,
  );
  return { brandId: s.brand.id as number, plan };
}

async function createPlan(brandId: number, definition: Record<string, unknown>) {
  return ok(
    await api('POST', '/commission-plans', {
      name: uid('RevShare'),
      brand_id: brandId,
      currency: 'EUR',
      definition,
      effective_from: SINCE,
    }),
    201,
  );
}

async function affiliate(extra: Record<string, unknown> = {}): Promise<number> {
  const row = await t.db
    .insertInto('affiliates')
    .values({ name: uid('Affiliate'), status: 'active', ...extra } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function send(event: Record<string, unknown>) {
  const res = await post(t, events, { event_id: uid('e'), currency: 'EUR', ...event });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().event;
}

/** One customer's activity totals on `day`, for `affiliateId`. */
const activity = (brandId: number, affiliateId: number, customer: string, day: string, figures: object) =>
  send({
    type: 'activity',
    brand_id: brandId,
    customer_id: customer,
    affiliate_id: affiliateId,
    occurred_at: `${day}T12:00:00Z`,
    period_start: day,
    activity: figures,
  });

const finalize = (body: Record<string, unknown>) => api('POST', '/commissions/revshare/finalize', body);

interface Row {
  id: string;
  kind: string;
  affiliate_id: number;
  amount: string;
  status: string;
  source_key: string;
  level: number | null;
  source_affiliate_id: number | null;
  period_start: string;
  period_end: string;
  trace: Record<string, any>;
  explanation: string;
}
async function commissions(affiliateIds: number[]): Promise<Row[]> {
  const { rows } =
    await sql<Row>`select id::text, kind, affiliate_id, amount::text, status, source_key, level,
      source_affiliate_id, period_start::text, period_end::text, trace, explanation
    from commissions where affiliate_id = any(${affiliateIds}::int[]) order by period_start, affiliate_id, source_key`.execute(
      t.db,
    );
  return rows;
}
const amounts = (rows: Row[]) => rows.map((r) => [r.kind, r.affiliate_id, Number(r.amount)]);

describe('tiered vs ladder', () => {
  it('pays the whole NGR at the band reached (tiered) or each part at its band (ladder)', async () => {
    const bands = [
      { from: 0, rate: '20' },
      { from: 1_000_000, rate: '30' },
    ];
    const tiered = await brandWithPlan({
      revshare: { basis: 'ngr', rate: '20', tiers: { mode: 'tiered', by: 'ngr', bands } },
    });
    const ladder = await brandWithPlan({
      revshare: { basis: 'ngr', rate: '20', tiers: { mode: 'ladder', by: 'ngr', bands } },
    });
    const a = await affiliate();
    const b = await affiliate();
    // Two customers each: GGR (2,000,000 − 800,000) + (700,000 − 400,000) = 1,200,000 + 300,000 = 1,500,000
    for (const [brandId, id] of [
      [tiered.brandId, a],
      [ladder.brandId, b],
    ] as const) {
      await activity(brandId, id, uid('p'), '2026-03-10', { bets: 2_000_000, wins: 800_000 });
      await activity(brandId, id, uid('p'), '2026-03-20', { bets: 700_000, wins: 400_000 });
    }
    const result = await ok(
      await finalize({ period_start: '2026-03-01', period_end: '2026-03-31', affiliate_ids: [a, b] }),
    );
    expect(result).toMatchObject({ streams: 2, written: 2, adjustments: 0, unchanged: 0 });
    const rows = await commissions([a, b]);
    // tiered: 1,500,000 ≥ 1,000,000 → 30% of all: 450,000
    // ladder: 1,000,000 × 20% + 500,000 × 30% = 200,000 + 150,000 = 350,000
    expect(amounts(rows)).toEqual([
      ['revshare', a, 450_000],
      ['revshare', b, 350_000],
    ]);
    const [ta, tb] = rows as [Row, Row];
    expect(ta.trace.rate).toMatchObject({ mode: 'tiered', rate: '30', band: 1 });
    expect(ta.trace.customers).toBe(2);
    expect(tb.trace.rate.parts.map((p: { part: string; rate: string }) => [p.part, p.rate])).toEqual([
      ['1000000', '20'],
      ['500000', '30'],
    ]);
    expect(tb.explanation).toContain('ladder: 10000.00 × 20% = 2000.00 + 5000.00 × 30% = 1500.00');
    expect(ta).toMatchObject({ status: 'approved', period_start: '2026-03-01', period_end: '2026-03-31' });
  });
});

describe('NGR with each deduction', () => {
  it('takes every deduction in the plan’s order, percentages of GGR, deposits and withdrawals', async () => {
    const deductions = [
      'bonuses',
      'jackpot_contributions',
      'taxes',
      'fees',
      'chargebacks',
      'adjustments',
      { admin_fee_percent: '10' },
      { deposit_fee_percent: '2' },
      { withdrawal_fee_percent: '1' },
    ];
    const { brandId } = await brandWithPlan({ revshare: { basis: 'ngr', rate: '50', deductions } });
    const id = await affiliate();
    const player = uid('p');
    const deposit = uid('dep');
    await send({
      type: 'deposit',
      event_id: deposit,
      brand_id: brandId,
      customer_id: player,
      affiliate_id: id,
      occurred_at: '2026-04-02T10:00:00Z',
      amount: 300_000,
    });
    await send({
      type: 'withdrawal',
      brand_id: brandId,
      customer_id: player,
      occurred_at: '2026-04-20T10:00:00Z',
      amount: 100_000,
    });
    await send({
      type: 'chargeback',
      brand_id: brandId,
      customer_id: player,
      occurred_at: '2026-04-25T10:00:00Z',
      amount: 7_000,
      original_event_id: deposit,
      original_event_type: 'deposit',
    });
    await activity(brandId, id, player, '2026-04-30', {
      bets: 1_000_000,
      wins: 400_000,
      bonuses: 50_000,
      jackpot_contributions: 10_000,
      taxes: 20_000,
      fees: 5_000,
      chargebacks: 3_000,
      adjustments: 2_000,
    });
    await ok(await finalize({ period_start: '2026-04-01', period_end: '2026-04-30', affiliate_ids: [id] }));
    const [row] = await commissions([id]);
    // GGR 1,000,000 − 400,000 = 600,000
    // − bonuses 50,000 = 550,000 − jackpot 10,000 = 540,000 − taxes 20,000 = 520,000 − fees 5,000 = 515,000
    // − chargebacks (3,000 in the activity + 7,000 event) 10,000 = 505,000 − adjustments 2,000 = 503,000
    // − admin fee 10% of GGR 600,000 = 60,000 → 443,000
    // − deposit fee 2% of 300,000 = 6,000 → 437,000 − withdrawal fee 1% of 100,000 = 1,000 → 436,000
    // × 50% = 218,000
    expect(Number(row?.amount)).toBe(218_000);
    expect(
      row?.trace.deductions.map((d: { deduction: string; amount: string; after: string }) => [
        d.deduction,
        d.amount,
        d.after,
      ]),
    ).toEqual([
      ['bonuses', '50000', '550000'],
      ['jackpot_contributions', '10000', '540000'],
      ['taxes', '20000', '520000'],
      ['fees', '5000', '515000'],
      ['chargebacks', '10000', '505000'],
      ['adjustments', '2000', '503000'],
      ['admin_fee_percent', '60000', '443000'],
      ['deposit_fee_percent', '6000', '437000'],
      ['withdrawal_fee_percent', '1000', '436000'],
    ]);
    expect(row?.trace).toMatchObject({ ggr: '600000', basis: 'ngr', basis_amount: '436000' });
    expect(row?.explanation).toMatch(/^RevShare 2180\.00 EUR: NGR 4360\.00 = GGR 6000\.00 − bonuses 500\.00/);
  });
});

describe('negative carry-over across three periods', () => {
  it('carries with the plan, not for an affiliate with no_negative_carry_over, and at most the cap', async () => {
    const { brandId } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '40', carry_over: true } });
    const capped = await createPlan(brandId, {
      revshare: { basis: 'net_pl', rate: '40', carry_over: true, carry_over_cap: 200_000 },
    });
    const carries = await affiliate();
    const resets = await affiliate({ no_negative_carry_over: true });
    const capAt = await affiliate();
    await ok(
      await api('PUT', `/affiliates/${capAt}/commission-plan`, { plan_id: capped.id, effective_from: SINCE }),
      201,
    );
    // Net P/L per month: June 1,000,000 − 2,350,000 = −1,350,000 (× 40% = −540,000);
    // July 1,750,000 − 1,000,000 = 750,000 (300,000); August 1,000,000 (400,000).
    const months = [
      ['2026-06', { bets: 1_000_000, wins: 2_350_000 }],
      ['2026-07', { bets: 1_750_000, wins: 1_000_000 }],
      ['2026-08', { bets: 1_000_000, wins: 0 }],
    ] as const;
    const ids = [carries, resets, capAt];
    const players = ids.map(() => uid('p'));
    for (const [month, figures] of months) {
      for (const [i, id] of ids.entries())
        await activity(brandId, id, players[i] as string, `${month}-15`, figures);
      const end = month === '2026-06' ? '30' : '31';
      await ok(
        await finalize({ period_start: `${month}-01`, period_end: `${month}-${end}`, brand_id: brandId }),
      );
    }
    const of = async (id: number) =>
      (await commissions([id])).map((r) => [
        r.period_start,
        Number(r.amount),
        Number(r.trace.carry_over.carry_out),
      ]);
    // carries: June pays 0, carries −540,000; July 300,000 − 540,000 = −240,000 carried; August 400,000 − 240,000 = 160,000
    expect(await of(carries)).toEqual([
      ['2026-06-01', 0, -540_000],
      ['2026-07-01', 0, -240_000],
      ['2026-08-01', 160_000, 0],
    ]);
    // resets: June 0 and forgotten; July 300,000; August 400,000
    expect(await of(resets)).toEqual([
      ['2026-06-01', 0, 0],
      ['2026-07-01', 300_000, 0],
      ['2026-08-01', 400_000, 0],
    ]);
    // capped: June −540,000 carried as −200,000; July 300,000 − 200,000 = 100,000; August 400,000
    expect(await of(capAt)).toEqual([
      ['2026-06-01', 0, -200_000],
      ['2026-07-01', 100_000, 0],
      ['2026-08-01', 400_000, 0],
    ]);
    const [, july] = await commissions([carries]);
    expect(july?.trace.carry_over).toMatchObject({
      applies: true,
      carry_in: '-540000',
      raw: '300000',
      total: '-240000',
    });
    expect(july?.explanation).toContain(
      'carried in -5400.00, total -2400.00; -2400.00 carried to the next period',
    );
    const [june] = await commissions([resets]);
    expect(june?.trace.carry_over).toMatchObject({ applies: false, no_negative_carry_over: true });
  });
});

describe('sub-affiliate cuts over two levels', () => {
  it('pays the referrer a share of the sub’s RevShare and of its net P/L, and the referrer’s referrer its level-2 share', async () => {
    const { brandId, plan } = await brandWithPlan({
      revshare: { basis: 'net_pl', rate: '25' },
      sub_affiliate: {
        levels: [
          { revshare_cut_percent: '10', net_pl_cut_percent: '5' },
          { revshare_cut_percent: '4', net_pl_cut_percent: '2' },
        ],
      },
    });
    const top = await affiliate();
    const middle = await affiliate({ referrer_id: top });
    const sub = await affiliate({ referrer_id: middle });
    // sub: 3,000,000 − 2,000,000 − bonuses 100,000 = net P/L 900,000 → RevShare 25% = 225,000
    await activity(brandId, sub, uid('p'), '2026-05-05', {
      bets: 3_000_000,
      wins: 2_000_000,
      bonuses: 100_000,
    });
    // middle: 1,000,000 − 600,000 = net P/L 400,000 → RevShare 100,000
    await activity(brandId, middle, uid('p'), '2026-05-06', { bets: 1_000_000, wins: 600_000 });
    const result = await ok(
      await finalize({ period_start: '2026-05-01', period_end: '2026-05-31', brand_id: brandId }),
    );
    // 2 RevShare + middle's 2 cuts of sub + top's 2 level-2 cuts of sub + top's 2 level-1 cuts of middle
    expect(result).toMatchObject({ streams: 2, written: 8 });
    const rows = await commissions([top, middle, sub]);
    const cut = (kind: string, to: number, from: number) =>
      rows.find((r) => r.kind === kind && r.affiliate_id === to && r.source_affiliate_id === from);
    const revshare = rows
      .filter((r) => r.kind === 'revshare')
      .sort((x, y) => y.affiliate_id - x.affiliate_id);
    expect(amounts(revshare)).toEqual([
      ['revshare', sub, 225_000],
      ['revshare', middle, 100_000],
    ]);
    // middle, level 1 of sub: 10% × 225,000 = 22,500; 5% × 900,000 = 45,000
    expect([
      Number(cut('sub_revshare', middle, sub)?.amount),
      cut('sub_revshare', middle, sub)?.level,
    ]).toEqual([22_500, 1]);
    expect(Number(cut('sub_net_pl', middle, sub)?.amount)).toBe(45_000);
    // top, level 2 of sub: 4% × 225,000 = 9,000; 2% × 900,000 = 18,000
    expect([Number(cut('sub_revshare', top, sub)?.amount), cut('sub_revshare', top, sub)?.level]).toEqual([
      9_000, 2,
    ]);
    expect(Number(cut('sub_net_pl', top, sub)?.amount)).toBe(18_000);
    // top, level 1 of middle: 10% × 100,000 = 10,000; 5% × 400,000 = 20,000
    expect(Number(cut('sub_revshare', top, middle)?.amount)).toBe(10_000);
    expect(Number(cut('sub_net_pl', top, middle)?.amount)).toBe(20_000);
    expect(rows.filter((r) => r.kind !== 'revshare')).toHaveLength(6);
    const subRevshare = rows.find((r) => r.kind === 'revshare' && r.affiliate_id === sub);
    const { rows: link } = await sql<{ source_commission_id: string; plan_id: number }>`
      select source_commission_id::text, plan_id from commissions where source_key = ${cut('sub_revshare', middle, sub)?.source_key}`.execute(
      t.db,
    );
    expect(link[0]).toEqual({ source_commission_id: subRevshare?.id, plan_id: plan.id });
    expect(cut('sub_revshare', top, sub)?.explanation).toContain(
      `4% of affiliate ${sub}'s RevShare 2250.00 EUR`,
    );
  });
});

describe('re-finalizing an earlier period', () => {
  it('works out the later periods again, since their carry-in was its carry-out', async () => {
    const { brandId } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '40', carry_over: true } });
    const id = await affiliate();
    const player = uid('p');
    // June: net P/L 1,000,000 − 2,000,000 = −1,000,000 (× 40% = −400,000), carried.
    // July: net P/L 1,500,000 (600,000); 600,000 − 400,000 = 200,000 paid.
    await activity(brandId, id, player, '2026-06-15', { bets: 1_000_000, wins: 2_000_000 });
    await activity(brandId, id, player, '2026-07-15', { bets: 1_500_000, wins: 0 });
    const june = { period_start: '2026-06-01', period_end: '2026-06-30', affiliate_ids: [id] };
    const july = { period_start: '2026-07-01', period_end: '2026-07-31', affiliate_ids: [id] };
    await ok(await finalize(june));
    await ok(await finalize(july));
    const of = async () =>
      (await commissions([id])).map((r) => [r.period_start, Number(r.amount), r.source_key.includes('#')]);
    expect(await of()).toEqual([
      ['2026-06-01', 0, false],
      ['2026-07-01', 200_000, false],
    ]);

    // A late June event: +500,000 net P/L, so June is −500,000 (× 40% = −200,000 carried) and
    // July becomes 600,000 − 200,000 = 400,000: +200,000 by an adjustment row of July.
    await activity(brandId, id, player, '2026-06-20', { bets: 500_000, wins: 0 });
    expect(await ok(await finalize(june))).toMatchObject({
      later_periods: [{ period_start: '2026-07-01', period_end: '2026-07-31' }],
      written: 0,
      adjustments: 1,
    });
    expect(await of()).toEqual([
      ['2026-06-01', 0, false],
      ['2026-07-01', 200_000, false],
      ['2026-07-01', 200_000, true],
    ]);
    const settled = await t.db
      .selectFrom('revshare_settlements')
      .select(['period_start', 'carry_in', 'carry_out', 'amount'])
      .where('affiliate_id', '=', id)
      .orderBy('period_start')
      .execute();
    expect(settled.map((r) => [Number(r.carry_in), Number(r.carry_out), Number(r.amount)])).toEqual([
      [0, -200_000, 0],
      [-200_000, 0, 400_000],
    ]);
    // Again: nothing more.
    expect(await ok(await finalize(june))).toMatchObject({ written: 0, adjustments: 0 });
  });
});

describe('late events and idempotency', () => {
  it('finalizing again changes nothing; a late event adds one adjustment row, never an edit', async () => {
    const { brandId } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '30' } });
    const id = await affiliate();
    const player = uid('p');
    const sent = await activity(brandId, id, player, '2026-07-10', { bets: 1_500_000, wins: 500_000 });
    const period = { period_start: '2026-07-01', period_end: '2026-07-31', affiliate_ids: [id] };
    // 1,000,000 × 30% = 300,000
    expect(await ok(await finalize(period))).toMatchObject({ written: 1, adjustments: 0 });
    const first = await commissions([id]);
    expect(amounts(first)).toEqual([['revshare', id, 300_000]]);

    // Again, and after replaying the same event (a duplicate): nothing new.
    expect(await ok(await finalize(period))).toMatchObject({ written: 0, adjustments: 0, unchanged: 1 });
    const replay = await post(t, events, {
      type: 'activity',
      event_id: sent.event_id,
      brand_id: brandId,
      customer_id: player,
      affiliate_id: id,
      occurred_at: '2026-07-10T12:00:00Z',
      period_start: '2026-07-10',
      currency: 'EUR',
      activity: { bets: 1_500_000, wins: 500_000 },
    });
    expect(replay.json().status).toBe('duplicate');
    expect(await ok(await finalize(period))).toMatchObject({ written: 0, adjustments: 0, unchanged: 1 });
    expect(await commissions([id])).toEqual(first);

    // A late event of July 10 (the day already accrued): +200,000 net P/L → 1,200,000 × 30% = 360,000, so +60,000.
    await activity(brandId, id, player, '2026-07-10', { bets: 200_000, wins: 0 });
    expect(await ok(await finalize(period))).toMatchObject({
      accruals_refreshed: 1,
      written: 0,
      adjustments: 1,
    });
    const after = await commissions([id]);
    expect(after[0]).toEqual(first[0]);
    expect(amounts(after)).toEqual([
      ['revshare', id, 300_000],
      ['revshare', id, 60_000],
    ]);
    expect(after[1]?.source_key).toBe(`${first[0]?.source_key}#1`);
    expect(after[1]?.trace.adjustment).toEqual({
      previous_total: '300000',
      new_total: '360000',
      delta: '60000',
    });
    expect(after[1]?.explanation).toMatch(
      /^Adjustment of \+600\.00 EUR: the result is now 3,600\.00 EUR \(was 3,000\.00 EUR\)/,
    );
    expect(await ok(await finalize(period))).toMatchObject({ adjustments: 0, unchanged: 1 });
    expect(await commissions([id])).toHaveLength(2);
  });

  it('pays an unattributed customer’s period by adjustment once the operator attributes it', async () => {
    const { brandId } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '10' } });
    const id = await affiliate();
    const bound = uid('p');
    await activity(brandId, id, bound, '2026-09-12', { bets: 100_000, wins: 0 });
    // No hint: the event belongs to nobody yet.
    const loose = await send({
      type: 'activity',
      brand_id: brandId,
      customer_id: uid('p'),
      occurred_at: '2026-09-13T12:00:00Z',
      period_start: '2026-09-13',
      activity: { bets: 400_000, wins: 0 },
    });
    const period = { period_start: '2026-09-01', period_end: '2026-09-30', affiliate_ids: [id] };
    await ok(await finalize(period));
    // 100,000 × 10% = 10,000
    expect(amounts(await commissions([id]))).toEqual([['revshare', id, 10_000]]);
    await ok(
      await api('POST', `/customers/${loose.customer_ref}/attribution`, {
        affiliate_id: id,
        reason: 'found the tag',
      }),
    );
    expect(await ok(await finalize(period))).toMatchObject({ accruals_refreshed: 1, adjustments: 1 });
    // (100,000 + 400,000) × 10% = 50,000, so +40,000
    expect(amounts(await commissions([id]))).toEqual([
      ['revshare', id, 10_000],
      ['revshare', id, 40_000],
    ]);
  });

  it('leaves out a customer held by a fraud rule, and pays it by adjustment once released', async () => {
    const { brandId } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '20' } });
    const id = await affiliate();
    const clean = uid('p');
    const held = uid('p');
    await activity(brandId, id, clean, '2026-02-10', { bets: 500_000, wins: 0 });
    const event = await activity(brandId, id, held, '2026-02-11', { bets: 300_000, wins: 0 });
    await t.db
      .updateTable('customers')
      .set({ held: true })
      .where('id', '=', BigInt(event.customer_ref))
      .execute();
    const period = { period_start: '2026-02-01', period_end: '2026-02-28', affiliate_ids: [id] };
    await ok(await finalize(period));
    // Only the clean customer: 500,000 × 20% = 100,000
    const [row] = await commissions([id]);
    expect(Number(row?.amount)).toBe(100_000);
    expect(row?.trace.held).toMatchObject({ customers: 1, figures: { bets: '300000' } });
    expect(row?.explanation).toContain('(1 held, not counted)');
    await t.db
      .updateTable('customers')
      .set({ held: false })
      .where('id', '=', BigInt(event.customer_ref))
      .execute();
    await ok(await finalize(period));
    // Released: 800,000 × 20% = 160,000, so +60,000
    expect(amounts(await commissions([id]))).toEqual([
      ['revshare', id, 100_000],
      ['revshare', id, 60_000],
    ]);
  });
});

describe('hybrid CPA + RevShare', () => {
  it('pays the CPA as the customer qualifies and the RevShare at finalization, each its own commission', async () => {
    const { brandId, plan } = await brandWithPlan({
      cpa: { amount: 3_000, qualification: { min_first_deposit: 2_000 } },
      revshare: { basis: 'net_pl', rate: '25' },
    });
    const id = await affiliate();
    const player = uid('p');
    await send({
      type: 'deposit',
      brand_id: brandId,
      customer_id: player,
      affiliate_id: id,
      occurred_at: '2026-01-20T10:00:00Z',
      amount: 5_000,
    });
    await activity(brandId, id, player, '2026-01-21', { bets: 80_000, wins: 20_000 });
    // The first deposit 5,000 ≥ 2,000 qualifies: CPA 3,000, written by the engine as it arrived.
    expect(amounts(await commissions([id]))).toEqual([['cpa', id, 3_000]]);
    await ok(await finalize({ period_start: '2026-01-01', period_end: '2026-01-31', affiliate_ids: [id] }));
    const rows = await commissions([id]);
    // Net P/L 80,000 − 20,000 = 60,000 × 25% = 15,000; the CPA stays as it was.
    expect(amounts(rows).sort()).toEqual([
      ['cpa', id, 3_000],
      ['revshare', id, 15_000],
    ]);
    expect(rows.find((r) => r.kind === 'revshare')?.trace.plan).toEqual({ id: plan.id, name: plan.name });
  });
});

describe('preview and refusals', () => {
  it('previews what finalizing would pay, writing no commission', async () => {
    const { brandId, plan } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '35' } });
    const id = await affiliate();
    await activity(brandId, id, uid('p'), '2026-09-03', { bets: 400_000, wins: 100_000 });
    const page = await ok(
      await api(
        'GET',
        `/commissions/revshare/accruals?period_start=2026-09-01&period_end=2026-09-30&affiliate_id=${id}`,
      ),
    );
    // 300,000 × 35% = 105,000
    expect(page.paging.total).toBe(1);
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      affiliate_id: id,
      plan: { id: plan.id },
      ggr: 300_000,
      net_pl: 300_000,
      rate: '35',
      amount: 105_000,
      customers: 1,
    });
    expect(await commissions([id])).toEqual([]);
  });

  it('refuses a period not yet over, a reversed one and an overlapping one, changing nothing', async () => {
    const { brandId } = await brandWithPlan({ revshare: { basis: 'net_pl', rate: '10' } });
    const id = await affiliate();
    await activity(brandId, id, uid('p'), '2026-10-05', { bets: 100_000, wins: 0 });
    const today = new Date().toISOString().slice(0, 10);
    const notOver = await finalize({ period_start: '2026-10-01', period_end: today, affiliate_ids: [id] });
    expect(notOver.statusCode).toBe(422);
    expect(notOver.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['period_end']);
    const reversed = await finalize({ period_start: '2026-10-31', period_end: '2026-10-01' });
    expect(reversed.statusCode).toBe(422);
    const bad = await finalize({ period_start: '2026-13-01', period_end: 'soon' });
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['period_end', 'period_start']);
    expect(await commissions([id])).toEqual([]);

    await ok(await finalize({ period_start: '2026-10-01', period_end: '2026-10-31', affiliate_ids: [id] }));
    const before = await commissions([id]);
    const overlap = await finalize({
      period_start: '2026-10-15',
      period_end: '2026-11-14',
      affiliate_ids: [id],
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('conflict');
    expect(await commissions([id])).toEqual(before);

    const manager = await t.apiKey(['write', 'support']);
    const refused = await t.call(manager, {
      method: 'POST',
      url: '/api/v1/commissions/revshare/finalize',
      payload: { period_start: '2026-10-01', period_end: '2026-10-31' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
