import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A manager limited to their own affiliates (managed_affiliates_only) reaches affiliate A, whom
 * they manage, and nothing of affiliate B: B's campaigns and promos answer 404 like missing ones,
 * B named in a body answers 422 in the words used for a missing affiliate, lists leave B out, and
 * every refusal changes nothing. An unlimited manager and an admin key still reach both.
 */

let t: TestApp;
let admin: string;
let limited: string;
let unlimited: string;
let limitedId: number;
let brandId: number;
let linkId: number;
const MISSING = 999_999_999;

interface World {
  a: number;
  b: number;
  campaignA: number;
  campaignB: number;
  promoA: number;
  promoB: number;
}
let w: World;

type Res = Awaited<ReturnType<TestApp['call']>>;

function as(cookie: string, method: string, url: string, payload?: unknown): Promise<Res> {
  return t.app.inject({
    method: method as InjectOptions['method'],
    url: `/api/v1${url}`,
    headers: { cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

function asAdmin(method: string, url: string, payload?: unknown): Promise<Res> {
  return t.call(admin, {
    method: method as InjectOptions['method'],
    url: `/api/v1${url}`,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function ok(res: Res, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** A signed-in affiliate manager; `limitedToOwn` makes them reach only the affiliates they manage. */
async function manager(limitedToOwn: boolean): Promise<{ id: number; cookie: string }> {
  const cookie = await t.staffCookie();
  const id = (await ok(await as(cookie, 'GET', '/auth/me'))).staff.id;
  await t.db
    .updateTable('staff_users')
    .set({ role: 'affiliate_manager', managed_affiliates_only: limitedToOwn })
    .where('id', '=', id)
    .execute();
  return { id, cookie };
}

async function affiliate(name: string, accountManagerId: number | null): Promise<number> {
  const row = await t.db
    .insertInto('affiliates')
    .values({ name, status: 'active', account_manager_id: accountManagerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function campaignFor(affiliateId: number, name: string): Promise<number> {
  return (
    await ok(await asAdmin('POST', '/campaigns', { affiliate_id: affiliateId, brand_id: brandId, name }), 201)
  ).id;
}

async function promoIn(campaignId: number): Promise<number> {
  return (
    await ok(await asAdmin('POST', `/campaigns/${campaignId}/promos`, { destination_link_id: linkId }), 201)
  ).id;
}

/** A fresh pair: A managed by the limited manager, B by nobody, each with a campaign and a promo. */
async function world(label: string): Promise<World> {
  const a = await affiliate(`A ${label}`, limitedId);
  const b = await affiliate(`B ${label}`, null);
  const campaignA = await campaignFor(a, `A ${label}`);
  const campaignB = await campaignFor(b, `B ${label}`);
  return { a, b, campaignA, campaignB, promoA: await promoIn(campaignA), promoB: await promoIn(campaignB) };
}

/** Every table these routes write, so "nothing changed" is checked whole. */
async function snapshot(db: Db): Promise<string> {
  const tables = [
    'affiliates',
    'affiliate_history',
    'campaigns',
    'promos',
    'destination_links',
    'destination_link_affiliates',
    'media',
    'media_affiliates',
  ] as const;
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows
      .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
  }
  return JSON.stringify(out);
}

/** Refused like a missing one: 404, and nothing written. */
async function refused404(run: () => Promise<Res>, what: RegExp) {
  const before = await snapshot(t.db);
  const res = await run();
  expect(res.statusCode, res.body).toBe(404);
  expect(res.json().error.code).toBe('not_found');
  expect(res.json().error.message).toMatch(what);
  expect(await snapshot(t.db)).toBe(before);
}

/** Refused with the given field errors (path and message), and nothing written. */
async function refused422(run: () => Promise<Res>, fields: { path: string; message: string }[]) {
  const before = await snapshot(t.db);
  const res = await run();
  expect(res.statusCode, res.body).toBe(422);
  expect(res.json().error.details.fields).toEqual(
    expect.arrayContaining(fields.map((f) => expect.objectContaining(f))),
  );
  expect(await snapshot(t.db)).toBe(before);
  return res;
}

const campaignRow = (id: number) =>
  t.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const promoRow = (id: number) =>
  t.db.selectFrom('promos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const linkGrants = async (id: number) =>
  (
    await t.db
      .selectFrom('destination_link_affiliates')
      .select('affiliate_id')
      .where('destination_link_id', '=', id)
      .orderBy('affiliate_id')
      .execute()
  ).map((r) => r.affiliate_id);
const mediaGrants = async (id: number) =>
  (
    await t.db
      .selectFrom('media_affiliates')
      .select('affiliate_id')
      .where('media_id', '=', id)
      .orderBy('affiliate_id')
      .execute()
  ).map((r) => r.affiliate_id);

/** The distinct affiliates owning these rows, in order. */
async function ownersOf(table: 'campaigns' | 'promos', ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await t.db
    .selectFrom(table)
    .select('affiliate_id')
    .distinct()
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.affiliate_id).sort((x, y) => x - y);
}

/** The limited manager's affiliates that own a campaign, in order. */
async function managedIds(): Promise<number[]> {
  const rows = await t.db
    .selectFrom('affiliates')
    .select('id')
    .where('account_manager_id', '=', limitedId)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('campaigns').select('id').whereRef('campaigns.affiliate_id', '=', 'affiliates.id'),
      ),
    )
    .execute();
  return rows.map((r) => r.id).sort((x, y) => x - y);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  const l = await manager(true);
  limited = l.cookie;
  limitedId = l.id;
  unlimited = (await manager(false)).cookie;
  brandId = (await ok(await asAdmin('POST', '/brands', { name: 'Scope brand', base_currency: 'EUR' }), 201))
    .id;
  linkId = (
    await ok(
      await asAdmin('POST', '/destination-links', {
        brand_id: brandId,
        name: 'Home',
        url: 'https://example.com/',
      }),
      201,
    )
  ).id;
  w = await world('main');
});
afterAll(() => t.close());

describe('campaigns for a limited manager', () => {
  it('lists only the campaigns of their affiliates, with a total to match', async () => {
    const list = await ok(await as(limited, 'GET', '/campaigns?tab=all&page_size=500'));
    const ids = list.data.map((c: { id: number }) => c.id);
    expect(ids).toContain(w.campaignA);
    expect(ids).not.toContain(w.campaignB);
    expect(await ownersOf('campaigns', ids)).toEqual(await managedIds());
    expect(list.paging).toEqual({ page: 1, page_size: 500, total: ids.length });
    // Asking by id does not bring the other one back either.
    const byId = await ok(await as(limited, 'GET', `/campaigns?tab=all&id=${w.campaignB}`));
    expect(byId).toEqual({ data: [], paging: { page: 1, page_size: 50, total: 0 } });
    // Filtering on B is refused like a missing affiliate.
    await refused404(() => as(limited, 'GET', `/campaigns?affiliate_id=${w.b}`), /^affiliate \d+ not found$/);
  });

  it("answers 404 for another affiliate's campaign exactly like a missing one, and reads its own", async () => {
    const other = await as(limited, 'GET', `/campaigns/${w.campaignB}`);
    const missing = await as(limited, 'GET', `/campaigns/${MISSING}`);
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.json().error.message).toBe(`campaign ${w.campaignB} not found`);
    expect(missing.json().error.message).toBe(`campaign ${MISSING} not found`);
    expect((await ok(await as(limited, 'GET', `/campaigns/${w.campaignA}`))).affiliate_id).toBe(w.a);
  });

  it("changes, archives and unarchives only their own affiliates' campaigns", async () => {
    const v = await world('edit');
    await refused404(() => as(limited, 'PATCH', `/campaigns/${v.campaignB}`, { name: 'Taken' }), /^campaign/);
    await refused404(() => as(limited, 'POST', `/campaigns/${v.campaignB}/archive`), /^campaign/);
    await t.db.updateTable('campaigns').set({ status: 'archived' }).where('id', '=', v.campaignB).execute();
    await refused404(() => as(limited, 'POST', `/campaigns/${v.campaignB}/unarchive`), /^campaign/);

    await ok(await as(limited, 'PATCH', `/campaigns/${v.campaignA}`, { name: 'Renamed' }));
    expect((await campaignRow(v.campaignA)).name).toBe('Renamed');
    await ok(await as(limited, 'POST', `/campaigns/${v.campaignA}/archive`));
    expect((await campaignRow(v.campaignA)).status).toBe('archived');
    await ok(await as(limited, 'POST', `/campaigns/${v.campaignA}/unarchive`));
    expect((await campaignRow(v.campaignA)).status).toBe('active');
  });

  it('creates campaigns only for their own affiliates', async () => {
    await refused404(
      () => as(limited, 'POST', '/campaigns', { affiliate_id: w.b, brand_id: brandId, name: 'For B' }),
      /^affiliate \d+ not found$/,
    );
    const created = await ok(
      await as(limited, 'POST', '/campaigns', { affiliate_id: w.a, brand_id: brandId, name: 'For A' }),
      201,
    );
    expect(await campaignRow(created.id)).toMatchObject({ affiliate_id: w.a, name: 'For A' });
  });
});

describe('promos for a limited manager', () => {
  it('lists only the promos of their affiliates, whatever the filter', async () => {
    const ids = (await ok(await as(limited, 'GET', '/promos?page_size=500'))).data.map(
      (p: { id: number }) => p.id,
    );
    expect(ids).toContain(w.promoA);
    expect(ids).not.toContain(w.promoB);
    const owners = await ownersOf('promos', ids);
    const managed = await managedIds();
    expect(owners.every((id) => managed.includes(id))).toBe(true);
    expect((await ok(await as(limited, 'GET', `/promos?campaign_id=${w.campaignB}`))).data).toEqual([]);
    const code = (await promoRow(w.promoB)).code;
    expect((await ok(await as(limited, 'GET', `/promos?code=${code}`))).data).toEqual([]);
    await refused404(() => as(limited, 'GET', `/promos?affiliate_id=${w.b}`), /^affiliate \d+ not found$/);
  });

  it("answers 404 for another affiliate's promo like a missing one, and reads its own", async () => {
    const other = await as(limited, 'GET', `/promos/${w.promoB}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe(`promo ${w.promoB} not found`);
    expect((await as(limited, 'GET', `/promos/${MISSING}`)).json().error.message).toBe(
      `promo ${MISSING} not found`,
    );
    expect((await ok(await as(limited, 'GET', `/promos/${w.promoA}`))).affiliate_id).toBe(w.a);
  });

  it("changes only their own affiliates' promos", async () => {
    await refused404(
      () => as(limited, 'PATCH', `/promos/${w.promoB}`, { title: 'Taken', enabled: false }),
      /^promo/,
    );
    await ok(await as(limited, 'PATCH', `/promos/${w.promoA}`, { title: 'Retitled', enabled: false }));
    expect(await promoRow(w.promoA)).toMatchObject({ title: 'Retitled', enabled: false });
  });

  it("adds promos only to their own affiliates' campaigns", async () => {
    await refused404(
      () => as(limited, 'POST', `/campaigns/${w.campaignB}/promos`, { destination_link_id: linkId }),
      /^campaign/,
    );
    const created = await ok(
      await as(limited, 'POST', `/campaigns/${w.campaignA}/promos`, {
        destination_link_id: linkId,
        title: 'New',
      }),
      201,
    );
    expect(await promoRow(created.id)).toMatchObject({
      campaign_id: w.campaignA,
      affiliate_id: w.a,
      title: 'New',
    });
  });

  it('builds tracking links only for their own affiliates', async () => {
    await refused404(
      () => as(limited, 'POST', '/tracking-links', { link_id: linkId, affiliate_id: w.b }),
      /^affiliate \d+ not found$/,
    );
    await refused404(
      () =>
        as(limited, 'POST', '/tracking-links', {
          link_id: linkId,
          affiliate_id: w.b,
          campaign_id: w.campaignB,
        }),
      /^affiliate \d+ not found$/,
    );
    // Their own affiliate with someone else's campaign: the campaign is not one of A's.
    await refused422(
      () =>
        as(limited, 'POST', '/tracking-links', {
          link_id: linkId,
          affiliate_id: w.a,
          campaign_id: w.campaignB,
        }),
      [{ path: 'campaign_id', message: `campaign ${w.campaignB} is not a campaign of affiliate ${w.a}` }],
    );
    const built = await ok(
      await as(limited, 'POST', '/tracking-links', { link_id: linkId, affiliate_id: w.a }),
    );
    expect(await promoRow(built.promo.id)).toMatchObject({ affiliate_id: w.a, destination_link_id: linkId });
  });
});

describe('destination link grants for a limited manager', () => {
  it('refuses to grant a link to an affiliate they do not manage, in the words used for a missing one', async () => {
    const body = (ids: number[]) => ({
      brand_id: brandId,
      name: 'Private',
      url: 'https://example.com/p',
      is_public: false,
      private_affiliate_ids: ids,
    });
    const other = await refused422(
      () => as(limited, 'POST', '/destination-links', body([w.a, w.b])),
      [{ path: 'private_affiliate_ids[1]', message: `affiliate ${w.b} does not exist` }],
    );
    const missing = await refused422(
      () => as(limited, 'POST', '/destination-links', body([w.a, MISSING])),
      [{ path: 'private_affiliate_ids[1]', message: `affiliate ${MISSING} does not exist` }],
    );
    expect(other.json().error.details.fields).toHaveLength(1);
    expect(missing.json().error.details.fields).toHaveLength(1);
    const created = await ok(await as(limited, 'POST', '/destination-links', body([w.a])), 201);
    expect(created.private_affiliate_ids).toEqual([w.a]);
    expect(await linkGrants(created.id)).toEqual([w.a]);
  });

  it("shows and replaces only their part of a link's grants", async () => {
    const v = await world('grants');
    const link = await ok(
      await asAdmin('POST', '/destination-links', {
        brand_id: brandId,
        name: 'Shared',
        url: 'https://example.com/s',
        is_public: false,
        private_affiliate_ids: [v.a, v.b],
      }),
      201,
    );
    expect(
      (await ok(await as(limited, 'GET', `/destination-links/${link.id}`))).private_affiliate_ids,
    ).toEqual([v.a]);
    const listed = (await ok(await as(limited, 'GET', `/destination-links?brand_id=${brandId}`))).data.find(
      (l: { id: number }) => l.id === link.id,
    );
    expect(listed.private_affiliate_ids).toEqual([v.a]);

    await refused422(
      () => as(limited, 'PATCH', `/destination-links/${link.id}`, { private_affiliate_ids: [v.b] }),
      [{ path: 'private_affiliate_ids[0]', message: `affiliate ${v.b} does not exist` }],
    );
    // Withdrawing A leaves B's grant, which the manager cannot see, in place.
    const cleared = await ok(
      await as(limited, 'PATCH', `/destination-links/${link.id}`, { private_affiliate_ids: [] }),
    );
    expect(cleared.private_affiliate_ids).toEqual([]);
    expect(await linkGrants(link.id)).toEqual([v.b]);
    await ok(await as(limited, 'PATCH', `/destination-links/${link.id}`, { private_affiliate_ids: [v.a] }));
    expect(await linkGrants(link.id)).toEqual([v.a, v.b].sort((x, y) => x - y));
    // The admin sees and sets the whole list.
    expect((await ok(await asAdmin('GET', `/destination-links/${link.id}`))).private_affiliate_ids).toEqual(
      [v.a, v.b].sort((x, y) => x - y),
    );
  });

  it("treats another manager's affiliate like a missing one when filtering by what an affiliate may use", async () => {
    const v = await world('visible');
    const privateLink = await ok(
      await asAdmin('POST', '/destination-links', {
        brand_id: brandId,
        name: 'Only B',
        url: 'https://example.com/b',
        is_public: false,
        private_affiliate_ids: [v.b],
      }),
      201,
    );
    const ids = async (cookie: string | null, affiliateId: number) => {
      const url = `/destination-links?brand_id=${brandId}&visible_to_affiliate_id=${affiliateId}`;
      const res = cookie ? await as(cookie, 'GET', url) : await asAdmin('GET', url);
      return (await ok(res)).data.map((l: { id: number }) => l.id);
    };
    expect(await ids(null, v.b)).toContain(privateLink.id);
    expect(await ids(limited, v.b)).not.toContain(privateLink.id);
    expect(await ids(limited, v.b)).toEqual(await ids(limited, MISSING));
  });
});

describe('banner grants for a limited manager', () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>');
  function upload(cookie: string, fields: Record<string, string>) {
    const boundary = '----affluent-scope';
    const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.svg"\r\nContent-Type: image/svg+xml\r\n\r\n`,
      ),
      svg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      payload: Buffer.concat(parts),
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }

  it('refuses to grant a banner to an affiliate they do not manage', async () => {
    await refused422(
      () => upload(limited, { title: 'B only', is_public: 'false', affiliate_ids: `${w.b}` }),
      [{ path: 'affiliate_ids[0]', message: `affiliate ${w.b} does not exist` }],
    );
    await refused422(
      () => upload(limited, { title: 'Missing', is_public: 'false', affiliate_ids: `${w.a},${MISSING}` }),
      [{ path: 'affiliate_ids[1]', message: `affiliate ${MISSING} does not exist` }],
    );
    const created = await ok(
      await upload(limited, { title: 'A only', is_public: 'false', affiliate_ids: `${w.a}` }),
      201,
    );
    expect(await mediaGrants(created.id)).toEqual([w.a]);
  });

  it("shows and replaces only their part of a banner's grants", async () => {
    const v = await world('media');
    const media = await ok(
      await upload(unlimited, { title: 'Shared', is_public: 'false', affiliate_ids: `${v.a},${v.b}` }),
      201,
    );
    expect(media.affiliate_ids).toEqual([v.a, v.b].sort((x, y) => x - y));
    expect((await ok(await as(limited, 'GET', `/media/${media.id}`))).affiliate_ids).toEqual([v.a]);
    const listed = (await ok(await as(limited, 'GET', '/media'))).data.find(
      (m: { id: number }) => m.id === media.id,
    );
    expect(listed.affiliate_ids).toEqual([v.a]);
    await refused422(
      () => as(limited, 'PATCH', `/media/${media.id}`, { affiliate_ids: [v.a, v.b] }),
      [{ path: 'affiliate_ids[1]', message: `affiliate ${v.b} does not exist` }],
    );
    const cleared = await ok(await as(limited, 'PATCH', `/media/${media.id}`, { affiliate_ids: [] }));
    expect(cleared.affiliate_ids).toEqual([]);
    expect(await mediaGrants(media.id)).toEqual([v.b]);
  });
});

describe('affiliates naming other affiliates, for a limited manager', () => {
  const referrerOf = async (id: number) =>
    (await t.db.selectFrom('affiliates').select('referrer_id').where('id', '=', id).executeTakeFirstOrThrow())
      .referrer_id;

  it('refuses a referrer they do not manage in the words used for a missing one', async () => {
    const v = await world('referrer');
    const other = await refused422(
      () => as(limited, 'PATCH', `/affiliates/${v.a}`, { referrer_id: v.b }),
      [{ path: 'referrer_id', message: `no affiliate with id ${v.b}` }],
    );
    await refused422(
      () => as(limited, 'PATCH', `/affiliates/${v.a}`, { referrer_id: MISSING }),
      [{ path: 'referrer_id', message: `no affiliate with id ${MISSING}` }],
    );
    expect(other.json().error.details.fields).toHaveLength(1);
    await refused422(
      () => as(limited, 'POST', '/affiliates', { name: 'Referred by B', referrer_id: v.b }),
      [{ path: 'referrer_id', message: `no affiliate with id ${v.b}` }],
    );
    const a2 = await affiliate('A2 referrer', limitedId);
    await ok(await as(limited, 'PATCH', `/affiliates/${v.a}`, { referrer_id: a2 }));
    expect(await referrerOf(v.a)).toBe(a2);
    const created = await ok(
      await as(limited, 'POST', '/affiliates', { name: 'Referred by A', referrer_id: v.a }),
      201,
    );
    expect(await referrerOf(created.id)).toBe(v.a);
  });

  it('refuses such a referrer in a bulk edit, naming nothing of the other affiliate', async () => {
    const v = await world('bulk');
    const body = {
      affiliate_ids: [v.a],
      fields: [{ field: 'referrer_id', operator: 'overwrite', value: v.b }],
    };
    const preview = await ok(await as(limited, 'POST', '/affiliates/bulk-edit/preview', body));
    expect(preview.changes[0].status).toBe('error');
    expect(JSON.stringify(preview)).toContain(`no affiliate with id ${v.b}`);
    expect(JSON.stringify(preview)).not.toContain(`B bulk`);
    const before = await snapshot(t.db);
    const apply = await as(limited, 'POST', '/affiliates/bulk-edit/apply', body);
    expect(apply.statusCode, apply.body).toBe(422);
    expect(apply.body).not.toContain('B bulk');
    expect(await snapshot(t.db)).toBe(before);
    expect(await referrerOf(v.a)).toBeNull();
  });

  it("does not show another manager's affiliate as referrer or referral", async () => {
    const v = await world('family');
    await t.db.updateTable('affiliates').set({ referrer_id: v.b }).where('id', '=', v.a).execute();
    const a2 = await affiliate('A2 family', limitedId);
    const b2 = await affiliate('B2 family', null);
    await t.db.updateTable('affiliates').set({ referrer_id: v.a }).where('id', 'in', [a2, b2]).execute();
    const view = await ok(
      await as(limited, 'GET', `/affiliates/${v.a}?relationship=referrer&relationship=referrals`),
    );
    expect(view.relationships.referrer).toBeNull();
    expect(view.relationships.referrals.total).toBe(1);
    expect(view.relationships.referrals.entries.map((e: { id: number }) => e.id)).toEqual([a2]);
    // A PATCH of other fields keeps the referrer an admin set.
    await ok(await as(limited, 'PATCH', `/affiliates/${v.a}`, { name: 'A family renamed' }));
    expect(await referrerOf(v.a)).toBe(v.b);
    const full = await ok(
      await asAdmin('GET', `/affiliates/${v.a}?relationship=referrer&relationship=referrals`),
    );
    expect(full.relationships.referrer.id).toBe(v.b);
    expect(full.relationships.referrals.total).toBe(2);
  });
});

describe('unlimited staff', () => {
  it("an unlimited manager reaches every affiliate's campaigns, promos and grants", async () => {
    const v = await world('unlimited');
    expect((await ok(await as(unlimited, 'GET', `/campaigns/${v.campaignB}`))).affiliate_id).toBe(v.b);
    await ok(await as(unlimited, 'PATCH', `/campaigns/${v.campaignB}`, { name: 'By unlimited' }));
    expect((await campaignRow(v.campaignB)).name).toBe('By unlimited');
    await ok(await as(unlimited, 'POST', `/campaigns/${v.campaignB}/archive`));
    expect((await campaignRow(v.campaignB)).status).toBe('archived');
    await ok(await as(unlimited, 'POST', `/campaigns/${v.campaignB}/unarchive`));
    const promos = (await ok(await as(unlimited, 'GET', '/promos?page_size=500'))).data.map(
      (p: { id: number }) => p.id,
    );
    expect(promos).toEqual(expect.arrayContaining([v.promoA, v.promoB]));
    await ok(await as(unlimited, 'PATCH', `/promos/${v.promoB}`, { title: 'By unlimited' }));
    expect((await promoRow(v.promoB)).title).toBe('By unlimited');
    await ok(
      await as(unlimited, 'POST', `/campaigns/${v.campaignB}/promos`, { destination_link_id: linkId }),
      201,
    );
    const link = await ok(
      await as(unlimited, 'POST', '/destination-links', {
        brand_id: brandId,
        name: 'Both',
        url: 'https://example.com/both',
        is_public: false,
        private_affiliate_ids: [v.a, v.b],
      }),
      201,
    );
    expect(await linkGrants(link.id)).toEqual([v.a, v.b].sort((x, y) => x - y));
    await ok(await as(unlimited, 'PATCH', `/destination-links/${link.id}`, { private_affiliate_ids: [v.a] }));
    expect(await linkGrants(link.id)).toEqual([v.a]);
    await ok(await as(unlimited, 'PATCH', `/affiliates/${v.a}`, { referrer_id: v.b }));
    expect(
      (
        await t.db
          .selectFrom('affiliates')
          .select('referrer_id')
          .where('id', '=', v.a)
          .executeTakeFirstOrThrow()
      ).referrer_id,
    ).toBe(v.b);
  });

  it('an admin API key lists every campaign', async () => {
    const list = await ok(await asAdmin('GET', '/campaigns?tab=all&page_size=500'));
    const ids = list.data.map((c: { id: number }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([w.campaignA, w.campaignB]));
    const all = await t.db
      .selectFrom('campaigns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(list.paging.total).toBe(Number(all.n));
  });
});
