import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event } from '../commissions/engine-helpers.ts';
import { uid } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { appliedThrough } from './sub-affiliate-helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp();
}, 120_000);
afterAll(() => t.close());

const op = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.body ? res.json() : null;
};

const applied = (label: string, extra: Record<string, string>) => appliedThrough(t, label, extra);

/** Day 10, 10:00 UTC of the month `back` months before this one. */
function inMonth(back: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 10));
}
const monthStart = (back: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString();
};
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const FROM = monthStart(2).slice(0, 10);

describe('the sub-affiliate report', () => {
  let top: Partner;
  let other: Partner;
  let sub1 = 0;
  let sub2 = 0;
  let otherSub = 0;
  let campaign: { id: number; name: string };
  let promo: { id: number; code: string; title: string };
  let landing = '';

  beforeAll(async () => {
    const brand = await op('POST', '/brands', { name: uid('Brand'), base_currency: 'EUR' });
    const since = new Date(Date.UTC(2020, 0, 1)).toISOString();
    // CPA 30.00 on a first deposit of 10.00 or more; sub-affiliate fees 5.00 (level 1) and 2.00 (level 2).
    const plan = await op('POST', '/commission-plans', {
      name: uid('Plan'),
      brand_id: brand.id,
      currency: 'EUR',
      effective_from: since,
      definition: {
        cpa: { amount: 3000, qualification: { min_first_deposit: 1000 } },
        sub_affiliate: { levels: [{ cpa_fee: 500 }, { cpa_fee: 200 }] },
      },
    });
    await op('PUT', `/brands/${brand.id}/commission-plan`, { plan_id: plan.id, effective_from: since });
    const link = await op('POST', '/destination-links', {
      brand_id: brand.id,
      name: 'Join our program',
      url: 'https://program.example/portal/signup?promo={{promo_code}}',
      audience: 'sub_affiliates',
    });
    top = await approvedPartner(t, 'top');
    other = await approvedPartner(t, 'other');
    campaign = await op('POST', '/campaigns', {
      affiliate_id: top.affiliateId,
      brand_id: brand.id,
      name: uid('C'),
    });
    promo = await op('POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: link.id });
    // The sub-affiliate tracking link lands on the sign-up form with its promo code.
    landing = (await t.app.inject({ url: `/c/${promo.code}` })).headers.location as string;
    const code = new URL(landing).searchParams.get('promo') ?? '';
    sub1 = await applied('subone', { promo: code });
    sub2 = await applied('subtwo', { ref: String(sub1) });
    otherSub = await applied('othersub', { ref: String(other.affiliateId) });
    await t.db
      .updateTable('affiliates')
      .set({ extra_permissions: ['ftd_count', 'ftd_amount', 'sub_affiliate_commissions'] })
      .where('id', '=', top.affiliateId)
      .execute();
    // Two months ago: sub1 a first deposit of 10.00, sub2 one of 25.00; last month sub1 one of
    // 40.00 and the other affiliate's sub one of 10.00. Each earns a CPA.
    const deposit = (affiliateId: number, amount: number, at: Date) =>
      event(brand.id, uid('player'), 'deposit', at, { amount, affiliate_id: affiliateId });
    const events = [
      deposit(sub1, 1000, inMonth(2)),
      deposit(sub2, 2500, inMonth(2)),
      deposit(sub1, 4000, inMonth(1)),
      deposit(otherSub, 1000, inMonth(1)),
    ];
    const sent = await t.call(await t.apiKey(['events']), {
      method: 'POST',
      url: '/api/v1/events',
      payload: { events },
    });
    expect(sent.json().results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'created'));
    const rates = [{ base: 'EUR', quote: 'USD', date: '2023-07-19', rate: '1.085' }];
    await op('POST', '/exchange-rates', { rates });
  }, 120_000);

  const partnerReport = (cookie: string, body: Record<string, unknown>) =>
    t.as(cookie, { method: 'POST', url: '/api/partner/v1/reports/sub-affiliates', payload: body });

  it('records the promo and campaign of a sign-up through a sub-affiliate tracking link', async () => {
    expect(landing).toBe(`https://program.example/portal/signup?promo=${promo.code}`);
    const list = (await t.as(top.cookie, { url: '/api/partner/v1/sub-affiliates' })).json();
    const byId = new Map(list.data.map((s: { id: number }) => [s.id, s]));
    expect(byId.get(sub1)).toMatchObject({
      level: 1,
      campaign: { id: campaign.id, name: campaign.name },
      promo: { id: promo.id, code: promo.code, title: promo.title },
    });
    // sub2 came through sub1's referral link (no promo): top's level 2.
    expect(byId.get(sub2)).toMatchObject({ level: 2, campaign: null, promo: null });
    expect(byId.has(otherSub)).toBe(false);
  });

  it("ignores a promo of a player landing or of another affiliate than the referral code's", async () => {
    const playerLink = await op('POST', '/destination-links', {
      brand_id: (await op('POST', '/brands', { name: uid('B'), base_currency: 'EUR' })).id,
      name: 'Casino',
      url: 'https://casino.example/',
    });
    const c = await op('POST', '/campaigns', {
      affiliate_id: top.affiliateId,
      brand_id: playerLink.brand_id,
      name: uid('C'),
    });
    const playerPromo = await op('POST', `/campaigns/${c.id}/promos`, { destination_link_id: playerLink.id });
    const viaPlayer = await applied('viaplayer', { promo: playerPromo.code });
    const viaOther = await applied('viaother', { promo: promo.code, ref: String(other.affiliateId) });
    const rows = await t.db
      .selectFrom('affiliates')
      .select(['id', 'referrer_id', 'signup_info'])
      .where('id', 'in', [viaPlayer, viaOther])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.referrer_id, (r.signup_info as { promo_code: unknown }).promo_code])).toEqual([
      [null, null],
      [other.affiliateId, null],
    ]);
  });

  it('reports each sub-affiliate, its level, its figures and what the affiliate earned from it', async () => {
    const res = await partnerReport(top.cookie, {
      from: FROM,
      to: tomorrow,
      group_by: ['sub_affiliate'],
      columns: [
        'ftd_count',
        'ftd_amount',
        'sub_commission_level_1',
        'sub_commission_level_2',
        'sub_commission',
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.columns.map((c: { key: string }) => c.key)).toEqual([
      'sub_affiliate',
      'sub_affiliate_name',
      'level',
      'currency',
      'ftd_count',
      'ftd_amount',
      'sub_commission_level_1',
      'sub_commission_level_2',
      'sub_commission',
    ]);
    expect(body.rows).toMatchObject([
      // sub1: first deposits 10.00 + 40.00 = 50.00; two level-1 fees 2 × 5.00 = 10.00.
      {
        sub_affiliate: sub1,
        level: 1,
        currency: 'EUR',
        ftd_count: 2,
        ftd_amount: 5000,
        sub_commission_level_1: 1000,
        sub_commission_level_2: 0,
        sub_commission: 1000,
      },
      // sub2: 25.00; one level-2 fee of 2.00 (its level-1 fee went to sub1).
      {
        sub_affiliate: sub2,
        level: 2,
        currency: 'EUR',
        ftd_count: 1,
        ftd_amount: 2500,
        sub_commission_level_1: 0,
        sub_commission_level_2: 200,
        sub_commission: 200,
      },
    ]);
    // 2 + 1 FTDs; 50.00 + 25.00 = 75.00; 10.00 + 2.00 = 12.00 earned.
    expect(body.totals).toEqual([
      {
        currency: 'EUR',
        ftd_count: 3,
        ftd_amount: 7500,
        sub_commission_level_1: 1000,
        sub_commission_level_2: 200,
        sub_commission: 1200,
      },
    ]);
    expect(body.total_rows).toBe(2);
  });

  it('groups by month and sub-affiliate', async () => {
    const body = (
      await partnerReport(top.cookie, {
        from: FROM,
        to: tomorrow,
        group_by: ['month', 'sub_affiliate'],
        columns: ['ftd_amount', 'sub_commission'],
      })
    ).json();
    expect(
      body.rows.map((r: Record<string, unknown>) => [
        r.month,
        r.sub_affiliate,
        r.ftd_amount,
        r.sub_commission,
      ]),
    ).toEqual([
      [monthStart(2), sub1, 1000, 500],
      [monthStart(2), sub2, 2500, 200],
      [monthStart(1), sub1, 4000, 500],
    ]);
    const byMonth = (
      await partnerReport(top.cookie, {
        from: FROM,
        to: tomorrow,
        group_by: ['month'],
        columns: ['sub_commission'],
      })
    ).json();
    // Two months ago 5.00 + 2.00 = 7.00; last month 5.00.
    expect(byMonth.rows.map((r: Record<string, unknown>) => [r.month, r.sub_commission])).toEqual([
      [monthStart(2), 700],
      [monthStart(1), 500],
    ]);
  });

  it('converts into one currency at the rates of a past date', async () => {
    const body = (
      await partnerReport(top.cookie, {
        from: FROM,
        to: tomorrow,
        group_by: ['sub_affiliate'],
        columns: ['ftd_amount', 'sub_commission'],
        currency: 'USD',
        rate_date: '2023-07-20',
      })
    ).json();
    expect(body.currency_mode).toBe('converted');
    expect(body.conversion).toEqual({
      currency: 'USD',
      rate_date: '2023-07-20',
      rates: [{ from: 'EUR', to: 'USD', rate: '1.085' }],
    });
    expect(
      body.rows.map((r: Record<string, unknown>) => [r.currency, r.ftd_amount, r.sub_commission]),
    ).toEqual([
      // 5000 × 1.085 = 5425; 1000 × 1.085 = 1085.
      ['USD', 5425, 1085],
      // 2500 × 1.085 = 2712.5, half to even 2712; 200 × 1.085 = 217.
      ['USD', 2712, 217],
    ]);
    // The totals add the converted amounts: 5425 + 2712 = 8137; 1085 + 217 = 1302.
    expect(body.totals).toEqual([{ currency: 'USD', ftd_amount: 8137, sub_commission: 1302 }]);
  });

  it("never shows an affiliate another's sub-affiliates, and hides what it may not see", async () => {
    const res = await partnerReport(other.cookie, { from: FROM, to: tomorrow, group_by: ['sub_affiliate'] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // No extra permissions: of the default columns only the total commission is open to it.
    expect(body.columns.map((c: { key: string }) => c.key)).toEqual([
      'sub_affiliate',
      'sub_affiliate_name',
      'level',
      'currency',
      'total_commission',
    ]);
    // Its sub's one CPA of 30.00.
    expect(body.rows).toMatchObject([{ sub_affiliate: otherSub, level: 1, total_commission: 3000 }]);
    const hidden = await partnerReport(other.cookie, {
      from: FROM,
      to: tomorrow,
      group_by: [],
      columns: ['total_commission', 'sub_commission', 'ftd_amount'],
    });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'columns[1]',
      'columns[2]',
    ]);
    const naming = await partnerReport(other.cookie, {
      from: FROM,
      to: tomorrow,
      group_by: [],
      affiliate_id: top.affiliateId,
    });
    expect(naming.statusCode).toBe(422);
  });

  it('answers the operator the same for any affiliate, and exports it', async () => {
    const query = {
      from: FROM,
      to: tomorrow,
      group_by: ['sub_affiliate'],
      columns: ['ftd_amount', 'sub_commission_level_1', 'sub_commission_level_2'],
    };
    const partner = (await partnerReport(top.cookie, query)).json();
    const operator = await op('POST', `/affiliates/${top.affiliateId}/reports/sub-affiliates`, query);
    expect(operator).toEqual(partner);
    const csv = await t.call(t.admin, {
      method: 'POST',
      url: `/api/v1/affiliates/${top.affiliateId}/reports/sub-affiliates/export?format=csv`,
      payload: query,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, ...lines] = parse(csv.body) as string[][];
    expect(header).toEqual(operator.columns.map((c: { key: string }) => c.key));
    expect(lines).toEqual(
      operator.rows.map((r: Record<string, unknown>) => header!.map((k) => String(r[k] ?? ''))),
    );
    const mine = await t.as(top.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/sub-affiliates/export?format=json',
      payload: query,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(JSON.parse(mine.body)).toMatchObject({ rows: partner.rows, totals: partner.totals });
    const missing = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/affiliates/2147483647/reports/sub-affiliates',
      payload: query,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a report with two periods, naming group_by', async () => {
    const res = await partnerReport(top.cookie, { from: FROM, to: tomorrow, group_by: ['month', 'day'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual([{ path: 'group_by', message: expect.any(String) }]);
  });
});
