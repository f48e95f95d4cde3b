import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BothSourcesTest,
  bothSourcesApp,
  clicks,
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
}, 300_000);
afterAll(() => e.close());

const ALL = [
  'impressions',
  'clicks',
  'unique_clicks',
  'registrations',
  'qualified_leads',
  'ftd_count',
  'ftd_amount',
  'deposit_count',
  'deposit_amount',
  'withdrawal_amount',
  'net_deposits',
  'bets',
  'wins',
  'ggr',
  'bonuses',
  'ngr',
  'cpl_commission',
  'cpa_commission',
  'revshare_commission',
  'sub_affiliate_commission',
  'total_commission',
  'qualified_cpa_count',
  'registration_rate',
  'ftd_rate',
  'epc',
];

describe('metrics by day', () => {
  it('sums clicks, impressions, events and commissions per day, with the totals row', async () => {
    const s = await reportBrand(e);
    const d0 = dayAgo(5);
    const d1 = new Date(d0.getTime() + DAY);
    // Day 0: 3 clicks (2 unique), 4 impressions; customer A registers (CPL 500) and makes a first
    // deposit of 10.00 (FTD, CPA 3000). Day 1: 1 click; customer B registers (CPL 500) and
    // qualifies; A deposits 25.00, withdraws 7.00, bets 100.00, wins 60.00, gets 5.00 bonus.
    await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 2);
    await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 1, { is_unique: false });
    await clicks(e, s.promo, new Date(d1.getTime() + 9 * HOUR), 1);
    await e.t.db
      .insertInto('promo_impressions')
      .values({ promo_id: s.promo.id, hour: new Date(d0.getTime() + 8 * HOUR), impressions: 4n })
      .execute();
    const [a, b] = [uid('a'), uid('b')];
    const aff = { affiliate_id: s.affiliateId };
    await send(e, [
      event(s.brand.id, a, 'registration', new Date(d0.getTime() + 10 * HOUR), aff),
      event(s.brand.id, a, 'deposit', new Date(d0.getTime() + 11 * HOUR), { amount: 1000 }),
      event(s.brand.id, b, 'registration', new Date(d1.getTime() + 10 * HOUR), aff),
      event(s.brand.id, b, 'qualification', new Date(d1.getTime() + 11 * HOUR)),
      event(s.brand.id, a, 'deposit', new Date(d1.getTime() + 12 * HOUR), { amount: 2500 }),
      event(s.brand.id, a, 'withdrawal', new Date(d1.getTime() + 13 * HOUR), { amount: 700 }),
      event(s.brand.id, a, 'activity', new Date(d1.getTime() + 14 * HOUR), {
        products: { casino: { bets: 10000, wins: 6000, bonuses: 500 } },
      }),
    ]);

    const r = await report(e, {
      from: isoDay(d0),
      to: isoDay(new Date(d1.getTime() + DAY)),
      group_by: ['day'],
      filters: { brand: [s.brand.id] },
      columns: ALL,
    });
    expect(r.columns.map((c: { key: string }) => c.key)).toEqual(['day', 'currency', ...ALL]);
    expect(r.currency_mode).toBe('native');
    expect(r.total_rows).toBe(2);
    const day0 = {
      day: d0.toISOString(),
      currency: 'EUR',
      impressions: 4,
      clicks: 3,
      unique_clicks: 2,
      registrations: 1,
      qualified_leads: 0,
      ftd_count: 1,
      ftd_amount: 1000,
      deposit_count: 1,
      deposit_amount: 1000,
      withdrawal_amount: 0,
      net_deposits: 1000,
      bets: 0,
      wins: 0,
      ggr: 0,
      bonuses: 0,
      ngr: 0,
      cpl_commission: 500,
      cpa_commission: 3000,
      revshare_commission: 0,
      sub_affiliate_commission: 0,
      total_commission: 3500, // 500 + 3000
      qualified_cpa_count: 1,
      registration_rate: '0.3333', // 1 / 3
      ftd_rate: '1.0000', // 1 / 1
      epc: 1167, // 3500 / 3 = 1166.67, half to even
    };
    const day1 = {
      day: d1.toISOString(),
      currency: 'EUR',
      impressions: 0,
      clicks: 1,
      unique_clicks: 1,
      registrations: 1,
      qualified_leads: 1,
      ftd_count: 0,
      ftd_amount: 0,
      deposit_count: 1,
      deposit_amount: 2500,
      withdrawal_amount: 700,
      net_deposits: 1800, // 2500 - 700 - 0 chargebacks
      bets: 10000,
      wins: 6000,
      ggr: 4000, // 10000 - 6000
      bonuses: 500,
      ngr: 3500, // 4000 - 500
      cpl_commission: 500,
      cpa_commission: 0,
      revshare_commission: 0,
      sub_affiliate_commission: 0,
      total_commission: 500,
      qualified_cpa_count: 0,
      registration_rate: '1.0000', // 1 / 1
      ftd_rate: '0.0000', // 0 / 1
      epc: 500, // 500 / 1
    };
    expect(r.rows).toEqual([day0, day1]);
    expect(r.totals).toEqual([
      {
        currency: 'EUR',
        impressions: 4,
        clicks: 4,
        unique_clicks: 3,
        registrations: 2,
        qualified_leads: 1,
        ftd_count: 1,
        ftd_amount: 1000,
        deposit_count: 2,
        deposit_amount: 3500, // 1000 + 2500
        withdrawal_amount: 700,
        net_deposits: 2800, // 3500 - 700
        bets: 10000,
        wins: 6000,
        ggr: 4000,
        bonuses: 500,
        ngr: 3500,
        cpl_commission: 1000,
        cpa_commission: 3000,
        revshare_commission: 0,
        sub_affiliate_commission: 0,
        total_commission: 4000,
        qualified_cpa_count: 1,
        registration_rate: '0.5000', // 2 / 4
        ftd_rate: '0.5000', // 1 / 2
        epc: 1000, // 4000 / 4
      },
    ]);

    // The same figures read hour by hour (the hourly rollups) add up to the same totals.
    const hourly = await report(e, {
      from: isoDay(d0),
      to: isoDay(new Date(d1.getTime() + DAY)),
      group_by: ['hour'],
      filters: { brand: [s.brand.id] },
      columns: ALL,
    });
    expect(hourly.totals).toEqual(r.totals);
    expect(hourly.rows.map((row: { hour: string }) => row.hour)).toEqual(
      [8, 9, 10, 11, 24 + 9, 24 + 10, 24 + 11, 24 + 12, 24 + 13, 24 + 14].map((h) =>
        new Date(d0.getTime() + h * HOUR).toISOString(),
      ),
    );
  });

  it('leaves a commission out once it is rejected', async () => {
    const s = await reportBrand(e);
    const d0 = dayAgo(3);
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'registration', new Date(d0.getTime() + HOUR), { affiliate_id: s.affiliateId }),
    ]);
    const body = {
      from: isoDay(d0),
      to: isoDay(new Date(d0.getTime() + DAY)),
      group_by: [],
      filters: { brand: [s.brand.id] },
      columns: ['cpl_commission'],
    };
    expect((await report(e, body)).rows).toEqual([{ currency: 'EUR', cpl_commission: 500 }]);
    const cpl = await e.t.db
      .selectFrom('commissions')
      .select('id')
      .where('brand_id', '=', s.brand.id)
      .executeTakeFirstOrThrow();
    const rejected = await e.api('POST', `/commissions/${cpl.id}/reject`, { reason: 'duplicate player' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await report(e, body)).rows).toEqual([{ currency: 'EUR', cpl_commission: 0 }]);
  });
});

describe('clicks through the redirect', () => {
  it('are in the report once the click writer has written its batch (COPY on PostgreSQL)', async () => {
    const s = await reportBrand(e);
    for (let i = 0; i < 3; i++) {
      const res = await e.t.app.inject({
        url: `/c/${s.promo.code}`,
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      expect(res.statusCode).toBe(302);
    }
    await e.t.app.tracking.clicks.flush();
    const stored = await e.t.db
      .selectFrom('clicks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('promo_id', '=', s.promo.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(3);
    const today = dayAgo(0);
    const r = await report(e, {
      from: isoDay(today),
      to: isoDay(new Date(today.getTime() + DAY)),
      group_by: ['promo'],
      columns: ['clicks'],
      filters: { brand: [s.brand.id] },
    });
    expect(r.rows).toEqual([
      { promo: s.promo.id, promo_name: expect.any(String), currency: null, clicks: 3 },
    ]);
  });
});
