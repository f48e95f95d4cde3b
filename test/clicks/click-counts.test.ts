/**
 * Click and unique-click counts (today, 7 and 30 days) through the operator and partner APIs,
 * from clicks sent through the click path at faked times and written by the click writer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newClickId } from '../../src/core/clicks/ids.ts';
import { insertClicks, type RawClick } from '../../src/core/clicks/insert-clicks.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { limitedManager } from './helpers.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36';
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;
const ids = {
  link1: 0,
  link2: 0,
  aCampaign1: 0,
  aCampaign2: 0,
  bCampaign: 0,
  promo1: 0,
  promo2: 0,
  bPromo: 0,
};
const codes = { promo1: '', promo2: '', bPromo: '' };
let managerCookie = '';

afterEach(() => vi.useRealTimers());

/** One click at `at`, as a visitor with `cookie` (the seen-list of an earlier click) or a new one. */
async function clickAt(at: string, code: string, options: { cookie?: string; agent?: string } = {}) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  try {
    const res = await t.app.inject({
      url: `/c/${code}`,
      headers: {
        'user-agent': options.agent ?? BROWSER,
        ...(options.cookie ? { cookie: `affluent_seen=${options.cookie}` } : {}),
      },
    });
    expect(res.statusCode).toBe(302);
    return res.cookies.find((c) => c.name === 'affluent_seen')?.value;
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  t = await createIdentityApp({ TRACKING_FLUSH_INTERVAL_MS: '3600000' });
  a = await approvedPartner(t, 'counta');
  b = await approvedPartner(t, 'countb');
  const op = async (url: string, payload: object) => {
    const res = await t.call(t.admin, { method: 'POST', url: `/api/v1${url}`, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const brand = (await op('/brands', { name: 'Counting', base_currency: 'EUR' })).id;
  ids.link1 = (
    await op('/destination-links', { brand_id: brand, name: 'One', url: 'https://one.example/' })
  ).id;
  ids.link2 = (
    await op('/destination-links', { brand_id: brand, name: 'Two', url: 'https://two.example/' })
  ).id;
  const campaign = async (affiliate: number, name: string) =>
    (await op('/campaigns', { affiliate_id: affiliate, brand_id: brand, name })).id as number;
  ids.aCampaign1 = await campaign(a.affiliateId, 'A one');
  ids.aCampaign2 = await campaign(a.affiliateId, 'A two');
  ids.bCampaign = await campaign(b.affiliateId, 'B one');
  const promo = async (campaignId: number, link: number) =>
    op(`/campaigns/${campaignId}/promos`, { destination_link_id: link });
  const p1 = await promo(ids.aCampaign1, ids.link1);
  const p2 = await promo(ids.aCampaign2, ids.link2);
  const pb = await promo(ids.bCampaign, ids.link1);
  Object.assign(ids, { promo1: p1.id, promo2: p2.id, bPromo: pb.id });
  Object.assign(codes, { promo1: p1.code, promo2: p2.code, bPromo: pb.code });

  // Promo 1: two clicks of one visitor an hour ago (the second a repeat), a bot, one at 23:30
  // UTC yesterday (already today in Paris), 5, 9 and 31 days ago.
  const seen = await clickAt('2026-03-10T11:00:00Z', codes.promo1);
  await clickAt('2026-03-10T11:01:00Z', codes.promo1, { cookie: seen });
  await clickAt('2026-03-10T11:30:00Z', codes.promo1, { agent: BOT });
  await clickAt('2026-03-09T23:30:00Z', codes.promo1);
  await clickAt('2026-03-05T12:00:00Z', codes.promo1);
  await clickAt('2026-03-01T12:00:00Z', codes.promo1);
  await clickAt('2026-02-07T12:00:00Z', codes.promo1);
  await clickAt('2026-03-10T10:00:00Z', codes.promo2);
  await clickAt('2026-03-10T09:00:00Z', codes.bPromo);
  await t.app.tracking.clicks.flush();

  // A manager limited to their own affiliates, managing A only.
  managerCookie = (await limitedManager(t, [a.affiliateId])).cookie;
}, 180_000);
afterAll(() => t?.close());

/** A GET at NOW (faked), as the admin key, a session cookie or the portal session of `portal`. */
async function getAt(url: string, who: { cookie?: string; portal?: string } = {}, now = NOW) {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(now);
  try {
    const res = who.portal
      ? await t.as(who.portal, { url: `/api/partner/v1${url}` })
      : who.cookie
        ? await t.app.inject({ url: `/api/v1${url}`, headers: { cookie: who.cookie } })
        : await t.call(t.admin, { url: `/api/v1${url}` });
    return res;
  } finally {
    vi.useRealTimers();
  }
}

const tally = (today: [number, number], week: [number, number], month: [number, number]) => ({
  today: { clicks: today[0], unique_clicks: today[1] },
  last_7_days: { clicks: week[0], unique_clicks: week[1] },
  last_30_days: { clicks: month[0], unique_clicks: month[1] },
});

describe('click counts', () => {
  it('counts the platform by UTC day by default, bots and repeat clicks included in clicks', async () => {
    const res = await getAt('/click-counts');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      periods: {
        time_zone: 'UTC',
        today: '2026-03-10T00:00:00.000Z',
        last_7_days: '2026-03-04T00:00:00.000Z',
        last_30_days: '2026-02-09T00:00:00.000Z',
      },
      counts: tally([5, 4], [7, 6], [8, 7]),
    });
  });

  it("starts today at midnight in the reader's time zone", async () => {
    const res = await getAt('/click-counts?time_zone=Europe/Paris');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().periods).toEqual({
      time_zone: 'Europe/Paris',
      today: '2026-03-09T23:00:00.000Z',
      last_7_days: '2026-03-03T23:00:00.000Z',
      last_30_days: '2026-02-08T23:00:00.000Z',
    });
    // The click at 23:30 UTC yesterday is 00:30 today in Paris.
    expect(res.json().counts).toEqual(tally([6, 5], [7, 6], [8, 7]));
  });

  it('refuses a time zone that does not exist, naming the field', async () => {
    const res = await getAt('/click-counts?time_zone=Mars/Olympus');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual([
      { path: 'time_zone', message: 'enter a time zone like Europe/Paris or UTC' },
    ]);
  });

  it('counts each affiliate, campaign, promo and destination link asked for, in the order asked', async () => {
    const promos = await getAt(`/click-counts/promos?id=${ids.promo2}&id=${ids.promo1}&id=${ids.bPromo}`);
    expect(promos.statusCode, promos.body).toBe(200);
    expect(promos.json().data).toEqual([
      { id: ids.promo2, ...tally([1, 1], [1, 1], [1, 1]) },
      { id: ids.promo1, ...tally([3, 2], [5, 4], [6, 5]) },
      { id: ids.bPromo, ...tally([1, 1], [1, 1], [1, 1]) },
    ]);
    const affiliates = await getAt(`/click-counts/affiliates?id=${a.affiliateId}&id=${b.affiliateId}`);
    expect(affiliates.json().data).toEqual([
      { id: a.affiliateId, ...tally([4, 3], [6, 5], [7, 6]) },
      { id: b.affiliateId, ...tally([1, 1], [1, 1], [1, 1]) },
    ]);
    const campaigns = await getAt(`/click-counts/campaigns?id=${ids.aCampaign1}&id=${ids.aCampaign2}`);
    expect(campaigns.json().data.map((c: { id: number; today: object }) => [c.id, c.today])).toEqual([
      [ids.aCampaign1, { clicks: 3, unique_clicks: 2 }],
      [ids.aCampaign2, { clicks: 1, unique_clicks: 1 }],
    ]);
    const links = await getAt(`/click-counts/destination-links?id=${ids.link1}&id=${ids.link2}`);
    expect(links.json().data).toEqual([
      { id: ids.link1, ...tally([4, 3], [6, 5], [7, 6]) },
      { id: ids.link2, ...tally([1, 1], [1, 1], [1, 1]) },
    ]);
  });

  it('gives zeros to what has no clicks and leaves out ids that name nothing', async () => {
    const quiet = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        affiliate_id: b.affiliateId,
        brand_id: (await t.db.selectFrom('brands').select('id').executeTakeFirstOrThrow()).id,
        name: 'Quiet',
      },
    });
    const res = await getAt(
      `/click-counts/campaigns?id=2147483647&id=${quiet.json().id}&id=${ids.bCampaign}`,
    );
    expect(res.json().data).toEqual([
      { id: quiet.json().id, ...tally([0, 0], [0, 0], [0, 0]) },
      { id: ids.bCampaign, ...tally([1, 1], [1, 1], [1, 1]) },
    ]);
    const none = await getAt('/click-counts/promos');
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
  });

  it("shows a limited manager only their affiliates' clicks, on a shared link too", async () => {
    const total = await getAt('/click-counts', { cookie: managerCookie });
    expect(total.statusCode, total.body).toBe(200);
    expect(total.json().counts).toEqual(tally([4, 3], [6, 5], [7, 6]));
    const link = await getAt(`/click-counts/destination-links?id=${ids.link1}`, { cookie: managerCookie });
    expect(link.json().data).toEqual([{ id: ids.link1, ...tally([3, 2], [5, 4], [6, 5]) }]);
    const theirs = await getAt(`/click-counts/affiliates?id=${b.affiliateId}&id=${a.affiliateId}`, {
      cookie: managerCookie,
    });
    expect(theirs.json().data.map((x: { id: number }) => x.id)).toEqual([a.affiliateId]);
    const promos = await getAt(`/click-counts/promos?id=${ids.bPromo}`, { cookie: managerCookie });
    expect(promos.json().data).toEqual([]);
  });

  it("shows an affiliate its own counts in the portal, and nothing of another's", async () => {
    const mine = await getAt('/click-counts?time_zone=Europe/Paris', { portal: a.cookie });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().counts).toEqual(tally([5, 4], [6, 5], [7, 6]));
    const promos = await getAt(`/click-counts/promos?id=${ids.bPromo}&id=${ids.promo1}`, {
      portal: a.cookie,
    });
    expect(promos.json().data).toEqual([{ id: ids.promo1, ...tally([3, 2], [5, 4], [6, 5]) }]);
    const campaigns = await getAt(`/click-counts/campaigns?id=${ids.bCampaign}`, { portal: a.cookie });
    expect(campaigns.json().data).toEqual([]);
    const other = await getAt('/click-counts', { portal: b.cookie });
    expect(other.json().counts).toEqual(tally([1, 1], [1, 1], [1, 1]));
  });

  it('counts a batch once when its write is retried after the first attempt did commit', async () => {
    // Long before the other cases' clicks, so their counts stay as they are whatever the order.
    const at = Date.parse('2025-06-01T08:15:00Z');
    const read = async () =>
      (await getAt(`/click-counts/promos?id=${ids.promo2}`, {}, new Date('2025-06-01T12:00:00Z'))).json()
        .data[0];
    const row = (unique: boolean): RawClick => [
      newClickId(at),
      at,
      ids.promo2,
      ids.aCampaign2,
      a.affiliateId,
      0,
      ids.link2,
      'a',
      '',
      '203.0.113.9',
      BROWSER,
      undefined,
      unique,
    ];
    const batch = [row(true), row(false)];
    const sink = { db: t.db, copyIn: t.database.copyIn };
    const enrich = { ipMode: 'full' as const, country: null, rejected: 0 };
    const before = await read();
    await insertClicks(sink, batch, enrich);
    // The same batch again, as a writer whose answer was lost sends it: its rows are there already.
    await insertClicks(sink, batch, enrich);
    const after = await read();
    expect(after.today).toEqual({
      clicks: before.today.clicks + 2,
      unique_clicks: before.today.unique_clicks + 1,
    });
    // Half of it new: only the new row is counted.
    await insertClicks(sink, [batch[0]!, row(true)], enrich);
    const last = await read();
    expect(last.today).toEqual({
      clicks: after.today.clicks + 1,
      unique_clicks: after.today.unique_clicks + 1,
    });
  });
});
