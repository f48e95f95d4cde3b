/**
 * Backtests through POST /api/v1/commission-plans/backtest: the version actually used gives what
 * was earned, a draft gives the hand-computed difference, nothing is written. Amounts are cents
 * of EUR, worked out beside each case. The period is October 2026 (UTC days, inclusive).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandWithPlan, type EngineTest, engineApp, event, ok, send, uid } from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

const SINCE = new Date('2026-01-01T00:00:00Z');
const PERIOD = { period_start: '2026-10-01', period_end: '2026-10-31' };
const day = (d: string) => new Date(`2026-10-${d}T12:00:00Z`);

interface Total {
  currency: string;
  would_have_paid: number;
  actually_earned: number;
  difference: number;
}
interface Result {
  affiliates: {
    affiliate_id: number;
    totals: Total[];
    by_kind: (Total & { kind: string })[];
    commissions?: { kind: string; amount: number; explanation: string; trace: Record<string, unknown> }[];
  }[];
  totals: Total[];
  draft: boolean;
  version: number | null;
}

const backtest = async (body: Record<string, unknown>) =>
  (await ok(await e.api('POST', '/commission-plans/backtest', { ...PERIOD, ...body }))) as Result;

const eur = (would: number, actual: number): Total[] => [
  { currency: 'EUR', would_have_paid: would, actually_earned: actual, difference: would - actual },
];

/** How many rows the backtest could have touched: it must leave every count as it was. */
async function counts() {
  const n = async (table: 'commissions' | 'revshare_settlements' | 'revshare_accruals') =>
    Number(
      (
        await e.t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job`.execute(e.t.db);
  return {
    commissions: await n('commissions'),
    settlements: await n('revshare_settlements'),
    accruals: await n('revshare_accruals'),
    jobs: jobs.rows[0]?.n,
  };
}

describe('a backtest of the version actually used equals what was earned', () => {
  it('CPA: 30.00 for a first deposit of 25.00 ≥ 20.00', async () => {
    const s = await brandWithPlan(
      e,
      { cpa: { amount: 3000, qualification: { min_first_deposit: 2000 } } },
      { since: SINCE },
    );
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'registration', day('05'), { affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'deposit', day('06'), { amount: 2500 }),
    ]);
    const before = await counts();
    const r = await backtest({
      plan_id: s.plan.id,
      version: 1,
      affiliate_ids: [s.affiliateId],
      include_traces: true,
    });
    // Earned: one CPA 3000; the backtest: the same 3000, difference 0.
    expect(r.affiliates.map((a) => [a.affiliate_id, a.totals])).toEqual([[s.affiliateId, eur(3000, 3000)]]);
    expect(r.draft).toBe(false);
    const [cpa] = r.affiliates[0]?.commissions ?? [];
    expect(r.affiliates[0]?.commissions).toHaveLength(1);
    expect(cpa?.explanation).toBe('CPA 30.00 EUR: first deposit 25.00 ≥ 20.00');
    expect(cpa?.trace.plan).toMatchObject({ id: s.plan.id, version: 1, decided_by: 'backtest' });
    expect(await counts()).toEqual(before);
  });

  it('CPL: 5.00 per lead, two leads in the period and one before it', async () => {
    const s = await brandWithPlan(e, { cpl: { amount: 500 } }, { since: SINCE });
    await send(e, [
      event(s.brand.id, uid('p'), 'registration', new Date('2026-09-30T23:00:00Z'), {
        affiliate_id: s.affiliateId,
      }),
      event(s.brand.id, uid('p'), 'registration', day('01'), { affiliate_id: s.affiliateId }),
      event(s.brand.id, uid('p'), 'registration', day('31'), { affiliate_id: s.affiliateId }),
    ]);
    // 2 × 500 = 1000 in October; September's lead is outside the period on both sides.
    const r = await backtest({ plan_id: s.plan.id, version: 1 });
    expect(r.affiliates.map((a) => [a.affiliate_id, a.totals])).toEqual([[s.affiliateId, eur(1000, 1000)]]);
    expect(r.affiliates[0]?.by_kind).toEqual([{ kind: 'cpl', ...eur(1000, 1000)[0] }]);
  });

  it('sale share: 10% of a 100.00 sale, a 25.00 refund clawing back 2.50', async () => {
    const s = await brandWithPlan(
      e,
      { sale_share: { percent: '10', duration: 'lifetime' } },
      { since: SINCE },
    );
    const p = uid('p');
    const sale = event(s.brand.id, p, 'sale', day('10'), { amount: 10_000, affiliate_id: s.affiliateId });
    await send(e, [sale]);
    await send(e, [
      event(s.brand.id, p, 'refund', day('12'), {
        amount: 2500,
        original_event_id: sale.event_id,
        original_event_type: 'sale',
      }),
    ]);
    const earned = await e.t.db
      .selectFrom('commissions')
      .select('amount')
      .where('brand_id', '=', s.brand.id)
      .orderBy('id')
      .execute();
    // 10% of 10000 = 1000; the refund takes back 1000 × 2500 / 10000 = 250: 1000 − 250 = 750.
    expect(earned.map((c) => Number(c.amount))).toEqual([1000, -250]);
    const r = await backtest({ plan_id: s.plan.id, version: 1, affiliate_ids: [s.affiliateId] });
    expect(r.affiliates[0]?.totals).toEqual(eur(750, 750));
  });

  it('RevShare: 25% of NGR over a finalized period', async () => {
    const s = await brandWithPlan(e, { revshare: { basis: 'ngr', rate: '25' } }, { since: SINCE });
    for (const [d, bets, wins] of [
      ['03', 100_000, 60_000],
      ['20', 50_000, 10_000],
    ] as const)
      await send(e, [
        event(s.brand.id, uid('p'), 'activity', day(d), {
          affiliate_id: s.affiliateId,
          period_start: `2026-10-${d}`,
          activity: { bets, wins },
        }),
      ]);
    await ok(await e.api('POST', '/commissions/revshare/finalize', { ...PERIOD, brand_id: s.brand.id }));
    // GGR (100000 − 60000) + (50000 − 10000) = 80000, no deductions: NGR 80000; 25% = 20000.
    const r = await backtest({
      plan_id: s.plan.id,
      version: 1,
      affiliate_ids: [s.affiliateId],
      include_traces: true,
    });
    expect(r.affiliates[0]?.totals).toEqual(eur(20_000, 20_000));
    expect(r.affiliates[0]?.commissions?.map((c) => [c.kind, c.amount])).toEqual([['revshare', 20_000]]);
  });
});

describe('a draft', () => {
  it('with a higher CPA shows the difference for each affiliate and in total', async () => {
    const s = await brandWithPlan(
      e,
      { cpa: { amount: 3000, qualification: { min_first_deposit: 2000 } } },
      { since: SINCE },
    );
    const customers = [
      [uid('p'), 2000],
      [uid('p'), 5000],
      [uid('p'), 1500],
    ] as const;
    for (const [p, amount] of customers)
      await send(e, [
        event(s.brand.id, p, 'registration', day('07'), { affiliate_id: s.affiliateId }),
        event(s.brand.id, p, 'deposit', day('08'), { amount }),
      ]);
    const before = await counts();
    const r = await backtest({
      plan_id: s.plan.id,
      definition: { cpa: { amount: 4500, qualification: { min_first_deposit: 2000 } } },
      include_traces: true,
    });
    // Two customers qualify (2000 ≥ 2000, 5000 ≥ 2000; 1500 does not): earned 2 × 3000 = 6000,
    // the draft 2 × 4500 = 9000, difference 9000 − 6000 = 3000.
    expect(r.draft).toBe(true);
    expect(r.version).toBeNull();
    expect(r.affiliates.map((a) => [a.affiliate_id, a.totals])).toEqual([[s.affiliateId, eur(9000, 6000)]]);
    expect(r.totals).toEqual(eur(9000, 6000));
    expect(r.affiliates[0]?.commissions?.map((c) => c.amount)).toEqual([4500, 4500]);
    expect(await counts()).toEqual(before);
  });

  it('bad input is one 422 naming every field, and nothing is written', async () => {
    const s = await brandWithPlan(e, { cpl: { amount: 500 } }, { since: SINCE });
    const before = await counts();
    const res = await e.api('POST', '/commission-plans/backtest', {
      plan_id: s.plan.id,
      definition: { cpl: { amount: -1 }, bogus: {} },
      period_start: '2026-10-31',
      period_end: '2026-10-01',
      affiliate_ids: [s.affiliateId, 2_000_000_000],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(
      res
        .json()
        .error.details.fields.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['affiliate_ids[1]', 'definition.bogus', 'definition.cpl.amount', 'period_end']);
    for (const body of [
      { plan_id: s.plan.id, ...PERIOD },
      { plan_id: s.plan.id, version: 1, definition: { cpl: { amount: 1 } }, ...PERIOD },
      { plan_id: s.plan.id, version: 9, ...PERIOD },
      { plan_id: 2_000_000_000, version: 1, ...PERIOD },
      { plan_id: s.plan.id, version: 1, period_start: 'yesterday', period_end: '2026-10-01' },
    ]) {
      const bad = await e.api('POST', '/commission-plans/backtest', body);
      expect(bad.statusCode, bad.body).toBe(422);
    }
    expect(await counts()).toEqual(before);
  });
});
