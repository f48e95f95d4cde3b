import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { type Fixtures, fullPayload, setupFixtures } from './fixtures.ts';
import { createAffiliate, fieldPaths, WIRE } from './helpers.ts';

let t: TestApp;
let admin: string;
let fx: Fixtures;
let manager: number;
let tierId: number;
let sourceId: number;
let tag: Fixtures['tag'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  fx = await setupFixtures(t, admin);
  ({ manager, tierId, sourceId, tag } = fx);
});
afterAll(() => t.close());

const full = () => fullPayload(fx);

/** A full affiliate of the test's own (users and external id made unique by `label`). */
const ownFull = (label: string) =>
  createAffiliate(t, admin, {
    ...full(),
    external_id: `ext-${label}`,
    users: full().users.map((u, i) => ({ ...u, email: `${label}${i}@acme.test` })),
  });

describe('create and read', () => {
  it('creates an affiliate with every field, its users, billing and payment method', async () => {
    const res = await t.call(admin, { method: 'POST', url: '/api/v1/affiliates', payload: full() });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      name: 'Acme Media',
      email: 'contact@acme.test',
      default_currency: 'USD',
      language: 'en',
      labels: ['Direct', 'VIP'],
      vat_number: 'NL001234567B01',
      extra_permissions: ['ftd_count', 'registrations_report'],
      address: { country_code: 'US', region_code: 'CA', line2: null },
      approved_by: { type: 'api_key' },
    });
    expect(a.approved_at).not.toBeNull();
    const billing = a.relationships.billing;
    expect(billing).toMatchObject({
      frequency: 'monthly',
      details: { day_of_month: 1 },
      invoice_amount_threshold: 5000,
    });
    expect(billing.payment_method.details).toMatchObject({
      account_number: '**************4300',
      routing_number: '*****0021',
      swift_code: 'ABNANL2A',
      bank_name: 'First Bank',
    });
    const users = a.relationships.users;
    expect(users.map((u: any) => [u.email, u.is_owner, u.has_password])).toEqual([
      ['bob@acme.test', true, true],
      ['amy@acme.test', false, false],
    ]);
    expect(a.relationships.custom_tags).toEqual([
      { tag_id: tag.id, tag: 'Segment', value_id: tag.values[0]!.id, value: 'Retail' },
    ]);
  });

  it('loads each relationship only when asked for', async () => {
    const id = await ownFull('relationships');
    const bare = (await t.call(admin, { url: `/api/v1/affiliates/${id}` })).json();
    expect(bare.relationships).toEqual({});
    const all = [
      'users',
      'billing',
      'account_manager',
      'account_executive',
      'tier',
      'traffic_sources',
      'custom_tags',
      'referrer',
      'referrals',
      'signup',
      'audits',
      'api_keys',
    ];
    const url = `/api/v1/affiliates/${id}?${all.map((r) => `relationship=${r}`).join('&')}`;
    const rel = (await t.call(admin, { url })).json().relationships;
    expect(Object.keys(rel).sort()).toEqual([...all].sort());
    expect(rel.account_manager).toMatchObject({ id: manager, name: 'Bob Smith' });
    expect(rel.tier).toEqual({ id: tierId, name: 'Gold' });
    expect(rel.traffic_sources).toEqual([{ id: sourceId, name: 'SEO', status: 'active' }]);
    expect(rel.referrals).toEqual({ total: 0, entries: [] });
    expect(rel.audits[0].action).toBe('user_created');
    expect(rel.api_keys).toEqual([]);
    const one = (await t.call(admin, { url: `/api/v1/affiliates/${id}?relationship=tier` })).json()
      .relationships;
    expect(Object.keys(one)).toEqual(['tier']);
  });

  it('answers 404 for an unknown affiliate and 422 for an unknown relationship', async () => {
    const id = await createAffiliate(t, admin, { name: 'Known' });
    expect((await t.call(admin, { url: '/api/v1/affiliates/999999' })).statusCode).toBe(404);
    const bad = await t.call(admin, { url: `/api/v1/affiliates/${id}?relationship=secrets` });
    expect(bad.statusCode).toBe(422);
    expect(fieldPaths(bad)[0]).toMatch(/^relationship/);
  });

  it('links sub-affiliates to their referrer', async () => {
    const id = await createAffiliate(t, admin, { name: 'Referrer' });
    const child = await createAffiliate(t, admin, { name: 'Sub One', referrer_id: id });
    const parent = (await t.call(admin, { url: `/api/v1/affiliates/${id}?relationship=referrals` })).json();
    expect(parent.relationships.referrals.entries.map((e: any) => e.id)).toEqual([child]);
    const res = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: { referrer_id: child },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0]).toMatchObject({
      path: 'referrer_id',
      message: expect.stringContaining('cycle'),
    });
  });
});

describe('replace, patch and the status lifecycle', () => {
  it('PUT resets every omitted field to its default but keeps masked payment details', async () => {
    const id = await createAffiliate(t, admin, { ...full(), users: [], external_id: 'ext-put' });
    const read = (await t.call(admin, { url: `/api/v1/affiliates/${id}?relationship=billing` })).json();
    const res = await t.call(admin, {
      method: 'PUT',
      url: `/api/v1/affiliates/${id}?relationship=billing&relationship=traffic_sources`,
      payload: {
        name: 'Acme Renamed',
        status: 'active',
        payment_method: read.relationships.billing.payment_method,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({
      name: 'Acme Renamed',
      company_name: null,
      labels: [],
      account_manager_id: null,
      has_notifications: true,
      address: null,
      messengers: {},
      referral: { enabled: false, method: null },
      applied_at: read.applied_at,
      approved_at: read.approved_at,
    });
    expect(a.relationships.billing).toMatchObject({ frequency: 'manual', details: {}, auto_invoice: false });
    expect(a.relationships.traffic_sources).toEqual([]);
    const stored = await t.db
      .selectFrom('affiliate_payment_methods')
      .select('details')
      .where('affiliate_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.details.account_number).toBe('NL91ABNA0417164300');

    const changed = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: {
        payment_method: { ...WIRE, details: { ...WIRE.details, account_number: 'DE89370400440532013000' } },
      },
    });
    expect(changed.statusCode).toBe(200);
    const history = (await t.call(admin, { url: `/api/v1/affiliates/${id}/history` })).json();
    expect(history.data.map((h: any) => h.action)).toEqual(['updated', 'replaced', 'created']);
    expect(history.data[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Acme Media', after: 'Acme Renamed' },
        { field: 'labels', before: ['Direct', 'VIP'], after: [] },
        { field: 'billing.frequency', before: 'monthly', after: 'manual' },
      ]),
    );
    expect(history.data[0].changes).toEqual([
      {
        field: 'payment_method.details.account_number',
        before: '**************4300',
        after: '******************3000',
      },
    ]);
    expect(JSON.stringify(history)).not.toContain('0417164300');
  });

  it('PATCH changes only what it names and merges nested objects', async () => {
    const id = await createAffiliate(t, admin, { ...full(), users: [], external_id: 'ext-patch' });
    const res = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: {
        address: { city: 'San Diego' },
        messengers: { skype: null, discord: 'acme#1' },
        billing: { frequency: 'weekly', details: { day_of_week: 'friday' } },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.address).toMatchObject({ city: 'San Diego', line1: '105 Ocean Avenue' });
    expect(a.messengers).toEqual({ discord: 'acme#1', telegram: '@acme' });
    expect(a.relationships.billing).toMatchObject({
      frequency: 'weekly',
      details: { day_of_week: 'friday' },
      tax_id: 'TAX-1',
    });
    expect(a.labels).toEqual(['Direct', 'VIP']);
    const missing = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: { billing: { frequency: 'bimonthly' } },
    });
    expect(fieldPaths(missing)).toEqual([
      'billing.details.day_of_month_one',
      'billing.details.day_of_month_two',
    ]);
    expect(
      (await t.call(admin, { method: 'PATCH', url: `/api/v1/affiliates/${id}`, payload: {} })).statusCode,
    ).toBe(422);
  });

  it('enforces transitions: approval records who and when, nothing returns to pending', async () => {
    const cookie = await t.staffCookie();
    const id = await createAffiliate(t, admin, { name: 'Lifecycle' });
    let a = (await t.call(null, { url: `/api/v1/affiliates/${id}`, headers: { cookie } })).json();
    expect(a).toMatchObject({ status: 'pending', approved_at: null, approved_by: null });
    const approve = await t.call(null, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      headers: { cookie },
      payload: { status: 'active' },
    });
    a = approve.json();
    expect(a.approved_by).toMatchObject({ type: 'staff', name: 'Staff' });
    expect(a.approved_at).not.toBeNull();
    const back = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: { status: 'pending' },
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('invalid_state');
    const declined = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: { status: 'declined' },
    });
    expect(declined.statusCode).toBe(409);
    await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}`,
      payload: { status: 'suspended' },
    });
    const history = (await t.call(admin, { url: `/api/v1/affiliates/${id}/history?field=status` })).json();
    expect(
      history.data.map((h: any) => [h.source, h.changes.find((c: any) => c.field === 'status')]),
    ).toEqual([
      ['api', { field: 'status', before: 'active', after: 'suspended' }],
      ['back_office', { field: 'status', before: 'pending', after: 'active' }],
      ['api', { field: 'status', before: null, after: 'pending' }],
    ]);
    expect(history.data[1].changes.map((c: any) => c.field)).toEqual(
      expect.arrayContaining(['approved_at', 'approved_by']),
    );
  });
});
