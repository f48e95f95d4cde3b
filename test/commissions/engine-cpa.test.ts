import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { approveDueCommissions } from '../../src/core/commissions/earned/approve-due-commissions.ts';
import { recomputeCommissions } from '../../src/core/commissions/engine/recompute-commissions.ts';
import {
  ago,
  brandWithPlan,
  commissionsOf,
  DAY,
  type EngineTest,
  engineApp,
  event,
  send,
  uid,
} from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

const pick = (rows: Awaited<ReturnType<typeof commissionsOf>>) =>
  rows.map((r) => ({ kind: r.kind, amount: Number(r.amount), status: r.status }));

describe('CPA qualification (hybrid CPL 5.00 + CPA 30.00: first deposit ≥ 20.00 within 7 days, 30 days hold)', () => {
  const R = ago(20 * DAY);
  const at = (days: number) => new Date(R.getTime() + days * DAY);
  let s: Awaited<ReturnType<typeof brandWithPlan>>;
  beforeAll(async () => {
    s = await brandWithPlan(e, {
      cpl: { amount: 500 },
      cpa: { amount: 3000, hold_days: 30, qualification: { min_first_deposit: 2000, within_days: 7 } },
    });
  });

  it.each([
    // 2000 ≥ 2000 on the 7th day (the window's last moment): CPL 500 + CPA 3000.
    ['exactly the minimum on the last day', [[2000, 7]], 3000],
    // 1999 < 2000: CPL only.
    ['one minor unit short', [[1999, 1]], null],
    // 2000 on day 8: outside the 7 days.
    ['one day late', [[2000, 8]], null],
    // Only the first deposit counts: 1000 < 2000, the later 5000 does not make it.
    [
      'a small first deposit, a big second one',
      [
        [1000, 1],
        [5000, 2],
      ],
      null,
    ],
  ] as const)('%s', async (_name, deposits, cpa) => {
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'registration', R, { affiliate_id: s.affiliateId }),
      ...deposits.map(([amount, day]) => event(s.brand.id, p, 'deposit', at(day), { amount })),
    ]);
    const mine = await rowsOf(p);
    // The CPL is approved at once (no hold); the CPA waits 30 days from qualification.
    expect(pick(mine)).toEqual([
      { kind: 'cpl', amount: 500, status: 'approved' },
      ...(cpa ? [{ kind: 'cpa', amount: cpa, status: 'pending' }] : []),
    ]);
    if (cpa) {
      const c = mine[1] as (typeof mine)[number];
      expect(c.earned_at).toEqual(at(7));
      expect(c.hold_until).toEqual(new Date(at(7).getTime() + 30 * DAY));
      expect(c.explanation).toBe('CPA 30.00 EUR: first deposit 20.00 ≥ 20.00 within 7 days of registration');
      expect(c.trace).toMatchObject({
        rule: 'cpa',
        qualification: { checks: [{ rule: 'min_first_deposit', required: 2000, actual: '2000', met: true }] },
        hold_days: 30,
      });
      expect(c.plan_id).toBe(s.plan.id);
    }
  });

  it('a late deposit (sent after later events) qualifies at its own time; the hold then ends', async () => {
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'registration', R, { affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'activity', at(10), { products: { casino: { bets: 100 } } }),
    ]);
    const [late] = await send(e, [event(s.brand.id, p, 'deposit', at(2), { amount: 2500 })]);
    const mine = await rowsOf(p);
    expect(pick(mine)).toEqual([
      { kind: 'cpl', amount: 500, status: 'approved' },
      { kind: 'cpa', amount: 3000, status: 'pending' },
    ]);
    expect(mine[1]?.earned_at).toEqual(at(2));
    expect(Number(mine[1]?.event_id)).toBe(late?.id);
    // Hold: 30 days from day 2 = day 32, 12 days from now. Not due yet, then due.
    expect(await approveDueCommissions({ db: e.t.db, now: at(31) })).toBeGreaterThanOrEqual(0);
    expect((await rowsOf(p))[1]?.status).toBe('pending');
    await approveDueCommissions({ db: e.t.db, now: at(32) });
    const after = await rowsOf(p);
    expect(after[1]?.status).toBe('approved');
    const changes = await e.t.db
      .selectFrom('commission_status_changes')
      .selectAll()
      .where('commission_id', '=', after[1]?.id as bigint)
      .execute();
    expect(changes.map((c) => [c.from_status, c.to_status, c.actor_type])).toEqual([
      ['pending', 'approved', 'system'],
    ]);
  });

  it('running the engine again over every event of the customers writes nothing', async () => {
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'registration', R, { affiliate_id: s.affiliateId }),
      event(s.brand.id, p, 'deposit', at(1), { amount: 2000 }),
    ]);
    const before = await commissionsOf(e.t, s.brand.id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const customers = [...new Set(before.map((r) => r.customer_id as bigint))];
    expect(await recomputeCommissions({ db: e.t.db, actor: SYSTEM, customerIds: customers })).toBe(0);
    expect(await commissionsOf(e.t, s.brand.id)).toEqual(before);
  });
});

async function rowsOf(external: string) {
  return e.t.db
    .selectFrom('commissions as c')
    .innerJoin('customers as u', 'u.id', 'c.customer_id')
    .selectAll('c')
    .where('u.external_id', '=', external)
    .orderBy('c.id')
    .execute();
}

describe('CPA rules combined with all, countries and per-country amounts', () => {
  // CPA 30.00, 45.00 for DE; qualifies with 2 deposits and a net deposit of 30.00, DE or AT only.
  let s: Awaited<ReturnType<typeof brandWithPlan>>;
  beforeAll(async () => {
    s = await brandWithPlan(e, {
      cpa: {
        amount: 3000,
        country_amounts: { DE: 4500 },
        qualification: {
          combine: 'all',
          min_deposit_count: 2,
          min_net_deposit: 3000,
          countries: ['DE', 'AT'],
        },
      },
    });
  });
  it.each([
    // 2000 + 2000 − 1000 = 3000 ≥ 3000 and 2 deposits: DE pays its own 4500.
    ['DE, net exactly 30.00', 'DE', [2000, 2000], 1000, 4500],
    // AT has no amount of its own: the plan's 3000.
    ['AT, net exactly 30.00', 'AT', [2000, 2000], 1000, 3000],
    // 2000 + 2000 − 1500 = 2500 < 3000.
    ['DE, net 25.00', 'DE', [2000, 2000], 1500, null],
    // FR is not allowed.
    ['FR', 'FR', [5000, 5000], 0, null],
    // One deposit of 50.00: net is enough, the count is not.
    ['one deposit', 'DE', [5000], 0, null],
  ] as const)('%s', async (_name, country, deposits, withdrawal, cpa) => {
    const p = uid('p');
    const t0 = ago(10 * DAY);
    // The withdrawal comes first, so the rules are met on the last deposit.
    await send(e, [
      event(s.brand.id, p, 'registration', t0, { affiliate_id: s.affiliateId, country }),
      ...(withdrawal
        ? [event(s.brand.id, p, 'withdrawal', new Date(t0.getTime() + 1000), { amount: withdrawal })]
        : []),
      ...deposits.map((amount, i) =>
        event(s.brand.id, p, 'deposit', new Date(t0.getTime() + (i + 2) * 1000), { amount }),
      ),
    ]);
    const mine = await rowsOf(p);
    expect(pick(mine)).toEqual(cpa ? [{ kind: 'cpa', amount: cpa, status: 'approved' }] : []);
    if (cpa === 4500)
      expect(mine[0]?.explanation).toBe(
        'CPA 45.00 EUR: deposit count 2 ≥ 2 and net deposit 30.00 ≥ 30.00; amount for DE',
      );
  });
});

describe('CPL for qualified leads only', () => {
  it('pays the CPL when the customer qualifies for CPA, not on registration', async () => {
    const s = await brandWithPlan(e, {
      cpl: { amount: 700, qualified_only: true },
      cpa: { amount: 2000, qualification: { combine: 'any', min_deposit_total: 10_000, min_bet_count: 3 } },
    });
    const p = uid('p');
    await send(e, [event(s.brand.id, p, 'registration', ago(5 * DAY), { affiliate_id: s.affiliateId })]);
    expect(await rowsOf(p)).toHaveLength(0);
    // any: 3 bets ≥ 3 is enough though the deposits (0) are not.
    await send(e, [
      event(s.brand.id, p, 'activity', ago(4 * DAY), { products: { casino: { bets: 300, bet_count: 3 } } }),
    ]);
    expect(pick(await rowsOf(p))).toEqual([
      { kind: 'cpa', amount: 2000, status: 'approved' },
      { kind: 'cpl', amount: 700, status: 'approved' },
    ]);
  });
});
