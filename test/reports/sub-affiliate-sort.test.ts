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

const op = async (method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const FROM = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
const AT = new Date(Date.now() - 10 * 86_400_000);

type Row = Record<string, unknown>;

describe('sorting the sub-affiliate report', () => {
  let top: Partner;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;

  beforeAll(async () => {
    const brand = await op('POST', '/brands', { name: uid('Brand'), base_currency: 'EUR' });
    top = await approvedPartner(t, 'sorttop');
    // Level 1: a, b, c (in this order, so their ids ascend); level 2: d, referred by a.
    a = await appliedThrough(t, 'zulu', { ref: String(top.affiliateId) });
    b = await appliedThrough(t, 'alpha', { ref: String(top.affiliateId) });
    c = await appliedThrough(t, 'mike', { ref: String(top.affiliateId) });
    d = await appliedThrough(t, 'kilo', { ref: String(a) });
    await t.db
      .updateTable('affiliates')
      .set({ extra_permissions: ['ftd_count', 'ftd_amount', 'sub_affiliate_commissions'] })
      .where('id', '=', top.affiliateId)
      .execute();
    // First deposits: a 50.00, b 25.00, c 10.00, d 25.00 (b and d tie).
    const events = [
      [a, 5000],
      [b, 2500],
      [c, 1000],
      [d, 2500],
    ].map(([affiliateId, amount]) =>
      event(brand.id, uid('player'), 'deposit', AT, { amount, affiliate_id: affiliateId }),
    );
    const sent = await t.call(await t.apiKey(['events']), {
      method: 'POST',
      url: '/api/v1/events',
      payload: { events },
    });
    expect(sent.json().results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'created'));
  }, 120_000);

  const query = (sort: unknown, extra: object = {}) => ({
    from: FROM,
    to: tomorrow,
    group_by: ['sub_affiliate'],
    columns: ['ftd_count', 'ftd_amount'],
    sort,
    ...extra,
  });
  const partnerReport = (body: object) =>
    t.as(top.cookie, { method: 'POST', url: '/api/partner/v1/reports/sub-affiliates', payload: body });
  const order = async (sort: unknown) => {
    const res = await partnerReport(query(sort));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows.map((r: Row) => r.sub_affiliate);
  };

  it('sorts by a figure either way, equal rows in the default order (by sub-affiliate)', async () => {
    // 50.00 > 25.00 (b, d: tie, b's id first) > 10.00
    expect(await order([{ by: 'ftd_amount', direction: 'desc' }])).toEqual([a, b, d, c]);
    expect(await order([{ by: 'ftd_amount' }])).toEqual([c, b, d, a]);
    expect(await order([{ by: 'ftd_amount', direction: 'asc' }])).toEqual([c, b, d, a]);
    // Without sort: by sub-affiliate id.
    expect(await order(undefined)).toEqual([a, b, c, d]);
  });

  it('sorts by several keys, names and levels included', async () => {
    // Level 2 first (d), then the level-1 ones by amount, smallest first.
    expect(
      await order([
        { by: 'level', direction: 'desc' },
        { by: 'ftd_amount', direction: 'asc' },
      ]),
    ).toEqual([d, c, b, a]);
    const res = await partnerReport(query([{ by: 'sub_affiliate_name', direction: 'desc' }]));
    const rows = res.json().rows as Row[];
    expect(rows).toHaveLength(4);
    const names = rows.map((r) => String(r.sub_affiliate_name));
    expect(names).toEqual([...names].sort((x, y) => y.localeCompare(x, 'en')));
    expect(new Set(rows.map((r) => r.sub_affiliate))).toEqual(new Set([a, b, c, d]));
  });

  it('pages the sorted rows, and exports them in the same order for the operator', async () => {
    const sort = [{ by: 'ftd_amount', direction: 'desc' }];
    const second = await partnerReport(query(sort, { page: 2, page_size: 2 }));
    expect(second.json().rows.map((r: Row) => r.sub_affiliate)).toEqual([d, c]);
    const operator = await op('POST', `/affiliates/${top.affiliateId}/reports/sub-affiliates`, query(sort));
    expect(operator.rows.map((r: Row) => r.sub_affiliate)).toEqual([a, b, d, c]);
    const csv = await t.call(t.admin, {
      method: 'POST',
      url: `/api/v1/affiliates/${top.affiliateId}/reports/sub-affiliates/export?format=csv`,
      payload: query(sort),
    });
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, ...lines] = parse(csv.body) as string[][];
    const id = header!.indexOf('sub_affiliate');
    expect(lines.map((l) => Number(l[id]))).toEqual([a, b, d, c]);
    const mine = await t.as(top.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/sub-affiliates/export?format=json',
      payload: query([{ by: 'ftd_amount', direction: 'asc' }]),
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(JSON.parse(mine.body).rows.map((r: Row) => r.sub_affiliate)).toEqual([c, b, d, a]);
  });

  it('refuses a column the report does not show, naming each bad sort field', async () => {
    const bad = query([{ by: 'clicks' }, { by: 'ftd_amount' }, { by: 'nope', direction: 'desc' }]);
    for (const res of [
      await partnerReport(bad),
      await t.call(t.admin, {
        method: 'POST',
        url: `/api/v1/affiliates/${top.affiliateId}/reports/sub-affiliates`,
        payload: bad,
      }),
      await t.as(top.cookie, {
        method: 'POST',
        url: '/api/partner/v1/reports/sub-affiliates/export?format=csv',
        payload: bad,
      }),
    ]) {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.details.fields).toEqual([
        { path: 'sort[0].by', message: expect.stringContaining('clicks is not a column') },
        { path: 'sort[2].by', message: expect.stringContaining('nope is not a column') },
      ]);
    }
    // Not grouped by sub-affiliate: no level column to sort by.
    const flat = await partnerReport(query([{ by: 'level' }], { group_by: [] }));
    expect(flat.statusCode).toBe(422);
    expect(flat.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['sort[0].by']);
    const direction = await partnerReport(query([{ by: 'ftd_amount', direction: 'down' }]));
    expect(direction.statusCode).toBe(422);
    expect(direction.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'sort[0].direction',
    ]);
  });
});
