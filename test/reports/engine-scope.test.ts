import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/core/reports/engine/run-report.ts';
import { streamReport } from '../../src/core/reports/engine/stream-report.ts';
import { send } from '../commissions/engine-helpers.ts';
import { approvedPartner, createIdentityApp, type IdentityTestApp } from '../identity/helpers.ts';
import { copyToAnalytics } from '../support/report-sources.ts';
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
  uid,
} from './engine-helpers.ts';

let t: IdentityTestApp;
let e: BothSourcesTest<IdentityTestApp>;
// Every operator report() here runs on PostgreSQL and on ClickHouse, and both must answer alike;
// partner reports and streams are compared by partnerReport and the streaming test.
beforeAll(async () => {
  e = await bothSourcesApp((env, options) => createIdentityApp(env, undefined, options));
  t = e.t;
}, 300_000);
afterAll(() => e.close());

/** A signed-in partner with a campaign and promo on a new brand, and a day of its traffic. */
async function partnerWithTraffic() {
  const s = await reportBrand(e);
  const partner = await approvedPartner(t);
  const campaign = (
    await e.api('POST', '/campaigns', { affiliate_id: partner.affiliateId, brand_id: s.brand.id, name: 'P' })
  ).json();
  const promo = (
    await e.api('POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: s.link.id })
  ).json() as Promo;
  const d0 = dayAgo(2);
  await clicks(e, promo, new Date(d0.getTime() + HOUR), 2);
  await clicks(e, s.promo, new Date(d0.getTime() + HOUR), 5); // the brand's other affiliate
  await send(e, [
    event(s.brand.id, uid('p'), 'registration', new Date(d0.getTime() + 2 * HOUR), {
      affiliate_id: partner.affiliateId,
    }),
    event(s.brand.id, uid('p'), 'deposit', new Date(d0.getTime() + 3 * HOUR), {
      affiliate_id: partner.affiliateId,
      amount: 4000,
    }),
  ]);
  const range = { from: isoDay(d0), to: isoDay(new Date(d0.getTime() + DAY)) };
  // Copied first: with the copy current the partner's report is ClickHouse's (its expectations
  // are the test's own sums).
  const partnerReport = async (body: Record<string, unknown>) => {
    await copyToAnalytics(t);
    const res = await t.as(partner.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/performance',
      payload: { ...range, ...body },
    });
    if (res.statusCode === 200) expect(res.json().source).toBe('clickhouse');
    return res;
  };
  return { s, partner, promo, d0, range, partnerReport };
}

describe('who sees what', () => {
  it('gives a partner only its own rows, whatever it groups or filters by', async () => {
    const w = await partnerWithTraffic();
    const res = await w.partnerReport({ group_by: ['affiliate'], columns: ['clicks', 'total_commission'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([
      {
        affiliate: w.partner.affiliateId,
        affiliate_name: expect.any(String),
        currency: 'EUR',
        clicks: 2,
        total_commission: 3500, // CPL 500 + CPA 3000 on the 40.00 first deposit
      },
    ]);
    const other = await w.partnerReport({
      group_by: [],
      columns: ['clicks'],
      filters: { affiliate: [w.s.affiliateId] },
    });
    expect(other.json()).toMatchObject({ rows: [], totals: [], total_rows: 0 });
  });

  it('leaves measurements the operator has not opened out of the defaults and refuses them by name', async () => {
    const w = await partnerWithTraffic();
    const defaults = (await w.partnerReport({ group_by: [] })).json();
    // No extra permission: registrations, FTDs, deposits and NGR are hidden; clicks and commissions are not.
    expect(defaults.columns.map((c: { key: string }) => c.key)).toEqual([
      'currency',
      'clicks',
      'unique_clicks',
      'total_commission',
    ]);
    expect(Object.keys(defaults.rows[0])).toEqual([
      'currency',
      'clicks',
      'unique_clicks',
      'total_commission',
    ]);
    const asked = await w.partnerReport({ group_by: [], columns: ['clicks', 'deposit_amount', 'ftd_count'] });
    expect(asked.statusCode).toBe(422);
    expect(asked.json().error.details.fields).toEqual([
      { path: 'columns[1]', message: 'deposit_amount is not available to you' },
      { path: 'columns[2]', message: 'ftd_count is not available to you' },
    ]);
    await t.db
      .updateTable('affiliates')
      .set({ extra_permissions: ['deposit_amount'] })
      .where('id', '=', w.partner.affiliateId)
      .execute();
    const opened = await w.partnerReport({ group_by: [], columns: ['clicks', 'deposit_amount'] });
    expect(opened.json().rows).toEqual([{ currency: 'EUR', clicks: 2, deposit_amount: 4000 }]);
    // The portal asks which measurements it may offer: the opened one is listed, the rest are not.
    const columns = await t.as(w.partner.cookie, { url: '/api/partner/v1/reports/columns' });
    expect(columns.statusCode, columns.body).toBe(200);
    const names = columns.json().data.map((c: { name: string }) => c.name);
    expect(names).toContain('deposit_amount');
    expect(names).toContain('clicks');
    expect(names).not.toContain('ftd_count');
    expect(names).not.toContain('registrations');
    // The operator sees everything.
    const operator = await report(e, {
      ...w.range,
      group_by: [],
      columns: ['ftd_count'],
      filters: { brand: [w.s.brand.id] },
    });
    expect(operator.rows).toEqual([{ currency: 'EUR', ftd_count: 1 }]);
  });

  it('counts a late event in the next report of the day it happened', async () => {
    const w = await partnerWithTraffic();
    const body = {
      ...w.range,
      group_by: ['day'],
      columns: ['deposit_count', 'deposit_amount'],
      filters: { brand: [w.s.brand.id] },
    };
    expect((await report(e, body)).rows).toEqual([
      { day: w.d0.toISOString(), currency: 'EUR', deposit_count: 1, deposit_amount: 4000 },
    ]);
    // Received today, happened two days ago: 4000 + 1500.
    await send(e, [
      event(w.s.brand.id, uid('p'), 'deposit', new Date(w.d0.getTime() + 20 * HOUR), {
        affiliate_id: w.partner.affiliateId,
        amount: 1500,
      }),
    ]);
    expect((await report(e, body)).rows).toEqual([
      { day: w.d0.toISOString(), currency: 'EUR', deposit_count: 2, deposit_amount: 5500 },
    ]);
  });

  it('streams every row of a report in the order of its pages', async () => {
    const w = await partnerWithTraffic();
    const query = {
      ...w.range,
      group_by: ['hour' as const, 'affiliate' as const],
      columns: ['clicks' as const],
      filters: { brand: [w.s.brand.id] },
    };
    const paged = await runReport({ db: t.db, scope: {}, query: { ...query, page_size: 1000 } });
    const stream = await streamReport({ db: t.db, scope: {}, query });
    const rows = [];
    for await (const row of stream.rows) rows.push(row);
    expect(rows.length).toBe(paged.total_rows);
    expect(rows).toEqual(paged.rows);
    expect(await stream.totals()).toEqual(paged.totals);
    expect(stream.columns).toEqual(paged.columns);
    // ClickHouse streams the same rows and totals.
    await copyToAnalytics(t);
    const fromClickhouse = await streamReport({
      db: t.db,
      scope: {},
      query,
      ...(e.analytics ? { analytics: e.analytics } : {}),
      requestedSource: 'clickhouse',
    });
    expect(fromClickhouse.source).toBe('clickhouse');
    const chRows = [];
    for await (const row of fromClickhouse.rows) chRows.push(row);
    expect(chRows).toEqual(paged.rows);
    expect(await fromClickhouse.totals()).toEqual(paged.totals);
  });
});
