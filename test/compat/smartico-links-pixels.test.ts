/**
 * Smartico's af2_link_op, private-api af2_build_link and af2_pixel_definitions_op: the document's
 * (seeds/003) requests sent verbatim (only the host and the key changed; its curls with
 * `--data ''` are POSTs with an empty form body, as curl sends them) against data seeded to match,
 * each response compared field by field with the document's example; writes landing in the native
 * API; bad input in Smartico's error shape, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARY, multipart, png } from '../security/support/world.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';
import { makeAffiliate, makeTrafficSource } from '../tracking/helpers.ts';

let t: TestApp;
let admin: string;
let write: string;
let read: string;
let brandId: number;

const native = async (method: string, url: string, payload?: object, status = 200) => {
  const res = await t.call(admin, {
    method: method as 'POST',
    url: `/api/v1${url}`,
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
/** What `curl --data ''` sends: a POST with an empty form body. */
const curlEmpty = (url: string, key = read) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: key, 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
const send = (method: 'POST' | 'PUT', url: string, payload: string, key = write) =>
  t.app.inject({ method, url, headers: { authorization: key, 'Content-Type': 'application/json' }, payload });
const paths = (res: { json(): any }) =>
  res
    .json()
    .fields.map((f: { path: string }) => f.path)
    .sort();

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  write = await t.apiKey(['write']);
  read = await t.apiKey(['read']);
  brandId = (await native('POST', '/brands', { name: `DemoBrand ${Date.now()}`, base_currency: 'EUR' }, 201))
    .id;
}, 120_000);
afterAll(() => t?.close());

const uploadMedia = async (title: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    payload: multipart({ title }, { name: 'x.png', type: 'image/png', data: png(300, 250) }),
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      authorization: `Bearer ${admin}`,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};

/** The document's af2_link_op example (its comments and trailing commas are none here). */
const LINK_EXAMPLE = {
  id: 204,
  link_id: 204,
  enabled: true,
  brand_id: 423,
  link_type_id: 3,
  link_type_name: 'Home Page',
  link_name: 'Home page',
  description: null,
  destination_url:
    'https://theaffiliateplatform.com/{{_p_gamename}}?tracker={{tracker}}&aff_id={{affiliate_id}}',
  destination_url_ab: null,
  private_affiliate_ids: null,
  is_public: true,
  link_id_external: 'https://go.aff.theaffiliateplatform.com/l0l6otqy?aff=XXX',
  create_date: '2022-03-10T16:07:51.706Z',
  update_date: '2023-06-19T09:53:48.147Z',
  create_by: 2,
  brand_name: 'DemoBrand',
  operator_id: 2354,
  is_active_brand: true,
  enable_campaigns: true,
  enable_source_id: true,
  link_name_and_brand: 'Home page / DemoBrand',
  asset_ids: [304, 306],
};

describe("Smartico's af2_link_op", () => {
  it("answers the document's request with the example's fields, in its order, with the seeded values", async () => {
    const assets = [await uploadMedia('Banner A'), await uploadMedia('Banner B')];
    const link = await native(
      'POST',
      '/destination-links',
      {
        brand_id: brandId,
        name: 'Home page',
        link_type: 'home_page',
        url: LINK_EXAMPLE.destination_url,
        asset_ids: assets,
      },
      201,
    );
    const brand = await native('GET', `/brands/${brandId}`);
    // The document's curl: GET with --data '', which curl sends as a POST with an empty body.
    for (const res of [
      await curlEmpty('/smartico/api/af2_link_op'),
      await t.app.inject({ url: '/smartico/api/af2_link_op', headers: { authorization: read } }),
    ]) {
      expect(res.statusCode, res.body).toBe(200);
      const row = res.json().find((r: { id: number }) => r.id === link.id);
      expect(Object.keys(row)).toEqual(Object.keys(LINK_EXAMPLE));
      expect(row).toEqual({
        ...LINK_EXAMPLE,
        // Ids and dates are this installation's.
        id: link.id,
        link_id: link.id,
        brand_id: brandId,
        create_date: new Date(link.created_at).toISOString(),
        update_date: new Date(link.updated_at).toISOString(),
        brand_name: brand.name,
        link_name_and_brand: `Home page / ${brand.name}`,
        asset_ids: [...assets].sort((a, b) => a - b),
        // Affluent links have no id elsewhere; who created one is in the catalog changes; one
        // operator per installation.
        link_id_external: null,
        create_by: null,
        operator_id: null,
      });
    }
  });

  it('filters by id, brand, public and by the affiliate who may use a link, with Content-Range', async () => {
    const pub = await native(
      'POST',
      '/destination-links',
      { brand_id: brandId, name: 'Public', url: 'https://a.example/' },
      201,
    );
    const affiliateId = await makeAffiliate(t.db, 'Granted');
    const other = await makeAffiliate(t.db, 'Other');
    const priv = await native(
      'POST',
      '/destination-links',
      {
        brand_id: brandId,
        name: 'Private',
        url: 'https://b.example/',
        is_public: false,
        private_affiliate_ids: [affiliateId],
      },
      201,
    );
    const get = (filter: object, range?: string) =>
      t.app.inject({
        url: `/smartico/api/af2_link_op?filter=${encodeURIComponent(JSON.stringify(filter))}${range ? `&range=${range}` : ''}`,
        headers: { authorization: read },
      });
    const both = await get({ id: [pub.id, priv.id] });
    expect(both.json().map((r: { id: number }) => r.id)).toEqual([pub.id, priv.id]);
    expect(both.json()[1]).toMatchObject({ is_public: false, private_affiliate_ids: [affiliateId] });
    expect(both.headers['content-range']).toBe('af2_link_op 0-1/2');
    const second = await get({ link_id: [pub.id, priv.id] }, '[1, 2]');
    expect(second.json().map((r: { id: number }) => r.id)).toEqual([priv.id]);
    expect(second.headers['content-range']).toBe('af2_link_op 1-1/2');
    const privateOnes = await get({ brand_id: brandId, is_public: false });
    expect(privateOnes.json().map((r: { id: number }) => r.id)).toEqual([priv.id]);
    const granted = await get({ affiliate_id: affiliateId, id: [pub.id, priv.id] });
    expect(granted.json().map((r: { id: number }) => r.id)).toEqual([pub.id, priv.id]);
    const notGranted = await get({ affiliate_id: other, id: [pub.id, priv.id] });
    expect(notGranted.json().map((r: { id: number }) => r.id)).toEqual([pub.id]);
  });

  it("refuses a bad filter, range or key in Smartico's shape", async () => {
    const bad = await t.app.inject({
      url: `/smartico/api/af2_link_op?filter=${encodeURIComponent('{"colour":1,"enabled":"yes","brand_id":0}')}&range=[5,1]`,
      headers: { authorization: read },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errCode: 422, code: 'validation_failed' });
    expect(paths(bad)).toEqual(['filter.brand_id', 'filter.colour', 'filter.enabled', 'range']);
    const json = await t.app.inject({
      url: '/smartico/api/af2_link_op?filter={oops',
      headers: { authorization: read },
    });
    expect(paths(json)).toEqual(['filter']);
    const none = await t.app.inject({ url: '/smartico/api/af2_link_op' });
    expect(none.statusCode).toBe(401);
    expect(none.json().errCode).toBe(401);
    const events = await t.apiKey(['events']);
    expect((await curlEmpty('/smartico/api/af2_link_op', events)).statusCode).toBe(403);
    const form = await t.app.inject({
      method: 'POST',
      url: '/smartico/api/af2_link_op',
      headers: { authorization: read, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().errCode).toBe(415);
  });
});

describe("Smartico's private-api af2_build_link", () => {
  it("builds the document's link through the native build, the same link twice, and shows it natively", async () => {
    const link = await native(
      'POST',
      '/destination-links',
      { brand_id: brandId, name: 'Build', url: 'https://c.example/?t={{click_id}}' },
      201,
    );
    const affiliateId = await makeAffiliate(t.db, 'Builder');
    // The document's body with its ids: link 658 and affiliate 46554 become these.
    const body = `{
    "method": "af2_build_link",
    "params": {
        "linkParams": {
            "link_id": ${link.id},
            "affiliate_id": ${affiliateId},
            "source_id": null
        }
    }
}`;
    const first = await send('POST', '/smartico/api/private-api', body);
    expect(first.statusCode, first.body).toBe(200);
    const built = first.json();
    expect(built).toEqual({
      errCode: 0,
      tracking_link: expect.stringMatching(/\/c\/[a-z0-9]{12}$/),
      link_id: link.id,
      affiliate_id: affiliateId,
      source_id: null,
      promo_id: expect.any(Number),
    });
    const again = await send('POST', '/smartico/api/private-api', body);
    expect(again.json()).toEqual(built);
    const promo = await native('GET', `/promos/${built.promo_id}`);
    expect(promo).toMatchObject({
      affiliate_id: affiliateId,
      destination_link_id: link.id,
      tracking_link: built.tracking_link,
    });
    const source = await makeTrafficSource(t.db, 'PPC');
    const withSource = await send(
      'POST',
      '/smartico/api/private-api',
      JSON.stringify({
        method: 'af2_build_link',
        params: { linkParams: { link_id: link.id, affiliate_id: affiliateId, source_id: source } },
      }),
    );
    expect(withSource.json()).toMatchObject({ source_id: source });
    expect(withSource.json().promo_id).not.toBe(built.promo_id);
  });

  it('refuses an unknown method, link, affiliate or source in the names sent, creating nothing', async () => {
    const promos = async () =>
      Number(
        (
          await t.db
            .selectFrom('promos')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await promos();
    const method = await send(
      'POST',
      '/smartico/api/private-api',
      JSON.stringify({ method: 'af2_other', params: { linkParams: { link_id: 1, affiliate_id: 1 } } }),
    );
    expect(method.statusCode).toBe(422);
    expect(paths(method)).toEqual(['method']);
    const unknown = await send(
      'POST',
      '/smartico/api/private-api',
      JSON.stringify({
        method: 'af2_build_link',
        params: { linkParams: { link_id: 999_999, affiliate_id: 999_998 } },
      }),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().fields[0].path).toMatch(/^params\.linkParams\.(affiliate_id|link_id)$/);
    const link = await native(
      'POST',
      '/destination-links',
      { brand_id: brandId, name: 'Src', url: 'https://d.example/' },
      201,
    );
    const affiliateId = await makeAffiliate(t.db, 'NoSource');
    const source = await send(
      'POST',
      '/smartico/api/private-api',
      JSON.stringify({
        method: 'af2_build_link',
        params: { linkParams: { link_id: link.id, affiliate_id: affiliateId, source_id: 999_999 } },
      }),
    );
    expect(source.statusCode).toBe(422);
    expect(paths(source)).toEqual(['params.linkParams.source_id']);
    expect((await send('POST', '/smartico/api/private-api', '{}', read)).statusCode).toBe(403);
    expect(await promos()).toBe(before);
  });
});

/** The document's list example, its comments and trailing comma taken out. */
const PIXEL_EXAMPLE = {
  id: 2887,
  pixel_trigger_type_id: 1,
  pixel_type_id: 1,
  pixel_name: 'Name of the pixel definition',
  pixel: 'https://api.casino.com/?deal_id={{deal_id}}',
  affiliate_id: 166368,
  deal_id: -1,
  pixel_status: 1,
};

describe("Smartico's af2_pixel_definitions_op", () => {
  it("lists, creates and updates with the document's requests, each answer field by field, in the native API too", async () => {
    const affiliateId = await makeAffiliate(t.db, 'Pixels');
    const seeded = await native(
      'POST',
      '/postbacks',
      {
        affiliate_id: affiliateId,
        name: 'Name of the pixel definition',
        scope: 'account',
        trigger: 'registration',
        delivery: 's2s_get',
        url: 'https://api.casino.com/?deal_id={{deal_id}}',
      },
      201,
    );
    // The document's list: GET ...?affiliate_id=166368 with --data '' (a POST, as curl sends it).
    for (const res of [
      await curlEmpty(`/smartico/api/af2_pixel_definitions_op?affiliate_id=${affiliateId}`),
      await t.app.inject({
        url: `/smartico/api/af2_pixel_definitions_op?affiliate_id=${affiliateId}`,
        headers: { authorization: read },
      }),
    ]) {
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json();
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0])).toEqual(Object.keys(PIXEL_EXAMPLE));
      expect(rows[0]).toEqual({ ...PIXEL_EXAMPLE, id: seeded.id, affiliate_id: affiliateId });
      expect(res.headers['content-range']).toBe('af2_pixel_definitions_op 0-0/1');
    }

    // The document's create, affiliate_id a string as it sends it.
    const created = await send(
      'POST',
      '/smartico/api/af2_pixel_definitions_op',
      `{
    "affiliate_id": "${affiliateId}",
    "pixel_status": 1,
    "pixel_type_id": 1,
    "pixel_trigger_type_id": 1,
    "pixel": "https://api.casino.com/?deal_id={{deal_id}}",
    "pixel_name": "Name of the pixel definition2"
}`,
    );
    expect(created.statusCode, created.body).toBe(200);
    const pixel = created.json();
    expect(Object.keys(pixel)).toEqual(Object.keys(PIXEL_EXAMPLE));
    expect(pixel).toEqual({
      ...PIXEL_EXAMPLE,
      id: expect.any(Number),
      affiliate_id: affiliateId,
      pixel_name: 'Name of the pixel definition2',
    });
    expect(await native('GET', `/postbacks/${pixel.id}`)).toMatchObject({
      affiliate_id: affiliateId,
      name: 'Name of the pixel definition2',
      scope: 'account',
      trigger: 'registration',
      delivery: 's2s_get',
      status: 'active',
      plan_id: null,
      url: 'https://api.casino.com/?deal_id={{deal_id}}',
    });

    // The document's update: rename and deactivate (2888 there is the id just made).
    const updated = await send(
      'PUT',
      `/smartico/api/af2_pixel_definitions_op/${pixel.id}`,
      `{
    "pixel_status": 2,
    "pixel_name": "This pixel will be renamed and deactivated"
}`,
    );
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toEqual({
      ...pixel,
      pixel_status: 2,
      pixel_name: 'This pixel will be renamed and deactivated',
    });
    expect(await native('GET', `/postbacks/${pixel.id}`)).toMatchObject({
      status: 'inactive',
      name: 'This pixel will be renamed and deactivated',
      url: 'https://api.casino.com/?deal_id={{deal_id}}',
      trigger: 'registration',
    });
    const listed = await t.app.inject({
      url: `/smartico/api/af2_pixel_definitions_op?affiliate_id=${affiliateId}`,
      headers: { authorization: read },
    });
    expect(listed.json().map((r: { id: number }) => r.id)).toEqual([pixel.id, seeded.id]);
  });

  it('maps every trigger, delivery and deal both ways; a native change shows here', async () => {
    const affiliateId = await makeAffiliate(t.db, 'Mapped');
    const plan = await native(
      'POST',
      '/commission-plans',
      {
        name: `Deal ${Date.now()}`,
        brand_id: brandId,
        currency: 'EUR',
        definition: { cpl: { amount: 100 } },
        effective_from: new Date(Date.now() - 86_400_000).toISOString(),
      },
      201,
    );
    const deliveries = { 1: 's2s_get', 2: 'image', 3: 'iframe', 4: 'javascript' } as const;
    const triggers = {
      1: 'registration',
      2: 'qualified_lead',
      3: 'first_deposit',
      4: 'qualified_first_deposit',
    } as const;
    for (const n of [1, 2, 3, 4] as const) {
      const res = await send(
        'POST',
        '/smartico/api/af2_pixel_definitions_op',
        JSON.stringify({
          affiliate_id: affiliateId,
          pixel_trigger_type_id: n,
          pixel_type_id: n,
          deal_id: plan.id,
          pixel: `https://p.example/?n=${n}`,
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        pixel_trigger_type_id: n,
        pixel_type_id: n,
        deal_id: plan.id,
        pixel_status: 1,
        pixel_name: '',
      });
      expect(await native('GET', `/postbacks/${res.json().id}`)).toMatchObject({
        trigger: triggers[n],
        delivery: deliveries[n],
        plan_id: plan.id,
      });
    }
    const post = await native(
      'POST',
      '/postbacks',
      {
        affiliate_id: affiliateId,
        scope: 'account',
        trigger: 'sale',
        delivery: 's2s_post',
        url: 'https://p.example/sale',
      },
      201,
    );
    const rows = (
      await t.app.inject({
        url: `/smartico/api/af2_pixel_definitions_op?affiliate_id=${affiliateId}`,
        headers: { authorization: read },
      })
    ).json();
    // Newest first; a native trigger without a Smartico number shows null, a POST as 1.
    expect(rows[0]).toMatchObject({
      id: post.id,
      pixel_trigger_type_id: null,
      pixel_type_id: 1,
      deal_id: -1,
    });
    const back = await send(
      'PUT',
      `/smartico/api/af2_pixel_definitions_op/${rows[1].id}`,
      JSON.stringify({ ...rows[1], deal_id: -1 }),
    );
    expect(back.statusCode, back.body).toBe(200);
    expect((await native('GET', `/postbacks/${rows[1].id}`)).plan_id).toBeNull();
  });

  it("refuses bad input in Smartico's shape with its field names, changing nothing", async () => {
    const affiliateId = await makeAffiliate(t.db, 'Refused');
    const other = await makeAffiliate(t.db, 'Elsewhere');
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('postback_definitions')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const template = await send(
      'POST',
      '/smartico/api/af2_pixel_definitions_op',
      JSON.stringify({
        affiliate_id: affiliateId,
        pixel_trigger_type_id: 1,
        pixel: 'https://{{host}}/x',
        deal_id: 999_999,
      }),
    );
    expect(template.statusCode).toBe(422);
    expect(template.json()).toMatchObject({ errCode: 422, code: 'validation_failed' });
    expect(paths(template)).toEqual(['deal_id', 'pixel']);
    const missing = await send(
      'POST',
      '/smartico/api/af2_pixel_definitions_op',
      JSON.stringify({ affiliate_id: 999_999, pixel_trigger_type_id: 1, pixel: 'https://p.example/' }),
    );
    expect(missing.statusCode).toBe(422);
    expect(paths(missing)).toEqual(['affiliate_id']);
    const wrong = await send(
      'POST',
      '/smartico/api/af2_pixel_definitions_op',
      JSON.stringify({
        affiliate_id: affiliateId,
        pixel_trigger_type_id: 5,
        pixel_type_id: 0,
        pixel: 'https://p.example/',
        colour: 1,
      }),
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errCode).toBe(422);
    expect(await count()).toBe(before);

    const made = (
      await send(
        'POST',
        '/smartico/api/af2_pixel_definitions_op',
        JSON.stringify({
          affiliate_id: affiliateId,
          pixel_trigger_type_id: 3,
          pixel: 'https://p.example/ftd',
        }),
      )
    ).json();
    const saved = await native('GET', `/postbacks/${made.id}`);
    const moved = await send(
      'PUT',
      `/smartico/api/af2_pixel_definitions_op/${made.id}`,
      JSON.stringify({ affiliate_id: other, id: made.id + 1, pixel_name: 'x' }),
    );
    expect(moved.statusCode).toBe(422);
    expect(paths(moved)).toEqual(['affiliate_id', 'id']);
    const badUrl = await send(
      'PUT',
      `/smartico/api/af2_pixel_definitions_op/${made.id}`,
      JSON.stringify({ pixel: 'ftp://p.example/' }),
    );
    expect(paths(badUrl)).toEqual(['pixel']);
    expect(await native('GET', `/postbacks/${made.id}`)).toEqual(saved);
    const gone = await send('PUT', '/smartico/api/af2_pixel_definitions_op/999999', '{"pixel_status":2}');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().errCode).toBe(404);
    const noAffiliate = await t.app.inject({
      url: '/smartico/api/af2_pixel_definitions_op?affiliate_id=999999',
      headers: { authorization: read },
    });
    expect(noAffiliate.statusCode).toBe(404);
    const badQuery = await curlEmpty('/smartico/api/af2_pixel_definitions_op?affiliate_id=x&range=[0,5000]');
    expect(badQuery.statusCode).toBe(422);
    expect(paths(badQuery)).toEqual(['affiliate_id', 'range']);
    expect(
      (await send('POST', '/smartico/api/af2_pixel_definitions_op', '{"affiliate_id":1}', read)).statusCode,
    ).toBe(403);
    expect(
      (await curlEmpty('/smartico/api/af2_pixel_definitions_op', await t.apiKey(['events']))).statusCode,
    ).toBe(403);
    expect(await count()).toBe(before + 1);
  });
});
