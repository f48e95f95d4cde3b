import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let reader: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  reader = await t.apiKey(['read']);
  // What the reading tests look up; the loading tests load rates of later years of their own
  // (a later rate never answers for an earlier day).
  expect((await load(BASE_RATES)).statusCode).toBe(200);
});
afterAll(() => t.close());

type Rate = { base: string; quote: string; date: string; rate: string | number; source?: string | null };

const load = (rates: Rate[] | unknown[], key = admin) =>
  t.call(key, { method: 'POST', url: '/api/v1/exchange-rates', payload: { rates } });
const rate = (query: string) => t.call(reader, { url: `/api/v1/exchange-rates/rate?${query}` });
const convert = (query: string) => t.call(reader, { url: `/api/v1/exchange-rates/convert?${query}` });
const paths = (res: { json(): any }) => res.json().error.details.fields.map((f: { path: string }) => f.path);

/** The same rates on the same days of another year. */
const inYear = (rates: Rate[], year: string): Rate[] =>
  rates.map((r) => ({ ...r, date: year + r.date.slice(4) }));

const BASE_RATES: Rate[] = [
  { base: 'EUR', quote: 'USD', date: '2026-01-02', rate: '1.10', source: 'ecb' },
  { base: 'EUR', quote: 'USD', date: '2026-01-05', rate: '1.12', source: 'ecb' },
  { base: 'EUR', quote: 'GBP', date: '2026-01-02', rate: '0.86', source: 'ecb' },
  { base: 'USD', quote: 'JPY', date: '2026-01-05', rate: 157.5, source: 'fed' },
  { base: 'BTC', quote: 'USD', date: '2026-01-05', rate: '95000.5' },
];

describe('loading rates', () => {
  it('needs the write or finance scope', async () => {
    const one = [{ base: 'EUR', quote: 'CHF', date: '2025-12-01', rate: '0.93' }];
    expect(
      (await t.call(null, { method: 'POST', url: '/api/v1/exchange-rates', payload: { rates: one } }))
        .statusCode,
    ).toBe(401);
    const denied = await load(one, reader);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toContain('"write" or "finance"');
    expect((await load(one, await t.apiKey(['finance']))).json()).toMatchObject({ inserted: 1 });
    expect((await load(one, await t.apiKey(['write']))).json()).toMatchObject({ unchanged: 1 });
  });

  it('inserts, then reports an identical reload as unchanged', async () => {
    const rates = inYear(BASE_RATES, '2030');
    const first = await load(rates);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 5, inserted: 5, updated: 0, unchanged: 0 });
    const before = await t.db.selectFrom('exchange_rates').select(['base', 'updated_at']).execute();
    // "1.10" and 1.1 are the same rate: still unchanged, and nothing was rewritten.
    const again = await load(rates.map((r) => (r.rate === '1.10' ? { ...r, rate: 1.1 } : r)));
    expect(again.json()).toEqual({ received: 5, inserted: 0, updated: 0, unchanged: 5 });
    const after = await t.db.selectFrom('exchange_rates').select(['base', 'updated_at']).execute();
    expect(after).toEqual(before);
  });

  it('updates a changed rate or source and counts the rest as unchanged', async () => {
    const rates = inYear(BASE_RATES, '2031');
    expect((await load(rates)).json()).toMatchObject({ inserted: 5 });
    const changed = rates.map((r, i) =>
      i === 0 ? { ...r, rate: '1.1000001' } : i === 2 ? { ...r, source: 'manual' } : r,
    );
    expect((await load(changed)).json()).toEqual({ received: 5, inserted: 0, updated: 2, unchanged: 3 });
    expect((await load(rates)).json()).toMatchObject({ updated: 2, unchanged: 3 });
  });

  it('rejects a bad batch whole, naming every bad field', async () => {
    const count = async () => (await t.db.selectFrom('exchange_rates').select('base').execute()).length;
    const stored = await count();
    const res = await load([
      { base: 'EUR', quote: 'SEK', date: '2026-01-09', rate: '11.2' },
      { base: 'XYZ', quote: 'USD', date: '2026-01-09', rate: '1' },
      { base: 'EUR', quote: 'eur', date: '2026-01-09', rate: '1' },
      { base: 'EUR', quote: 'NOK', date: '2026-01-09', rate: 'abc' },
      { base: 'EUR', quote: 'NOK', date: '2026-01-09', rate: '-1' },
      { base: 'EUR', quote: 'NOK', date: '2026-01-09', rate: '0' },
      { base: 'EUR', quote: 'SEK', date: '2026-01-09', rate: '11.3' },
    ]);
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual([
      'rates[1].base',
      'rates[2].quote',
      'rates[3].rate',
      'rates[4].rate',
      'rates[5].rate',
      'rates[6]',
    ]);
    expect(res.json().error.details.fields[5].message).toContain('repeats rates[0]');
    expect(await count()).toBe(stored);
  });

  it('rejects impossible dates, unknown fields and an empty list by schema', async () => {
    const bad = await load([
      { base: 'EUR', quote: 'SEK', date: '2026-02-30', rate: '11.2' },
      { base: 'EUR', quote: 'SEK', date: '2026-01-09', rate: '11.2', extra: 1 },
    ]);
    expect(bad.statusCode).toBe(422);
    expect(paths(bad).sort()).toEqual(['rates[0].date', 'rates[1].extra']);
    expect((await load([])).statusCode).toBe(422);
  });
});

describe('the rate of a day', () => {
  it('is the latest rate on or before the day', async () => {
    const exact = await rate('base=EUR&quote=USD&date=2026-01-02');
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toMatchObject({
      rate: '1.1',
      method: 'direct',
      via: null,
      effective_date: '2026-01-02',
    });
    expect(exact.json().legs).toEqual([
      { base: 'EUR', quote: 'USD', date: '2026-01-02', rate: '1.1', source: 'ecb' },
    ]);
    // Saturday and Sunday use Friday's rate; later days the last one stored.
    expect((await rate('base=EUR&quote=USD&date=2026-01-04')).json()).toMatchObject({
      rate: '1.1',
      effective_date: '2026-01-02',
    });
    expect((await rate('base=eur&quote=usd&date=2026-03-01')).json()).toMatchObject({
      rate: '1.12',
      effective_date: '2026-01-05',
    });
  });

  it('is not found before the first stored rate', async () => {
    const res = await rate('base=EUR&quote=USD&date=2026-01-01');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'not_found',
      message: 'no exchange rate for EUR/USD on or before 2026-01-01',
    });
  });

  it('inverts a pair stored the other way', async () => {
    expect((await rate('base=USD&quote=EUR&date=2026-01-06')).json()).toMatchObject({
      rate: '0.89285714285714285714',
      method: 'inverse',
      effective_date: '2026-01-05',
    });
  });

  it('crosses through a common currency, dated by its older leg', async () => {
    const eurJpy = (await rate('base=EUR&quote=JPY&date=2026-01-05')).json();
    expect(eurJpy).toMatchObject({
      rate: '176.4',
      method: 'cross',
      via: 'USD',
      effective_date: '2026-01-05',
    });
    expect(eurJpy.legs.map((l: { base: string; quote: string }) => `${l.base}/${l.quote}`)).toEqual([
      'EUR/USD',
      'USD/JPY',
    ]);
    expect((await rate('base=GBP&quote=USD&date=2026-01-05')).json()).toMatchObject({
      rate: '1.3023255813953488372',
      via: 'EUR',
      effective_date: '2026-01-02',
    });
    // JPY has rates only from 2026-01-05.
    expect((await rate('base=EUR&quote=JPY&date=2026-01-02')).statusCode).toBe(404);
  });

  it('prefers the fresher common currency, then USD over EUR', async () => {
    await load([
      { base: 'EUR', quote: 'CHF', date: '2026-01-05', rate: '0.93' },
      { base: 'USD', quote: 'CHF', date: '2026-01-05', rate: '0.83' },
      { base: 'EUR', quote: 'SEK', date: '2026-01-05', rate: '11' },
      { base: 'USD', quote: 'SEK', date: '2026-01-05', rate: '9.8' },
    ]);
    expect((await rate('base=CHF&quote=SEK&date=2026-01-05')).json()).toMatchObject({ via: 'USD' });
    await load([
      { base: 'EUR', quote: 'CHF', date: '2026-01-06', rate: '0.94' },
      { base: 'EUR', quote: 'SEK', date: '2026-01-06', rate: '11.1' },
    ]);
    expect((await rate('base=CHF&quote=SEK&date=2026-01-06')).json()).toMatchObject({ via: 'EUR' });
  });

  it('is 1 for the same currency and names bad parameters', async () => {
    expect((await rate('base=EUR&quote=EUR&date=2026-01-05')).json()).toMatchObject({
      rate: '1',
      method: 'identity',
      legs: [],
    });
    const unknown = await rate('base=XYZ&quote=USD&date=2026-01-05');
    expect(unknown.statusCode).toBe(422);
    expect(paths(unknown)).toEqual(['base']);
    expect(paths(await rate('base=EUR&quote=USD&date=2026-13-01'))).toEqual(['date']);
    expect(paths(await rate('base=EUR'))).toEqual(['quote']);
  });
});

describe('converting amounts', () => {
  it('respects each minor unit: EUR cents to whole yen', async () => {
    const res = await convert('amount=1234&from=EUR&to=JPY&date=2026-01-05');
    expect(res.statusCode).toBe(200);
    // 12.34 EUR x 176.4 = 2176.776 JPY
    expect(res.json()).toMatchObject({ amount: 1234, from: 'EUR', to: 'JPY', converted_amount: 2177 });
    expect(res.json().exchange_rate).toMatchObject({ rate: '176.4', method: 'cross' });
    // 2177 JPY back: 2177 / 176.4 = 12.3412... EUR
    expect((await convert('amount=2177&from=JPY&to=EUR&date=2026-01-05')).json().converted_amount).toBe(1234);
  });

  it('handles 8-decimal crypto amounts', async () => {
    const oneBtc = await convert('amount=100000000&from=BTC&to=USD&date=2026-01-05');
    expect(oneBtc.json().converted_amount).toBe(9500050);
    // 123.45 USD / 95000.5 = 0.00129946684... BTC
    expect((await convert('amount=12345&from=USD&to=BTC&date=2026-01-05')).json().converted_amount).toBe(
      129947,
    );
  });

  it('rounds half to even', async () => {
    // A pair of its own: a later EUR/USD rate would change what the other tests read.
    await load([{ base: 'AUD', quote: 'NZD', date: '2026-01-07', rate: '1.25' }]);
    const at = (amount: number) => convert(`amount=${amount}&from=AUD&to=NZD&date=2026-01-07`);
    expect((await at(2)).json().converted_amount).toBe(2); // 2.5 -> 2
    expect((await at(6)).json().converted_amount).toBe(8); // 7.5 -> 8
    expect((await at(-2)).json().converted_amount).toBe(-2); // -2.5 -> -2
    expect((await at(3)).json().converted_amount).toBe(4); // 3.75 -> 4
  });

  it('names bad parameters and answers 404 without a rate', async () => {
    expect(paths(await convert('amount=1.5&from=EUR&to=USD'))).toEqual(['amount']);
    expect(paths(await convert('amount=100&from=EUR&to=NOPE'))).toEqual(['to']);
    expect((await convert('amount=100&from=EUR&to=USD&date=2020-01-01')).statusCode).toBe(404);
    expect((await convert('amount=100&from=EUR&to=EUR&date=2020-01-01')).json().converted_amount).toBe(100);
  });
});

describe('listing stored rates', () => {
  it('filters by pair and dates, newest first, with paging', async () => {
    // Rates no other test stores: a pair for the paging and a day for the date range.
    await load([
      { base: 'CAD', quote: 'MXN', date: '2027-03-01', rate: '13.1', source: 'boc' },
      { base: 'CAD', quote: 'MXN', date: '2027-03-03', rate: '13.3', source: 'boc' },
      { base: 'CAD', quote: 'MXN', date: '2027-03-02', rate: '13.2', source: 'boc' },
      { base: 'CAD', quote: 'USD', date: '2027-05-01', rate: '0.73' },
      { base: 'MXN', quote: 'USD', date: '2027-05-01', rate: '0.055' },
      { base: 'MXN', quote: 'USD', date: '2027-05-02', rate: '0.056' },
    ]);
    const page1 = (
      await t.call(reader, { url: '/api/v1/exchange-rates?base=CAD&quote=MXN&page_size=2' })
    ).json();
    expect(page1.paging).toEqual({ page: 1, page_size: 2, total: 3 });
    expect(page1.data.map((r: { date: string }) => r.date)).toEqual(['2027-03-03', '2027-03-02']);
    expect(page1.data[1]).toMatchObject({ base: 'CAD', quote: 'MXN', rate: '13.2', source: 'boc' });
    const page2 = (
      await t.call(reader, { url: '/api/v1/exchange-rates?base=CAD&quote=MXN&page_size=2&page=2' })
    ).json();
    expect(page2.data.map((r: { date: string }) => r.date)).toEqual(['2027-03-01']);
    const ranged = (
      await t.call(reader, { url: '/api/v1/exchange-rates?from=2027-05-01&until=2027-05-01' })
    ).json();
    expect(ranged.paging.total).toBe(2);
    expect(ranged.data.map((r: { base: string; date: string }) => `${r.base} ${r.date}`).sort()).toEqual([
      'CAD 2027-05-01',
      'MXN 2027-05-01',
    ]);
  });

  it('names bad filters', async () => {
    const list = (q: string) => t.call(reader, { url: `/api/v1/exchange-rates?${q}` });
    expect(paths(await list('from=2026-02-01&until=2026-01-01'))).toEqual(['until']);
    expect(paths(await list('quote=XYZ'))).toEqual(['quote']);
    expect(paths(await list('page_size=501'))).toEqual(['page_size']);
  });
});
