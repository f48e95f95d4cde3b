import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { makeTrafficSource } from './helpers.ts';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;
let brandId: number;
let publicLink: number;
let privateForB: number;
let sourceA: number;
let sourceB: number;
let campaignB: { id: number };
let promoB: { id: number; code: string };

const P = '/api/partner/v1';
const as = (p: Partner, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.as(p.cookie, { method, url: `${P}${url}`, ...(payload ? { payload } : {}) });
const op = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'alpha');
  b = await approvedPartner(t, 'bravo');
  brandId = (await op('POST', '/brands', { name: 'Lucky', base_currency: 'EUR' })).json().id;
  publicLink = (
    await op('POST', '/destination-links', { brand_id: brandId, name: 'Home', url: 'https://lucky.example/' })
  ).json().id;
  const priv = await op('POST', '/destination-links', {
    brand_id: brandId,
    name: 'VIP',
    url: 'https://lucky.example/vip',
    is_public: false,
    private_affiliate_ids: [b.affiliateId],
  });
  expect(priv.statusCode, priv.body).toBe(201);
  privateForB = priv.json().id;
  sourceA = await makeTrafficSource(t.db, 'SEO');
  sourceB = await makeTrafficSource(t.db, 'Email');
  campaignB = (await as(b, 'POST', '/campaigns', { brand_id: brandId, name: 'B main' })).json();
  const created = await as(b, 'POST', `/campaigns/${campaignB.id}/promos`, {
    destination_link_id: privateForB,
  });
  expect(created.statusCode, created.body).toBe(201);
  promoB = created.json();
});
afterAll(() => t.close());

describe('portal campaigns and promos', () => {
  it('creates a campaign, adds a promo in three steps, and follows its link', async () => {
    const campaign = await as(a, 'POST', '/campaigns', { brand_id: brandId, name: 'Spring' });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const id = campaign.json().id;
    const options = (await as(a, 'GET', `/campaigns/${id}/promo-options`)).json();
    expect(options.destination_links.map((l: { id: number }) => l.id)).toEqual([publicLink]);
    expect(options.traffic_sources.map((s: { name: string }) => s.name)).toEqual(['Email', 'SEO']);
    const promo = await as(a, 'POST', `/campaigns/${id}/promos`, {
      destination_link_id: publicLink,
      traffic_source_id: sourceA,
      title: 'Sidebar',
    });
    expect(promo.statusCode, promo.body).toBe(201);
    expect(promo.json().tracking_link).toMatch(/\/c\/[a-z0-9]{12}$/);
    const click = await t.app.inject({ url: `/c/${promo.json().code}` });
    expect(click.headers.location).toBe('https://lucky.example/');
    // Other tests give this partner campaigns too: this one, among the active ones.
    const list = await as(a, 'GET', `/campaigns?tab=active&id=${id}`);
    expect(list.json()).toMatchObject({ paging: { page: 1, total: 1 }, data: [{ id, promo_count: 1 }] });
  });

  it('never shows a private link to another affiliate, nor lets them use it', async () => {
    const seenByA = (await as(a, 'GET', '/destination-links')).json().data.map((l: { id: number }) => l.id);
    expect(seenByA).toEqual([publicLink]);
    const seenByB = (await as(b, 'GET', '/destination-links')).json().data;
    expect(seenByB.map((l: { id: number }) => l.id).sort()).toEqual([publicLink, privateForB].sort());
    // A partner never sees who else a private link is for.
    expect(seenByB.map((l: { private_affiliate_ids: number[] }) => l.private_affiliate_ids)).toEqual([
      [],
      [],
    ]);
    const campaign = (await as(a, 'POST', '/campaigns', { brand_id: brandId, name: 'Try VIP' })).json();
    const res = await as(a, 'POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: privateForB });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'destination_link_id' });
    expect(res.json().error.message).toBe(
      `destination_link_id: destination link ${privateForB} is not available`,
    );
    expect(
      await t.db.selectFrom('promos').select('id').where('campaign_id', '=', campaign.id).execute(),
    ).toEqual([]);
  });

  it('sets the traffic source once and never changes it', async () => {
    const campaign = (await as(a, 'POST', '/campaigns', { brand_id: brandId, name: 'Sources' })).json();
    const promo = (
      await as(a, 'POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: publicLink })
    ).json();
    expect(promo.traffic_source_id).toBeNull();
    const set = await as(a, 'PATCH', `/promos/${promo.id}`, { traffic_source_id: sourceA });
    expect(set.statusCode, set.body).toBe(200);
    expect((await as(a, 'PATCH', `/promos/${promo.id}`, { traffic_source_id: sourceA })).statusCode).toBe(
      200,
    );
    for (const traffic_source_id of [sourceB, null]) {
      const change = await as(a, 'PATCH', `/promos/${promo.id}`, { traffic_source_id });
      expect(change.statusCode).toBe(409);
      expect(change.json().error.code).toBe('invalid_state');
    }
    const stored = await t.db
      .selectFrom('promos')
      .select('traffic_source_id')
      .where('id', '=', promo.id)
      .executeTakeFirstOrThrow();
    expect(stored.traffic_source_id).toBe(sourceA);
    // The database refuses it too, whatever path a change takes.
    await expect(
      t.db.updateTable('promos').set({ traffic_source_id: sourceB }).where('id', '=', promo.id).execute(),
    ).rejects.toThrow(/set once/);
  });

  it('freezes archived campaigns until unarchived; their links keep working', async () => {
    const campaign = (await as(a, 'POST', '/campaigns', { brand_id: brandId, name: 'Old' })).json();
    const promo = (
      await as(a, 'POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: publicLink })
    ).json();
    expect((await as(a, 'POST', `/campaigns/${campaign.id}/archive`)).json().status).toBe('archived');
    expect(
      (await as(a, 'GET', '/campaigns?tab=archived')).json().data.map((c: { id: number }) => c.id),
    ).toEqual([campaign.id]);
    expect(
      (await as(a, 'GET', '/campaigns')).json().data.some((c: { id: number }) => c.id === campaign.id),
    ).toBe(false);
    const add = await as(a, 'POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: publicLink });
    expect(add.statusCode).toBe(409);
    expect((await as(a, 'PATCH', `/promos/${promo.id}`, { title: 'New' })).statusCode).toBe(409);
    expect((await as(a, 'PATCH', `/campaigns/${campaign.id}`, { name: 'Renamed' })).statusCode).toBe(409);
    expect((await t.app.inject({ url: `/c/${promo.code}` })).headers.location).toBe('https://lucky.example/');
    expect((await as(a, 'POST', `/campaigns/${campaign.id}/unarchive`)).json().status).toBe('active');
    expect((await as(a, 'PATCH', `/promos/${promo.id}`, { title: 'New' })).json().title).toBe('New');
  });
});

describe('affiliate A cannot reach affiliate B', () => {
  it('gets 404 for B campaigns and promos by id in the path, and nothing changes', async () => {
    const before = await t.db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaignB.id)
      .executeTakeFirstOrThrow();
    const promoBefore = await t.db
      .selectFrom('promos')
      .selectAll()
      .where('id', '=', promoB.id)
      .executeTakeFirstOrThrow();
    const attempts = [
      as(a, 'GET', `/campaigns/${campaignB.id}`),
      as(a, 'PATCH', `/campaigns/${campaignB.id}`, { name: 'Mine now' }),
      as(a, 'POST', `/campaigns/${campaignB.id}/archive`),
      as(a, 'POST', `/campaigns/${campaignB.id}/unarchive`),
      as(a, 'GET', `/campaigns/${campaignB.id}/promos`),
      as(a, 'GET', `/campaigns/${campaignB.id}/promo-options`),
      as(a, 'POST', `/campaigns/${campaignB.id}/promos`, { destination_link_id: publicLink }),
      as(a, 'GET', `/promos/${promoB.id}`),
      as(a, 'PATCH', `/promos/${promoB.id}`, { title: 'Mine', traffic_source_id: sourceA }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode, res.body).toBe(404);
    expect(
      await t.db.selectFrom('campaigns').selectAll().where('id', '=', campaignB.id).executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(
      await t.db.selectFrom('promos').selectAll().where('id', '=', promoB.id).executeTakeFirstOrThrow(),
    ).toEqual(promoBefore);
    expect(
      await t.db.selectFrom('promos').select('id').where('campaign_id', '=', campaignB.id).execute(),
    ).toHaveLength(1);
  });

  it('cannot list B data through filters or smuggle ids in bodies', async () => {
    expect((await as(a, 'GET', `/campaigns?id=${campaignB.id}&tab=all`)).json()).toEqual({
      data: [],
      paging: { page: 1, page_size: 50, total: 0 },
    });
    const byAffiliate = await as(a, 'GET', `/campaigns?affiliate_id=${b.affiliateId}`);
    expect(byAffiliate.statusCode).toBe(422);
    const smuggled = await as(a, 'POST', '/campaigns', {
      brand_id: brandId,
      name: 'x',
      affiliate_id: b.affiliateId,
    });
    expect(smuggled.statusCode).toBe(422);
    const campaign = (await as(a, 'POST', '/campaigns', { brand_id: brandId, name: 'Own' })).json();
    expect(campaign.affiliate_id).toBe(a.affiliateId);
    const withB = await as(a, 'POST', `/campaigns/${campaign.id}/promos`, {
      destination_link_id: publicLink,
      affiliate_id: b.affiliateId,
    });
    expect(withB.statusCode).toBe(422);
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ url: `${P}/campaigns` })).statusCode).toBe(401);
  });
});
