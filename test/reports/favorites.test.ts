import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
  teamMember,
} from '../identity/helpers.ts';

let t: IdentityTestApp;
let owner: Partner;
let member: Partner;
let other: Partner;
beforeAll(async () => {
  t = await createIdentityApp();
  owner = await approvedPartner(t, 'favowner');
  member = await teamMember(t, owner, 'favmember');
  other = await approvedPartner(t, 'favother');
}, 120_000);
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const report = {
  group_by: ['month', 'campaign'],
  columns: ['clicks', 'registrations', 'ftd_count', 'ngr'],
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  filters: { brand: [1] },
};

const staff = (cookie: string) => (method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { cookie },
    ...(payload ? { payload } : {}),
  });
const keyed = (key: string) => (method: string, url: string, payload?: object) =>
  t.call(key, { method: method as 'GET', url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const portal = (p: Partner) => (method: string, url: string, payload?: object) =>
  t.as(p.cookie, { method: method as 'GET', url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });

const favoriteRows = () => t.db.selectFrom('report_favorites').selectAll().orderBy('id').execute();

describe('report favorites in the operator API', () => {
  it('saves a relative period that resolves when read, and shows it to its owner only', async () => {
    // API keys: a staff session would time out across the months the clock moves.
    const mine = keyed(await t.apiKey(['read']));
    const someoneElse = keyed(await t.apiKey(['read']));
    const created = await mine('POST', '/reports/favorites', {
      name: ' Monthly by campaign ',
      report,
      dates: { period: 'last_month' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const favorite = created.json();
    expect(favorite).toMatchObject({ name: 'Monthly by campaign', report, dates: { period: 'last_month' } });

    // Read on 15 January 2027: last month is December 2026; a month later it is January.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2027-01-15T12:00:00Z'));
    const inJanuary = (await mine('GET', `/reports/favorites/${favorite.id}`)).json();
    expect(inJanuary.resolved).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    vi.setSystemTime(new Date('2027-02-10T12:00:00Z'));
    const list = (await mine('GET', '/reports/favorites')).json();
    expect(list.paging.total).toBe(1);
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      id: favorite.id,
      resolved: { from: '2027-01-01', to: '2027-02-01' },
    });
    vi.useRealTimers();

    const before = await favoriteRows();
    expect((await someoneElse('GET', '/reports/favorites')).json().data).toEqual([]);
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'Mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await someoneElse(method, `/reports/favorites/${favorite.id}`, payload);
      expect(res.statusCode, `${method} ${res.body}`).toBe(404);
    }
    expect(await favoriteRows()).toEqual(before);
  });

  it('renames, changes dates to fixed ones, and deletes', async () => {
    const mine = staff(await t.staffCookie());
    const id = (
      await mine('POST', '/reports/favorites', {
        name: 'Weekly',
        report,
        dates: { period: 'last_n_days', n: 7 },
      })
    ).json().id;
    const patched = await mine('PATCH', `/reports/favorites/${id}`, {
      name: 'March',
      dates: { from: '2023-03-01', to: '2023-03-23' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'March',
      report,
      dates: { from: '2023-03-01', to: '2023-03-23' },
      resolved: { from: '2023-03-01', to: '2023-03-23' },
    });
    expect((await mine('DELETE', `/reports/favorites/${id}`)).statusCode).toBe(204);
    expect((await mine('GET', `/reports/favorites/${id}`)).statusCode).toBe(404);
    expect(await t.db.selectFrom('report_favorites').where('id', '=', id).selectAll().execute()).toEqual([]);
  });

  it('names every bad field in one answer and saves nothing', async () => {
    const mine = staff(await t.staffCookie());
    const before = await favoriteRows();
    const res = await mine('POST', '/reports/favorites', {
      name: '  ',
      report,
      dates: { period: 'last_n_days' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'dates.n', message: 'must be a number of days from 1 to 366' },
    ]);
    const fixed = await mine('POST', '/reports/favorites', {
      name: 'Backwards',
      report,
      dates: { from: '2026-03-10', to: '2026-03-01' },
    });
    expect(fixed.json().error.details.fields).toEqual([{ path: 'dates.to', message: 'must be after from' }]);
    const both = await mine('POST', '/reports/favorites', {
      name: 'Both',
      report,
      dates: { period: 'today', from: '2026-02-30' },
    });
    expect(both.json().error.details.fields).toEqual([
      { path: 'dates', message: 'give either a period or from and to, not both' },
    ]);
    const badReport = await mine('POST', '/reports/favorites', {
      name: 'Bad',
      report: { group_by: ['galaxy'] },
      dates: { period: 'today' },
    });
    expect(badReport.statusCode).toBe(422);
    expect(await favoriteRows()).toEqual(before);
  });

  it("keeps a staff user's favorites from another staff user", async () => {
    const mine = staff(await t.staffCookie());
    const id = (
      await mine('POST', '/reports/favorites', { name: 'Mine', report, dates: { period: 'today' } })
    ).json().id;
    const row = await t.db
      .selectFrom('report_favorites')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_type: 'staff', affiliate_id: null });
    const before = await favoriteRows();
    const someoneElse = staff(await t.staffCookie());
    expect((await someoneElse('GET', '/reports/favorites')).json().data).toEqual([]);
    expect((await someoneElse('PATCH', `/reports/favorites/${id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await someoneElse('DELETE', `/reports/favorites/${id}`)).statusCode).toBe(404);
    expect(await favoriteRows()).toEqual(before);
  });

  it('keeps an API key its own favorites', async () => {
    const key = await t.apiKey(['read']);
    const created = await t.call(key, {
      method: 'POST',
      url: '/api/v1/reports/favorites',
      payload: { name: 'Key', report, dates: { period: 'today' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = (await t.call(key, { url: '/api/v1/reports/favorites' })).json();
    expect(list.data.map((f: { id: number }) => f.id)).toEqual([created.json().id]);
    const anotherKey = await t.apiKey(['read']);
    expect((await t.call(anotherKey, { url: '/api/v1/reports/favorites' })).json().data).toEqual([]);
  });
});

describe('report favorites in the partner API', () => {
  it("are each user's own: not the team member's, not another affiliate's", async () => {
    const created = await portal(owner)('POST', '/reports/favorites', {
      name: 'My feed',
      report: { group_by: ['day'], columns: ['clicks'] },
      dates: { period: 'this_month' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const row = await t.db
      .selectFrom('report_favorites')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      owner_type: 'affiliate_user',
      owner_id: owner.userId,
      affiliate_id: owner.affiliateId,
    });
    expect(
      (await portal(owner)('GET', '/reports/favorites')).json().data.map((f: { id: number }) => f.id),
    ).toEqual([id]);

    const before = await favoriteRows();
    for (const p of [member, other]) {
      expect((await portal(p)('GET', '/reports/favorites')).json().data).toEqual([]);
      expect((await portal(p)('GET', `/reports/favorites/${id}`)).statusCode).toBe(404);
      expect((await portal(p)('PATCH', `/reports/favorites/${id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await portal(p)('DELETE', `/reports/favorites/${id}`)).statusCode).toBe(404);
    }
    expect(await favoriteRows()).toEqual(before);
  });
});
