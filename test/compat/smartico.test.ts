/**
 * Smartico's af2_aff_op beyond the document's examples: filters and range paging, every PUT field
 * landing in the native API and its history (and native changes showing here), the status table
 * both ways with the refused move back to Pending audited, and bad input in Smartico's error shape
 * (unknown filter field or value, bad JSON, bad or too wide range, wrong, missing and under-scoped
 * keys, bad fields), each refusal changing nothing. The examples: smartico-examples.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, staffUser } from '../affiliates/helpers.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let write: string;
let read: string;
let managerId: number;

const native = async (method: string, url: string, payload?: object, status = 200) => {
  const res = await t.call(admin, {
    method: method as 'POST',
    url: `/api/v1${url}`,
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const create = async (body: Record<string, unknown>) =>
  (await native('POST', '/affiliates', body, 201)).id as number;
const get = (query: string, key: string | null = read) =>
  t.app.inject({
    url: `/smartico/api/af2_aff_op?${query}`,
    headers: key === null ? {} : { authorization: key },
  });
const put = (id: number, payload: unknown, key = write) =>
  t.app.inject({
    method: 'PUT',
    url: `/smartico/api/af2_aff_op/${id}`,
    headers: { authorization: key, 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
const filter = (f: object) => `filter=${encodeURIComponent(JSON.stringify(f))}`;
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
  managerId = await staffUser(t.db, 'Manager');
}, 120_000);
afterAll(() => t?.close());

describe('GET af2_aff_op', () => {
  it('filters by id, status, manager and parent, pages by range and says so in Content-Range', async () => {
    const parent = await create({ name: 'Parent', status: 'active' });
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        await create({
          name: `Child ${i}`,
          status: 'active',
          referrer_id: parent,
          account_manager_id: managerId,
        }),
      );
    const byParent = await get(`${filter({ parent_affiliate_id: parent })}&range=[1, 3]`);
    expect(byParent.statusCode, byParent.body).toBe(200);
    expect(byParent.json().map((r: { id: number }) => r.id)).toEqual(ids.slice(1, 3));
    expect(byParent.headers['content-range']).toBe('af2_aff_op 1-2/3');
    expect(byParent.json()[0]).toMatchObject({
      parent_affiliate_id: parent,
      parent_affiliate_name: 'Parent',
    });
    const byManager = await get(filter({ manager_id: managerId, id: [ids[0], ids[2], parent] }));
    expect(byManager.json().map((r: { id: number }) => r.id)).toEqual([ids[0], ids[2]]);
    expect(byManager.json()[0]).toMatchObject({ manager_id: managerId, manager_username: 'Manager' });
    expect((await get(filter({ id: [] }))).json()).toEqual([]);
  });

  it('reads each native status as its aff_status_id, and filter 4 finds suspended and inactive alike', async () => {
    const made: Record<string, number> = {};
    for (const status of ['pending', 'active', 'view_only'])
      made[status] = await create({ name: status, status });
    made.declined = await create({ name: 'declined', status: 'pending' });
    await native('PATCH', `/affiliates/${made.declined}`, { status: 'declined' });
    for (const status of ['suspended', 'inactive']) {
      made[status] = await create({ name: status, status: 'active' });
      await native('PATCH', `/affiliates/${made[status]}`, { status });
    }
    const res = await get(filter({ id: Object.values(made) }));
    const byId = new Map(res.json().map((r: any) => [r.id, [r.aff_status_id, r.aff_status_name]]));
    expect(Object.fromEntries(Object.entries(made).map(([s, id]) => [s, byId.get(id)]))).toEqual({
      pending: [1, 'Pending'],
      active: [2, 'Approved'],
      view_only: [5, 'ViewOnly'],
      declined: [3, 'Declined'],
      suspended: [4, 'Suspended'],
      inactive: [4, 'Suspended'],
    });
    const four = await get(filter({ aff_status_id: 4, id: Object.values(made) }));
    expect(four.json().map((r: { id: number }) => r.id)).toEqual([made.suspended, made.inactive]);
  });

  it('refuses bad filters, ranges and keys in its error shape, naming each bad field, changing nothing', async () => {
    const before = await snapshot(t.db);
    const bad = await get(`${filter({ aff_status_id: 9, nickname: 'x', id: 'one' })}&range=[0,1001]`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      errCode: 422,
      code: 'validation_failed',
      request_id: expect.any(String),
    });
    expect(paths(bad)).toEqual(['filter.aff_status_id', 'filter.id', 'filter.nickname', 'range']);
    expect(bad.json().errMsg).toContain('range: covers at most 1000 records a call');
    const json = await get('filter={aff_status_id:2}&range=[5,1]');
    expect([json.statusCode, paths(json)]).toEqual([422, ['filter', 'range']]);
    expect((await get('range=[1,2,3]')).json().fields[0]).toEqual({
      path: 'range',
      message: 'must be [from, to], two whole numbers from 0',
    });
    expect((await get('filter=[1]')).json().fields[0].path).toBe('filter');
    const missing = await get('', null);
    expect([missing.statusCode, missing.json().errCode, missing.json().code]).toEqual([
      401,
      401,
      'unauthenticated',
    ]);
    const wrong = await get('', 'aff_live_not-a-real-key');
    expect([wrong.statusCode, wrong.json().errMsg]).toEqual([401, 'the API key is invalid or revoked']);
    const events = await get('', await t.apiKey(['events']));
    expect([events.statusCode, events.json().code, events.json().errMsg]).toEqual([
      403,
      'forbidden',
      'this call needs the "read" scope',
    ]);
    const nowhere = await t.app.inject({
      url: '/smartico/api/af2_nothing',
      headers: { authorization: read },
    });
    expect([nowhere.statusCode, nowhere.json().errCode]).toEqual([404, 404]);
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('PUT af2_aff_op/{id}', () => {
  it('sets every supported property through the native update: the native API and its history show it', async () => {
    const tag = await native('POST', '/custom-tags', { name: 'Segment', values: ['Retail', 'VIP'] }, 201);
    const id = await create({
      name: 'Everything',
      status: 'pending',
      users: [{ email: 'owner@smartico.test', first_name: 'Old', last_name: 'Name', is_owner: true }],
    });
    // The document's full list of supported properties, its values (only ids of this installation).
    const res = await put(id, {
      comments: 'Comments visible and editable by the affiliate',
      company: 'Company name',
      country: 'BG',
      web_site_url: 'https://mysite.com',
      comments_from_operator: 'Comment that will be visible only for operator',
      aff_status_id: 2,
      ext_affiliate_id: 'some_id_in_external_system',
      no_carry_over: true,
      manager_id: managerId,
      [`custom_prop_${tag.id}`]: tag.values[1].id,
      bo_user_email: 'email_of_affiliate@myaffiliatesite.com',
      two_fa_enabled: false,
      api_access_enabled: true,
      first_name: 'John',
      last_name: 'Malkovich',
      phone_number: '+359 88 123 4567',
      skype: 'john',
      contact_fb: 'https://fb.me/123123',
      contact_vk: '',
      contact_telegram: '',
      contact_discord: 'john#1234',
      language: 'FR',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      aff_status_id: 2,
      aff_status_name: 'Approved',
      company: 'Company name',
      country: 'BG',
      first_name: 'John',
      bo_user_email: 'email_of_affiliate@myaffiliatesite.com',
      language: 'FR',
      no_carry_over: true,
      [`custom_prop_${tag.id}`]: tag.values[1].id,
    });
    const a = await native('GET', `/affiliates/${id}?relationship=users&relationship=custom_tags`);
    expect(a).toMatchObject({
      status: 'active',
      affiliate_notes: 'Comments visible and editable by the affiliate',
      internal_notes: 'Comment that will be visible only for operator',
      company_name: 'Company name',
      website_url: 'https://mysite.com',
      external_id: 'some_id_in_external_system',
      no_negative_carry_over: true,
      account_manager_id: managerId,
      api_access_enabled: true,
      language: 'fr',
      messengers: { skype: 'john', facebook: 'https://fb.me/123123', discord: 'john#1234' },
    });
    expect(a.address.country_code).toBe('BG');
    expect(a.relationships.users[0]).toMatchObject({
      email: 'email_of_affiliate@myaffiliatesite.com',
      first_name: 'John',
      last_name: 'Malkovich',
    });
    expect(a.relationships.custom_tags).toEqual([
      { tag_id: tag.id, tag: 'Segment', value_id: tag.values[1].id, value: 'VIP' },
    ]);
    const history = await native('GET', `/affiliates/${id}/history`);
    const entry = history.data.find((h: { source: string; action: string }) => h.action === 'updated');
    expect(entry).toMatchObject({
      source: 'compat_smartico',
      actor: expect.objectContaining({ type: 'api_key' }),
    });
    // The approval went through the native lifecycle: approved_at is set.
    expect(a.approved_at).not.toBeNull();

    // The reverse: a native change shows in Smartico's read.
    await native('PATCH', `/affiliates/${id}`, { company_name: 'Renamed natively', custom_tags: [] });
    const row = (await get(filter({ id }))).json()[0];
    expect(row.company).toBe('Renamed natively');
    expect(row[`custom_prop_${tag.id}`]).toBeUndefined();
  });

  it('sets one custom tag and keeps the others; null takes one off', async () => {
    const one = await native('POST', '/custom-tags', { name: 'Tier tag', values: ['A', 'B'] }, 201);
    const two = await native('POST', '/custom-tags', { name: 'Region tag', values: ['EU'] }, 201);
    const id = await create({
      name: 'Tagged',
      custom_tags: [{ tag_id: one.id, value_id: one.values[0].id }],
    });
    const res = await put(id, { [`custom_prop_${two.id}`]: two.values[0].id });
    expect(res.json()).toMatchObject({
      [`custom_prop_${one.id}`]: one.values[0].id,
      [`custom_prop_${two.id}`]: two.values[0].id,
    });
    const off = await put(id, { [`custom_prop_${one.id}`]: null });
    expect(off.json()[`custom_prop_${one.id}`]).toBeUndefined();
    expect(off.json()[`custom_prop_${two.id}`]).toBe(two.values[0].id);
  });

  it('refuses the move back to Pending in its shape, audited, the affiliate unchanged', async () => {
    const id = await create({ name: 'Approved one', status: 'active' });
    const before = await snapshot(t.db);
    const res = await put(id, { aff_status_id: 1, first_name: 'Ignored' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      errCode: 409,
      code: 'invalid_state',
      fields: [{ path: 'aff_status_id' }],
    });
    expect(res.json().errMsg).toContain(
      'an account never returns to pending; use 4 (Suspended) or 5 (ViewOnly)',
    );
    expect(await snapshot(t.db)).toBe(before);
    const audit = await native('GET', `/audit-log?entity=affiliate&entity_id=${id}`);
    expect(audit.data[0]).toMatchObject({ action: 'smartico_status_refused', detail: { status: 'active' } });
    // A pending one asked for Pending stays as it is.
    const pending = await create({ name: 'Still pending', status: 'pending' });
    expect((await put(pending, { aff_status_id: 1 })).json().aff_status_id).toBe(1);
  });

  it('keeps an inactive account inactive on 4, and answers the native lifecycle refusals in its shape', async () => {
    const id = await create({ name: 'Off', status: 'active' });
    await native('PATCH', `/affiliates/${id}`, { status: 'inactive' });
    expect((await put(id, { aff_status_id: 4 })).statusCode).toBe(200);
    expect((await native('GET', `/affiliates/${id}`)).status).toBe('inactive');
    const before = await snapshot(t.db);
    const declined = await put(id, { aff_status_id: 3 });
    expect([declined.statusCode, declined.json().code]).toEqual([409, 'invalid_state']);
    expect(declined.json().errMsg).toBe(
      'cannot change status from inactive to declined; allowed: active, suspended, view_only',
    );
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses bad fields, bad JSON, two_fa_enabled true and keys without write, naming each, changing nothing', async () => {
    const id = await create({
      name: 'Guarded',
      users: [{ email: 'guard@smartico.test', first_name: 'G', last_name: 'D', is_owner: true }],
    });
    const before = await snapshot(t.db);
    const schema = await put(id, { aff_status_id: 7, nickname: 'x', first_name: 5, custom_prop_0: 1 });
    expect(schema.statusCode).toBe(422);
    expect(paths(schema)).toEqual(expect.arrayContaining(['aff_status_id', 'first_name']));
    const core = await put(id, { manager_id: 2_000_000, web_site_url: 'not a url' });
    expect([core.statusCode, paths(core)]).toEqual([422, ['manager_id', 'web_site_url']]);
    const tfa = await put(id, { two_fa_enabled: true });
    expect([tfa.statusCode, tfa.json().fields[0].path]).toEqual([409, 'two_fa_enabled']);
    const email = await put(id, { bo_user_email: 'not-an-email' });
    expect([email.statusCode, paths(email)]).toEqual([422, ['bo_user_email']]);
    const json = await put(id, '{"first_name": ');
    expect([json.statusCode, json.json().errCode, json.json().code]).toEqual([400, 400, 'bad_request']);
    const readOnly = await put(id, { first_name: 'No' }, read);
    expect([readOnly.statusCode, readOnly.json().errMsg]).toEqual([403, 'this call needs the "write" scope']);
    const missing = await put(2_000_000, { first_name: 'No' });
    expect([missing.statusCode, missing.json().errCode]).toEqual([404, 404]);
    expect(await snapshot(t.db)).toBe(before);
  });
});
