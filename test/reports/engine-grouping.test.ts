import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSecondAffiliate } from '../events/helpers.ts';
import {
  type BothSourcesTest,
  bothSourcesApp,
  clicks,
  DAY,
  dayAgo,
  event,
  HOUR,
  isoDay,
  type Promo,
  report,
  reportBrand,
  send,
  uid,
} from './engine-helpers.ts';

let e: BothSourcesTest;
// Every report() here runs on PostgreSQL and on ClickHouse, and both must answer alike.
beforeAll(async () => {
  e = await bothSourcesApp();
}, 300_000);
afterAll(() => e.close());

/**
 * A brand with two affiliates. Day 0: A 3 clicks (desktop DE, sub1 x), B 1 click (mobile FR,
 * sub1 y); day 1: A 2 clicks (mobile DE, sub1 y). One registration of A's on day 0 and one of B's
 * on day 1, each attributed by its click.
 */
async function world() {
  const s = await reportBrand(e);
  const second = await seedSecondAffiliate(e.t, e.admin, s.brand.id, s.link.id);
  const promoB = { ...second.promo, affiliate_id: second.affiliateId, brand_id: s.brand.id } as Promo;
  const d0 = dayAgo(4);
  const d1 = new Date(d0.getTime() + DAY);
  const at = (d: Date, h: number) => new Date(d.getTime() + h * HOUR);
  await clicks(e, s.promo, at(d0, 9), 3, { country: 'DE', device_type: 'desktop', sub1: 'x' });
  await clicks(e, promoB, at(d0, 9), 1, { country: 'FR', device_type: 'mobile', sub1: 'y' });
  await clicks(e, s.promo, at(d1, 9), 2, { country: 'DE', device_type: 'mobile', sub1: 'y' });
  await send(e, [
    event(s.brand.id, uid('p'), 'registration', at(d0, 10), { affiliate_id: s.affiliateId }),
    event(s.brand.id, uid('p'), 'registration', at(d1, 10), { affiliate_id: second.affiliateId }),
  ]);
  const range = {
    from: isoDay(d0),
    to: isoDay(new Date(d1.getTime() + DAY)),
    filters: { brand: [s.brand.id] },
  };
  return { s, second, promoB, d0, d1, range };
}

describe('grouping, filters, sorting and paging', () => {
  it('groups by day and affiliate, with names, sorted by clicks, paged, totals over every page', async () => {
    const w = await world();
    const body = {
      ...w.range,
      group_by: ['day', 'affiliate'],
      columns: ['clicks', 'registrations'],
      sort: [{ by: 'clicks', direction: 'desc' }],
      page_size: 2,
    };
    const first = await report(e, body);
    const A = w.s.affiliateId;
    const B = w.second.affiliateId;
    expect(first.total_rows).toBe(4);
    expect(
      first.rows.map((r: Record<string, unknown>) => [r.day, r.affiliate, r.clicks, r.registrations]),
    ).toEqual([
      [w.d0.toISOString(), A, 3, 1],
      [w.d1.toISOString(), A, 2, 0],
    ]);
    expect(first.rows[0].affiliate_name).toEqual(expect.any(String));
    const second = await report(e, { ...body, page: 2 });
    expect(
      second.rows.map((r: Record<string, unknown>) => [r.day, r.affiliate, r.clicks, r.registrations]),
    ).toEqual([
      [w.d0.toISOString(), B, 1, 0],
      [w.d1.toISOString(), B, 0, 1],
    ]);
    // 3 + 2 + 1 clicks, 1 + 1 registrations; the currency-less counts have no currency.
    expect(first.totals).toEqual([{ currency: null, clicks: 6, registrations: 2 }]);
    expect(second.totals).toEqual(first.totals);
    // Past the last page: no rows, but still the report's size and totals.
    const past = await report(e, { ...body, page: 3 });
    expect(past.rows).toEqual([]);
    expect(past.total_rows).toBe(4);
    expect(past.totals).toEqual(first.totals);
  });

  it('groups by country and device (hourly rollups) and by sub1 (raw clicks), any combination', async () => {
    const w = await world();
    const byCountryDevice = await report(e, {
      ...w.range,
      group_by: ['country', 'device'],
      columns: ['clicks'],
    });
    expect(byCountryDevice.rows.map((r: Record<string, unknown>) => [r.country, r.device, r.clicks])).toEqual(
      [
        ['DE', 'desktop', 3],
        ['DE', 'mobile', 2],
        ['FR', 'mobile', 1],
      ],
    );
    // Registrations came without a click: their customers have no sub1.
    const bySub = await report(e, {
      ...w.range,
      group_by: ['sub1', 'affiliate'],
      columns: ['clicks', 'registrations'],
    });
    expect(
      bySub.rows.map((r: Record<string, unknown>) => [r.sub1, r.affiliate, r.clicks, r.registrations]),
    ).toEqual([
      [null, w.s.affiliateId, 0, 1],
      [null, w.second.affiliateId, 0, 1],
      ['x', w.s.affiliateId, 3, 0],
      ['y', w.s.affiliateId, 2, 0],
      ['y', w.second.affiliateId, 1, 0],
    ]);
  });

  it('filters by country, device, affiliate, promo code and sub1, alone and together', async () => {
    const w = await world();
    const clicksWith = async (filters: Record<string, unknown>) =>
      (
        await report(e, {
          ...w.range,
          group_by: [],
          columns: ['clicks'],
          filters: { ...w.range.filters, ...filters },
        })
      ).totals[0]?.clicks ?? 0;
    expect(await clicksWith({ country: ['DE'] })).toBe(5); // 3 + 2
    expect(await clicksWith({ device: ['mobile'] })).toBe(3); // 1 + 2
    expect(await clicksWith({ country: ['de'], device: ['mobile'] })).toBe(2);
    expect(await clicksWith({ affiliate: [w.second.affiliateId] })).toBe(1);
    expect(await clicksWith({ promo_code: [w.s.promo.code] })).toBe(5);
    expect(await clicksWith({ promo_code: ['no-such-code'] })).toBe(0);
    expect(await clicksWith({ sub1: ['y'] })).toBe(3); // B's 1 + A's 2 on day 1
    expect(await clicksWith({ sub1: ['y'], affiliate: [w.s.affiliateId] })).toBe(2);
  });

  it('puts periods in the time zone asked for', async () => {
    const w = await world();
    // A's 3 and B's 1 click at 09:00 UTC on day 0 fall on day 0 in Tokyo (18:00); a click at
    // 23:00 UTC the day before falls on day 0 there too (08:00): 3 + 1 + 1.
    await clicks(e, w.s.promo, new Date(w.d0.getTime() - HOUR), 1, { country: 'JP' });
    const tokyo = await report(e, {
      ...w.range,
      from: new Date(w.d0.getTime() - 9 * HOUR).toISOString(),
      to: new Date(w.d0.getTime() + 15 * HOUR).toISOString(),
      timezone: 'Asia/Tokyo',
      group_by: ['day'],
      columns: ['clicks'],
    });
    expect(tokyo.rows).toEqual([
      { day: new Date(w.d0.getTime() - 9 * HOUR).toISOString(), currency: null, clicks: 5 },
    ]);
  });

  it('refuses what the schema cannot: bad zone, bounds, sort key; every problem in one answer', async () => {
    const res = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/reports/performance',
      payload: {
        from: '2026-02-30',
        to: '2026-01-01T10:30:00Z',
        timezone: 'Mars/Olympus',
        group_by: ['day'],
        columns: ['clicks'],
        sort: [{ by: 'deposit_amount' }],
      },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'timezone',
      'from',
      'to',
      'sort[0].by',
    ]);
  });
});
