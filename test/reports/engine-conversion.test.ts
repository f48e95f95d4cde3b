import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToAnalytics } from '../support/report-sources.ts';
import {
  type BothSourcesTest,
  bothSourcesApp,
  DAY,
  dayAgo,
  event,
  HOUR,
  isoDay,
  report,
  reportBrand,
  send,
  uid,
} from './engine-helpers.ts';

let e: BothSourcesTest;
// Every report() here runs on PostgreSQL and on ClickHouse, and both must answer alike.
beforeAll(async () => {
  e = await bothSourcesApp();
  const rates = [
    { base: 'EUR', quote: 'GBP', date: '2025-01-02', rate: '0.86' },
    { base: 'EUR', quote: 'GBP', date: '2025-06-02', rate: '0.90' },
    { base: 'USD', quote: 'GBP', date: '2025-01-02', rate: '0.79' },
    // JPY has a rate to GBP only from 2025-06-02 on.
    { base: 'GBP', quote: 'JPY', date: '2025-06-02', rate: '190' },
  ];
  const res = await e.t.call(e.admin, { method: 'POST', url: '/api/v1/exchange-rates', payload: { rates } });
  expect(res.statusCode, res.body).toBeLessThan(300);
}, 300_000);
afterAll(() => e.close());

/** A customer depositing 10.01 EUR and 25.03 USD on one day; CPL 5.00 EUR on the registration. */
async function deposits(extra: { currency: string; amount: number }[] = []) {
  const s = await reportBrand(e);
  const d0 = dayAgo(3);
  const p = uid('p');
  const at = (h: number) => new Date(d0.getTime() + h * HOUR);
  await send(e, [
    event(s.brand.id, p, 'registration', at(1), { affiliate_id: s.affiliateId }),
    event(s.brand.id, p, 'deposit', at(2), { amount: 1001 }),
    event(s.brand.id, p, 'deposit', at(3), { amount: 2503, currency: 'USD' }),
    ...extra.map((x, i) => event(s.brand.id, p, 'deposit', at(4 + i), x)),
  ]);
  return {
    s,
    range: { from: isoDay(d0), to: isoDay(new Date(d0.getTime() + DAY)), filters: { brand: [s.brand.id] } },
  };
}

describe('currency conversion', () => {
  it('keeps each currency in its own row without a currency asked for', async () => {
    const { range } = await deposits();
    const r = await report(e, {
      ...range,
      group_by: ['day'],
      columns: ['registrations', 'deposit_amount', 'cpl_commission'],
    });
    expect(r.currency_mode).toBe('native');
    expect(r.conversion).toBeUndefined();
    expect(
      r.rows.map((x: Record<string, unknown>) => [
        x.currency,
        x.registrations,
        x.deposit_amount,
        x.cpl_commission,
      ]),
    ).toEqual([
      [null, 1, 0, 0], // the registration belongs to no currency when the day has two
      ['EUR', 0, 1001, 500],
      ['USD', 0, 2503, 0],
    ]);
    expect(r.totals.map((x: { currency: string | null }) => x.currency)).toEqual([null, 'EUR', 'USD']);
  });

  it('converts every amount at the rates of a past date and returns them', async () => {
    const { range } = await deposits();
    const r = await report(e, {
      ...range,
      group_by: ['day'],
      columns: ['registrations', 'deposit_amount', 'cpl_commission', 'total_commission'],
      currency: 'GBP',
      rate_date: '2025-03-01',
    });
    expect(r.currency_mode).toBe('converted');
    // On 2025-03-01 the latest rates are those of 2025-01-02: EUR 0.86, USD 0.79.
    expect(r.conversion).toEqual({
      currency: 'GBP',
      rate_date: '2025-03-01',
      rates: [
        { from: 'EUR', to: 'GBP', rate: '0.86' },
        { from: 'USD', to: 'GBP', rate: '0.79' },
      ],
    });
    // Deposits: 1001 × 0.86 = 860.86 → 861; 2503 × 0.79 = 1977.37 → 1977; 861 + 1977 = 2838.
    // CPL: 500 × 0.86 = 430; with the CPA of the 10.01 first deposit, 3500 × 0.86 = 3010.
    const row = {
      currency: 'GBP',
      registrations: 1,
      deposit_amount: 2838,
      cpl_commission: 430,
      total_commission: 3010,
    };
    expect(r.rows).toEqual([{ day: dayAgo(3).toISOString(), ...row }]);
    expect(r.totals).toEqual([row]);

    // After 2025-06-02 EUR is at 0.90: 1001 × 0.90 = 900.9 → 901; 901 + 1977 = 2878.
    const later = await report(e, {
      ...range,
      group_by: [],
      columns: ['deposit_amount'],
      currency: 'GBP',
      rate_date: '2025-07-01',
    });
    expect(later.rows).toEqual([{ currency: 'GBP', deposit_amount: 2878 }]);
  });

  it('rounds half to even into a currency of other decimals, once per group and currency', async () => {
    const { range } = await deposits([
      { currency: 'GBP', amount: 25 },
      { currency: 'GBP', amount: 75 },
    ]);
    const r = await report(e, {
      ...range,
      group_by: ['hour'],
      columns: ['deposit_amount'],
      currency: 'JPY',
      rate_date: '2025-06-02',
    });
    // EUR and USD reach JPY through GBP (the platform's cross rates): 0.90 × 190 = 171 and
    // 0.79 × 190 = 150.1. JPY has no decimals: × 10^(0 − 2).
    expect(r.conversion.rates).toEqual([
      { from: 'EUR', to: 'JPY', rate: '171' },
      { from: 'GBP', to: 'JPY', rate: '190' },
      { from: 'USD', to: 'JPY', rate: '150.1' },
    ]);
    const hour = (h: number) => new Date(dayAgo(3).getTime() + h * HOUR).toISOString();
    expect(r.rows.map((x: { hour: string; deposit_amount: number }) => [x.hour, x.deposit_amount])).toEqual([
      [hour(1), 0], // the registration
      [hour(2), 1712], // 1001 × 171 / 100 = 1711.71
      [hour(3), 3757], // 2503 × 150.1 / 100 = 3757.003
      [hour(4), 48], // 25 × 190 / 100 = 47.5, half to even
      [hour(5), 142], // 75 × 190 / 100 = 142.5, half to even
    ]);
    expect(r.totals).toEqual([{ currency: 'JPY', deposit_amount: 5659 }]); // 1712 + 3757 + 48 + 142
  });

  it('takes amounts already in the target currency as they are and rounds the others', async () => {
    const { range } = await deposits();
    // A direct USD rate, dated after every other test's rate date so that none of them sees it.
    const rates = [{ base: 'USD', quote: 'EUR', date: '2025-09-01', rate: '0.85' }];
    const res = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/exchange-rates',
      payload: { rates },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const r = await report(e, {
      ...range,
      group_by: ['day'],
      columns: ['deposit_amount', 'total_commission'],
      currency: 'EUR',
      rate_date: '2025-09-01',
    });
    expect(r.conversion.rates).toEqual([
      { from: 'EUR', to: 'EUR', rate: '1' },
      { from: 'USD', to: 'EUR', rate: '0.85' },
    ]);
    // Deposits: 1001 EUR as it is; 2503 × 0.85 = 2127.55 → 2128; 1001 + 2128 = 3129.
    // Commissions are all EUR: CPL 500 + CPA 3000 = 3500, unchanged.
    const row = { currency: 'EUR', deposit_amount: 3129, total_commission: 3500 };
    expect(r.rows).toEqual([{ day: dayAgo(3).toISOString(), ...row }]);
    expect(r.totals).toEqual([row]);
  });

  it('refuses with a 422 naming the currency that has no rate on the date', async () => {
    const { range } = await deposits();
    // Whichever source answers (ClickHouse once the deposits are copied) refuses alike.
    await copyToAnalytics(e.t);
    const res = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/reports/performance',
      payload: {
        ...range,
        group_by: [],
        columns: ['deposit_amount'],
        currency: 'JPY',
        rate_date: '2025-03-01',
      },
    });
    expect(res.statusCode, res.body).toBe(422);
    const fields = res.json().error.details.fields;
    expect(fields).toEqual([
      { path: 'currency', message: expect.stringContaining('EUR, USD to JPY on or before 2025-03-01') },
    ]);
  });
});
