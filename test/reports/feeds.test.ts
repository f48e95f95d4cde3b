import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertClick } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
  teamMember,
} from '../identity/helpers.ts';
import { seedPromo } from '../tracking/helpers.ts';

let t: IdentityTestApp;
let owner: Partner;
let other: Partner;
let favoriteId = 0;
const report = { group_by: ['day'], columns: ['clicks'] };

const tokenOf = async (p: Partner) =>
  (await t.as(p.cookie, { method: 'POST', url: '/api/partner/v1/profile/statistic-token' })).json()
    .statistic_token as string;
const feed = (id: number, token: string | null, format = 'json') =>
  t.app.inject({
    url: `/api/partner/v1/reports/feeds/${id}?format=${format}${token ? `&token=${token}` : ''}`,
  });

beforeAll(async () => {
  t = await createIdentityApp();
  owner = await approvedPartner(t, 'feedowner');
  other = await approvedPartner(t, 'feedother');
  // Clicks of the owner's promo and of the other affiliate's, today.
  const seeded = await seedPromo(t, t.admin, 'https://casino.example/');
  const op = async (url: string, payload: object) =>
    (await t.call(t.admin, { method: 'POST', url: `/api/v1${url}`, payload })).json();
  for (const [p, n] of [
    [owner, 3],
    [other, 2],
  ] as const) {
    const campaign = await op('/campaigns', {
      affiliate_id: p.affiliateId,
      brand_id: seeded.brand.id,
      name: 'Feed',
    });
    const promo = await op(`/campaigns/${campaign.id}/promos`, { destination_link_id: seeded.link.id });
    for (let i = 0; i < n; i++) await insertClick(t, promo, new Date(Date.now() - 60_000 * (i + 1)));
  }
  favoriteId = (
    await t.as(owner.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/favorites',
      payload: { name: 'This month', report, dates: { period: 'this_month' } },
    })
  ).json().id;
}, 180_000);
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

describe('statistics feeds', () => {
  it("answers the favorite's report with the token alone, as the session's report answers it", async () => {
    const token = await tokenOf(owner);
    const favorite = (
      await t.as(owner.cookie, { url: `/api/partner/v1/reports/favorites/${favoriteId}` })
    ).json();
    const viaSession = await t.as(owner.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/performance',
      payload: { ...report, ...favorite.resolved, page_size: 1000 },
    });
    expect(viaSession.statusCode, viaSession.body).toBe(200);
    const res = await feed(favoriteId, token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rows).toEqual(viaSession.json().rows);
    // Only the owner's 3 clicks, none of the other affiliate's 2.
    expect(body.totals).toEqual([expect.objectContaining({ clicks: 3 })]);
    const xml = await feed(favoriteId, token, 'xml');
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('<clicks>3</clicks>');
  });

  it('keeps working next month, the period resolved at each fetch', async () => {
    const token = await tokenOf(owner);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const now = new Date();
    vi.setSystemTime(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15)));
    const res = await feed(favoriteId, token);
    expect(res.statusCode, res.body).toBe(200);
    // Next month has no clicks yet: the link now reports that month.
    expect(res.json().rows).toEqual([]);
  });

  it('stops when the token is expired or rotated, and never serves another user', async () => {
    const first = await tokenOf(owner);
    const rotated = await tokenOf(owner);
    expect((await feed(favoriteId, first)).statusCode).toBe(401);
    expect((await feed(favoriteId, rotated)).statusCode).toBe(200);
    const expire = await t.as(owner.cookie, {
      method: 'DELETE',
      url: '/api/partner/v1/profile/statistic-token',
    });
    expect(expire.statusCode).toBe(204);
    expect((await feed(favoriteId, rotated)).statusCode).toBe(401);
    expect((await feed(favoriteId, null)).statusCode).toBe(401);
    expect((await feed(favoriteId, 'st_made-up')).statusCode).toBe(401);
    // Another affiliate's token, or a team member's, does not open the owner's favorite.
    expect((await feed(favoriteId, await tokenOf(other))).statusCode).toBe(404);
    const member = await teamMember(t, owner, 'feedmember');
    expect((await feed(favoriteId, await tokenOf(member))).statusCode).toBe(404);
    expect((await feed(2_147_483_647, await tokenOf(other))).statusCode).toBe(404);
  });
});
