import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;

type Method = 'GET' | 'POST' | 'PATCH';
const op = (method: Method, url: string, payload?: object) =>
  t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const portal = (who: Partner, method: Method, url: string, payload?: object) =>
  t.as(who.cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });

const SHOP = {
  name: 'Gadget Shop',
  url: 'https://gadgets.example.com',
  notification_url: 'https://gadgets.example.com/notify',
  category_code: 100,
  price_from: 5_00,
  price_till: 250_00,
  support_email: 'help@gadgets.example.com',
  support_phone: '+31201234567',
};

async function addSite(who: Partner, body: object = SHOP) {
  const res = await portal(who, 'POST', '/sites', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const siteRow = (id: number) =>
  t.db.selectFrom('affiliate_sites').selectAll().where('id', '=', id).executeTakeFirst();

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'sitea');
  b = await approvedPartner(t, 'siteb');
});
afterAll(async () => {
  await t.close();
});

describe('sites', () => {
  it('serves the fixed list of categories to both APIs', async () => {
    const partner = (await portal(a, 'GET', '/site-categories')).json().data;
    const operator = (await op('GET', '/site-categories')).json().data;
    expect(partner).toEqual(operator);
    expect(partner[0]).toEqual({ code: 100, description: 'Gifts and gadgets' });
    expect(partner.map((c: { code: number }) => c.code)).toContain(999);
    expect(partner).toHaveLength(16);
  });

  it('lets the affiliate add a site that waits for review, and the operator approve it', async () => {
    const site = await addSite(a);
    expect(site).toMatchObject({
      ...SHOP,
      affiliate_id: a.affiliateId,
      category_description: 'Gifts and gadgets',
      price_currency: 'EUR',
      review_status: 'pending',
      reviewed_by: null,
    });
    const mine = (await portal(a, 'GET', '/sites')).json().data;
    expect(mine.map((s: { id: number }) => s.id)).toContain(site.id);
    const onAffiliate = (await op('GET', `/affiliates/${a.affiliateId}/sites?review_status=pending`)).json();
    expect(onAffiliate.data.map((s: { id: number }) => s.id)).toContain(site.id);

    const approved = await op('POST', `/sites/${site.id}/review`, { review_status: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ review_status: 'approved', reviewed_by: expect.any(String) });
    expect(approved.json().changes.map((c: { action: string }) => c.action)).toEqual(['created', 'approved']);
    expect(approved.json().changes[1].actor_type).toBe('api_key');
    expect((await portal(a, 'GET', `/sites/${site.id}`)).json().review_status).toBe('approved');
    const events = await t.db
      .selectFrom('affiliate_events')
      .select(['type', 'data'])
      .where('affiliate_id', '=', a.affiliateId)
      .where('type', 'in', ['site_created', 'site_approved'])
      .execute();
    // Other tests add A's sites too: only this site's events count.
    const ofSite = events.filter((e) => (e.data as { site_id?: number } | null)?.site_id === site.id);
    expect(ofSite.map((e) => e.type).sort()).toEqual(['site_approved', 'site_created']);
  });

  it('declines with a comment only, and refuses the status a site already has, changing nothing', async () => {
    const site = await addSite(a, { ...SHOP, name: 'Declined shop' });
    const noComment = await op('POST', `/sites/${site.id}/review`, { review_status: 'declined' });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().error.details.fields[0].path).toBe('comment');
    const same = await op('POST', `/sites/${site.id}/review`, { review_status: 'pending' });
    expect(same.statusCode).toBe(409);
    expect(await siteRow(site.id)).toMatchObject({ review_status: 'pending', review_comment: null });
    const declined = await op('POST', `/sites/${site.id}/review`, {
      review_status: 'declined',
      comment: 'The shop sells nothing yet',
    });
    expect(declined.json()).toMatchObject({
      review_status: 'declined',
      review_comment: 'The shop sells nothing yet',
    });
  });

  it('edits a site; a new address sends a reviewed site back to pending', async () => {
    const site = await addSite(a, { ...SHOP, name: 'Edited shop' });
    await op('POST', `/sites/${site.id}/review`, { review_status: 'approved' });
    const renamed = await portal(a, 'PATCH', `/sites/${site.id}`, {
      name: 'Renamed shop',
      support_phone: null,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Renamed shop',
      support_phone: null,
      review_status: 'approved',
    });
    const moved = await portal(a, 'PATCH', `/sites/${site.id}`, { url: 'https://new.example.com' });
    expect(moved.json()).toMatchObject({
      url: 'https://new.example.com',
      review_status: 'pending',
      reviewed_by: null,
    });
    expect(moved.json().changes.map((c: { action: string }) => c.action)).toEqual([
      'created',
      'approved',
      'updated',
      'updated',
      'reopened',
    ]);
  });

  it('lists every bad field in one answer and stores nothing', async () => {
    const before = await t.db
      .selectFrom('affiliate_sites')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('affiliate_id', '=', b.affiliateId)
      .executeTakeFirstOrThrow();
    const res = await portal(b, 'POST', '/sites', {
      name: 'x'.repeat(121),
      url: 'not a url',
      notification_url: 'ftp://example.com',
      category_code: 55,
      price_from: 300,
      price_till: 200,
      price_currency: 'XXZ',
      support_email: `${'a'.repeat(60)}@example.com`,
      support_phone: '+31 20 1234 56789',
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths.sort()).toEqual(
      [
        'name',
        'url',
        'notification_url',
        'category_code',
        'price_till',
        'price_currency',
        'support_email',
        'support_phone',
      ].sort(),
    );
    const after = await t.db
      .selectFrom('affiliate_sites')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('affiliate_id', '=', b.affiliateId)
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("does not let one affiliate read or edit another's site", async () => {
    const site = await addSite(b, { ...SHOP, name: 'B only' });
    expect((await portal(a, 'GET', `/sites/${site.id}`)).statusCode).toBe(404);
    const edit = await portal(a, 'PATCH', `/sites/${site.id}`, { name: 'Taken' });
    expect(edit.statusCode).toBe(404);
    expect((await siteRow(site.id))?.name).toBe('B only');
    const mine = (await portal(a, 'GET', '/sites')).json().data;
    expect(mine.map((s: { id: number }) => s.id)).not.toContain(site.id);
  });
});
