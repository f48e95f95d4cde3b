/**
 * The operator's click log: filters (time, affiliate, promo, country, device, bot, sub-ids),
 * pages newest first, one click with every stored field, and a limited manager's view.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { limitedManager } from './helpers.ts';

const GEOIP = path.join(import.meta.dirname, '../fixtures/geoip/country-test.mmdb');
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36';
const BOT = 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;
const promo = { a: { id: 0, code: '' }, a2: { id: 0, code: '' }, b: { id: 0, code: '' } };
let managerCookie = '';

afterEach(() => vi.useRealTimers());

interface Visit {
  at: string;
  code: string;
  query?: string;
  agent?: string;
  ip?: string;
  referrer?: string;
}

async function visit(v: Visit) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(v.at));
  try {
    const res = await t.app.inject({
      url: `/c/${v.code}${v.query ? `?${v.query}` : ''}`,
      remoteAddress: v.ip ?? '198.51.100.7',
      headers: { 'user-agent': v.agent ?? DESKTOP, ...(v.referrer ? { referer: v.referrer } : {}) },
    });
    expect(res.statusCode).toBe(302);
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  t = await createIdentityApp({ TRACKING_FLUSH_INTERVAL_MS: '3600000', TRACKING_GEOIP_FILE: GEOIP });
  a = await approvedPartner(t, 'loga');
  b = await approvedPartner(t, 'logb');
  const op = async (url: string, payload: object) => {
    const res = await t.call(t.admin, { method: 'POST', url: `/api/v1${url}`, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const brand = (await op('/brands', { name: 'Logging', base_currency: 'EUR' })).id;
  const link = (
    await op('/destination-links', { brand_id: brand, name: 'Home', url: 'https://log.example/' })
  ).id;
  const campaign = async (affiliate: number) =>
    (await op('/campaigns', { affiliate_id: affiliate, brand_id: brand, name: 'Main' })).id as number;
  const aCampaign = await campaign(a.affiliateId);
  const bCampaign = await campaign(b.affiliateId);
  const make = async (campaignId: number, title: string) => {
    const p = await op(`/campaigns/${campaignId}/promos`, { destination_link_id: link, title });
    return { id: p.id as number, code: p.code as string };
  };
  promo.a = await make(aCampaign, 'Sidebar');
  promo.a2 = await make(aCampaign, 'Footer');
  promo.b = await make(bCampaign, 'B banner');

  await visit({ at: '2026-05-01T08:00:00Z', code: promo.a.code, query: 'sub1=top&sub2=spring&utm=x&utm=y' });
  await visit({ at: '2026-05-01T09:00:00Z', code: promo.a.code, agent: IPHONE, ip: '81.2.69.160' });
  await visit({ at: '2026-05-01T10:00:00Z', code: promo.a2.code, agent: BOT, ip: '2001:db8:1::7' });
  await visit({
    at: '2026-05-01T11:00:00Z',
    code: promo.b.code,
    query: 'sub1=top',
    referrer: 'https://b.example/page',
  });
  await visit({ at: '2026-04-20T12:00:00Z', code: promo.a.code, query: 'sub1=old' });
  await t.app.tracking.clicks.flush();

  // A manager limited to their own affiliates, managing A only.
  managerCookie = (await limitedManager(t, [a.affiliateId])).cookie;
}, 180_000);
afterAll(() => t?.close());

const DAY_OF_CLICKS = 'from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z';

async function log(query: string, cookie?: string) {
  const url = `/api/v1/clicks?${query}`;
  const res = cookie ? await t.app.inject({ url, headers: { cookie } }) : await t.call(t.admin, { url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    data: { id: string; clicked_at: string; promo_id: number }[];
    next_before: string | null;
  };
}
const times = (answer: { data: { clicked_at: string }[] }) => answer.data.map((c) => c.clicked_at);

describe('click log', () => {
  it('lists the clicks of a time range newest first, with names beside the ids', async () => {
    const answer = await log(DAY_OF_CLICKS);
    expect(times(answer)).toEqual([
      '2026-05-01T11:00:00.000Z',
      '2026-05-01T10:00:00.000Z',
      '2026-05-01T09:00:00.000Z',
      '2026-05-01T08:00:00.000Z',
    ]);
    expect(answer.next_before).toBeNull();
    expect(answer.data[3]).toMatchObject({
      affiliate_id: a.affiliateId,
      promo_id: promo.a.id,
      promo_title: 'Sidebar',
      promo_code: promo.a.code,
      sub1: 'top',
      sub2: 'spring',
      params: { utm: ['x', 'y'] },
    });
  });

  it('filters by affiliate, promo, country, device, bot and sub-id', async () => {
    expect(times(await log(`${DAY_OF_CLICKS}&affiliate_id=${b.affiliateId}`))).toEqual([
      '2026-05-01T11:00:00.000Z',
    ]);
    expect(times(await log(`${DAY_OF_CLICKS}&promo_id=${promo.a2.id}`))).toEqual([
      '2026-05-01T10:00:00.000Z',
    ]);
    expect(times(await log(`${DAY_OF_CLICKS}&country=gb`))).toEqual(['2026-05-01T09:00:00.000Z']);
    expect(times(await log(`${DAY_OF_CLICKS}&device_type=mobile`))).toEqual(['2026-05-01T09:00:00.000Z']);
    expect(times(await log(`${DAY_OF_CLICKS}&is_bot=true`))).toEqual(['2026-05-01T10:00:00.000Z']);
    expect(times(await log(`${DAY_OF_CLICKS}&is_bot=false&sub1=top`))).toEqual([
      '2026-05-01T11:00:00.000Z',
      '2026-05-01T08:00:00.000Z',
    ]);
    expect(times(await log(`${DAY_OF_CLICKS}&sub1=top&sub2=spring`))).toEqual(['2026-05-01T08:00:00.000Z']);
    // The time range bounds it: the click of April 20 is outside that day and inside a wider range.
    expect(times(await log('from=2026-04-15T00:00:00Z&to=2026-05-01T00:00:00Z'))).toEqual([
      '2026-04-20T12:00:00.000Z',
    ]);
  });

  it('pages on from next_before until the last page', async () => {
    const first = await log(`${DAY_OF_CLICKS}&limit=3`);
    expect(first.data).toHaveLength(3);
    expect(first.next_before).toBe(first.data[2]!.id);
    const second = await log(`${DAY_OF_CLICKS}&limit=3&before=${first.next_before}`);
    expect(times(second)).toEqual(['2026-05-01T08:00:00.000Z']);
    expect(second.next_before).toBeNull();
  });

  it('opens one click with every stored field', async () => {
    const [bClick] = (await log(`${DAY_OF_CLICKS}&affiliate_id=${b.affiliateId}`)).data;
    const res = await t.call(t.admin, { url: `/api/v1/clicks/${bClick!.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.db
      .selectFrom('clicks')
      .selectAll()
      .where('id', '=', bClick!.id)
      .executeTakeFirstOrThrow();
    expect(res.json()).toEqual({
      ...row,
      clicked_at: row.clicked_at.toISOString(),
      affiliate_name: expect.any(String),
      campaign_name: 'Main',
      promo_title: 'B banner',
      promo_code: promo.b.code,
      brand_name: 'Logging',
      destination_link_name: 'Home',
    });
    expect(res.json()).toMatchObject({ referrer: 'https://b.example/page', ip: '198.51.100.7', sub1: 'top' });
  });

  it('refuses a backwards or too long time range and a malformed click id, naming the field', async () => {
    const backwards = await t.call(t.admin, {
      url: '/api/v1/clicks?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z',
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error.details.fields).toEqual([{ path: 'from', message: 'must be before to' }]);
    const long = await t.call(t.admin, {
      url: '/api/v1/clicks?from=2026-01-01T00:00:00Z&to=2026-05-01T00:00:00Z',
    });
    expect(long.statusCode).toBe(422);
    expect(long.json().error.details.fields).toEqual([
      { path: 'from', message: 'must be at most 31 days before to' },
    ]);
    expect((await t.call(t.admin, { url: '/api/v1/clicks/not-a-click' })).statusCode).toBe(422);
    const missing = await t.call(t.admin, { url: `/api/v1/clicks/${'0'.repeat(26)}` });
    expect(missing.statusCode).toBe(404);
  });

  it("shows a limited manager only their affiliates' clicks, another's like a missing one", async () => {
    const mine = await log(DAY_OF_CLICKS, managerCookie);
    expect(mine.data.map((c) => c.promo_id).sort()).toEqual([promo.a.id, promo.a.id, promo.a2.id].sort());
    const [bClick] = (await log(`${DAY_OF_CLICKS}&affiliate_id=${b.affiliateId}`)).data;
    const other = await t.app.inject({
      url: `/api/v1/clicks/${bClick!.id}`,
      headers: { cookie: managerCookie },
    });
    const missing = await t.app.inject({
      url: `/api/v1/clicks/${'0'.repeat(26)}`,
      headers: { cookie: managerCookie },
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe(missing.json().error.code);
    const filtered = await t.app.inject({
      url: `/api/v1/clicks?${DAY_OF_CLICKS}&promo_id=${promo.b.id}`,
      headers: { cookie: managerCookie },
    });
    expect(filtered.json()).toEqual({ data: [], next_before: null });
  });
});
