/**
 * Balance transactions with Affilka's filters, and the daily closing balances the
 * `ledger.close-days` job writes, rewritten from the day a late entry touched.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { postEntry } from '../../src/core/ledger/post-entry.ts';
import { approvedPartner, type IdentityTestApp, type Partner } from '../identity/helpers.ts';
import { checkInvariantsAfterEach, fund, ledgerApp, orderId } from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await ledgerApp();
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

const op = (p: Partner, path: string, payload: object) =>
  t.call(t.admin, { method: 'POST', url: `/api/v1/affiliates/${p.affiliateId}/${path}`, payload });

describe('balance transactions', () => {
  it('filter by type, action, currency, amount and dates, in the operator and partner APIs alike', async () => {
    const p = await approvedPartner(t, 'txlist');
    await fund(t, p.affiliateId, 100_00);
    await op(p, 'charges', { amount: 5_00, currency: 'EUR', description: 'Fee', order_id: orderId() });
    await op(p, 'corrections', { amount: 25_00, currency: 'EUR', reason: 'Missed FTD', order_id: orderId() });
    await op(p, 'corrections', { amount: 7_50, currency: 'USD', reason: 'USD bonus', order_id: orderId() });
    // A bill as the billing work will post it: the brand's commission expense to the affiliate.
    const brand = (
      await t.call(t.admin, {
        method: 'POST',
        url: '/api/v1/brands',
        payload: { name: 'Ledger brand', base_currency: 'EUR' },
      })
    ).json();
    await postEntry({
      db: t.db,
      actor: SYSTEM,
      cause: 'bill',
      reference: `bill:${orderId()}:approved`,
      causeReference: 'bill:1',
      affiliateId: p.affiliateId,
      memo: 'Bill 1 approved',
      postings: [
        { account: { kind: 'available', affiliateId: p.affiliateId, currency: 'EUR' }, amount: 40_00n },
        { account: { kind: 'commission_expense', brandId: brand.id, currency: 'EUR' }, amount: -40_00n },
      ],
    });
    const list = async (query: string) => {
      const url = `/balance-transactions${query ? `?${query}` : ''}`;
      const op = (await t.call(t.admin, { url: `/api/v1/affiliates/${p.affiliateId}${url}` })).json();
      const mine = (await t.as(p.cookie, { url: `/api/partner/v1${url}` })).json();
      expect(mine).toEqual(op);
      return op as {
        data: { type: string; amount: number; currency: string; balance_after: number; memo: string }[];
        paging: { total: number };
      };
    };
    const all = await list('');
    expect(all.data.map((x) => [x.type, x.currency, x.amount])).toEqual([
      ['bill', 'EUR', 4000],
      ['correction', 'USD', 750],
      ['correction', 'EUR', 2500],
      ['charge', 'EUR', -500],
      ['fund', 'EUR', 10000],
    ]);
    // EUR running balance: 10000, 10000 - 500 = 9500, 9500 + 2500 = 12000, 12000 + 4000 = 16000
    expect(all.data.filter((x) => x.currency === 'EUR').map((x) => x.balance_after)).toEqual([
      16000, 12000, 9500, 10000,
    ]);
    expect(all.paging.total).toBe(5);
    expect((await list('type=correction')).data.map((x) => x.amount)).toEqual([750, 2500]);
    expect((await list('type=bill&type=charge')).data.map((x) => x.type)).toEqual(['bill', 'charge']);
    expect((await list('action=subtracted')).data.map((x) => x.amount)).toEqual([-500]);
    expect((await list('currency=usd')).data.map((x) => x.memo)).toEqual(['USD bonus']);
    // |amount| between 500 and 2500: the charge (500), the EUR correction (2500), the USD one (750)
    expect((await list('amount_min=500&amount_max=2500')).data.map((x) => x.amount)).toEqual([
      750, 2500, -500,
    ]);
    expect(
      (await list(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).data,
    ).toEqual([]);
    expect((await list('type=payment')).data).toEqual([]);
    const balances = (await t.as(p.cookie, { url: '/api/partner/v1/balances' })).json().data;
    // commissions 4000; adjustments 10000 - 500 + 2500 = 12000
    expect(balances).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        available: 16000,
        commissions: 4000,
        adjustments: 12000,
        payments: 0,
      }),
      expect.objectContaining({ currency: 'USD', available: 750, commissions: 0, adjustments: 750 }),
    ]);
    const bad = await t.call(t.admin, {
      url: `/api/v1/affiliates/${p.affiliateId}/balance-transactions?amount_min=10&amount_max=5`,
    });
    expect(bad.statusCode).toBe(422);
  });
});

describe('closing balances', () => {
  it('close each day at the sum of its postings, and a late entry rewrites its day and the ones after', async () => {
    const p = await approvedPartner(t, 'closing');
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
      await fund(t, p.affiliateId, 100_00);
      vi.setSystemTime(new Date('2026-03-02T10:00:00Z'));
      await op(p, 'charges', { amount: 30_00, currency: 'EUR', description: 'Fee', order_id: orderId() });
      vi.setSystemTime(new Date('2026-03-03T09:00:00Z'));
      await t.jobs.enqueue(t.db, { name: 'ledger.close-days', data: {} });
      await t.jobs.runUntilIdle();
      const closing = async () =>
        (
          await t.call(t.admin, {
            url: `/api/v1/affiliates/${p.affiliateId}/closing-balances?from=2026-03-01&until=2026-03-31`,
          })
        ).json().data;
      // 1 March: 10000; 2 March: 10000 - 3000 = 7000 (the job closed through yesterday, 2 March)
      expect(await closing()).toEqual([
        {
          day: '2026-03-02',
          currency: 'EUR',
          account: 'available',
          closing_balance: 7000,
          credits: 0,
          debits: 3000,
          payout_amount: 0,
        },
        {
          day: '2026-03-01',
          currency: 'EUR',
          account: 'available',
          closing_balance: 10000,
          credits: 10000,
          debits: 0,
          payout_amount: 0,
        },
      ]);
      // An entry of 1 March that reaches the ledger after the day was closed.
      vi.setSystemTime(new Date('2026-03-01T23:59:00Z'));
      await op(p, 'corrections', { amount: 5_00, currency: 'EUR', reason: 'Late', order_id: orderId() });
      vi.setSystemTime(new Date('2026-03-03T09:30:00Z'));
      await t.jobs.enqueue(t.db, { name: 'ledger.close-days', data: {} });
      await t.jobs.runUntilIdle();
      // 1 March: 10000 + 500 = 10500; 2 March: 10500 - 3000 = 7500
      expect(
        (await closing()).map((c: { day: string; closing_balance: number; credits: number }) => [
          c.day,
          c.closing_balance,
          c.credits,
        ]),
      ).toEqual([
        ['2026-03-02', 7500, 0],
        ['2026-03-01', 10500, 10500],
      ]);
      const dirty = await t.db
        .selectFrom('ledger_dirty_days')
        .selectAll()
        .where('day', '<=', '2026-03-02')
        .execute();
      expect(dirty).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
