/**
 * Everflow's affiliates API (seeds/001): the document's example requests sent verbatim (only the
 * host and key changed, trailing commas kept) against seeded data, responses compared field by
 * field; writes through Everflow seen in the native API and history; bad input and keys in
 * Everflow's `{ error }` shape, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUser } from '../affiliates/helpers.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let key: string;
let bob: number;
let google: number;

const ef = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: string, k: string | null = key) =>
  t.app.inject({
    method,
    url: `/everflow${url}`,
    headers: {
      ...(k ? { 'x-eflow-api-key': k } : {}),
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload } : {}),
  });
const native = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.call(admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  key = await t.apiKey(['write']);
  bob = await staffUser(t.db, 'Bob Smith');
  const res = await native('POST', '/affiliates', {
    name: 'Google',
    status: 'active',
    labels: ['Direct'],
    account_manager_id: bob,
    default_currency: 'USD',
    media_cost_override: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  google = res.json().id;
  const brand = await native('POST', '/brands', { name: 'Everflow brand', base_currency: 'USD' });
  expect(brand.statusCode, brand.body).toBe(201);
  // 7.32 USD earned today: 732 cents.
  await t.db
    .insertInto('commissions')
    .values({
      brand_id: brand.json().id,
      affiliate_id: google,
      currency: 'USD',
      amount: 732n,
      kind: 'cpl',
      status: 'pending',
      initial_status: 'pending',
      earned_at: new Date(),
      source_key: 'everflow:today',
      trace: '{}',
      explanation: 'Everflow test commission',
      actor_type: 'system',
      actor_id: null,
    })
    .execute();
}, 120_000);
afterAll(() => t?.close());

describe('affiliatestable', () => {
  it('Example 1 verbatim (trailing comma) answers the document’s row shape', async () => {
    const res = await ef(
      'POST',
      '/v1/networks/affiliatestable',
      `{
  "filters": {
    "account_status": "active"
  },
}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['affiliates', 'paging']);
    const row = body.affiliates.find(
      (a: { network_affiliate_id: number }) => a.network_affiliate_id === google,
    );
    expect(Object.keys(row)).toEqual([
      'network_affiliate_id',
      'network_id',
      'name',
      'account_status',
      'account_manager_id',
      'account_manager_name',
      'account_executive_id',
      'account_executive_name',
      'today_revenue',
      'time_created',
      'time_saved',
      'labels',
      'balance',
      'last_login',
      'global_tracking_domain_url',
      'network_country_code',
      'is_payable',
      'payment_type',
    ]);
    expect(row).toMatchObject({
      network_id: 1,
      name: 'Google',
      account_status: 'active',
      account_manager_id: bob,
      account_manager_name: 'Bob Smith',
      account_executive_id: 0,
      account_executive_name: '',
      today_revenue: '$7.32',
      labels: ['Direct'],
      balance: 0,
      last_login: 0,
      global_tracking_domain_url: '',
      network_country_code: '',
      is_payable: false,
      payment_type: 'none',
    });
    expect(Number.isInteger(row.time_created)).toBe(true);
    expect(Math.abs(row.time_created - Date.now() / 1000)).toBeLessThan(600);
    expect(body.paging).toEqual({ page: 1, page_size: 50, total_count: body.affiliates.length });
  });

  it('paging and the users relationship as in the document’s second call', async () => {
    const res = await ef(
      'POST',
      '/v1/networks/affiliatestable?page=2&page_size=50&relationship=users',
      `{
  "filters": {
    "account_status": "active"
  },
}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().paging.page).toBe(2);
    expect(res.json().affiliates).toEqual([]);
  });

  it('refuses an unknown filter value, bad paging and bad JSON in Everflow’s shape', async () => {
    const bad = await ef(
      'POST',
      '/v1/networks/affiliatestable',
      '{"filters":{"account_status":"gone","payment_type":"cash"}}',
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json())).toEqual(['error']);
    expect(bad.json().error).toContain('filters.account_status');
    expect(bad.json().error).toContain('filters.payment_type');
    expect((await ef('POST', '/v1/networks/affiliatestable?page=0', '{}')).statusCode).toBe(400);
    const json = await ef('POST', '/v1/networks/affiliatestable', '{"filters":');
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual({ error: 'The request body is not valid JSON.' });
    const pay = await ef('POST', '/v1/networks/affiliatestable', '{"filters":{"payment_type":"pay"}}');
    expect(pay.json()).toEqual({ affiliates: [], paging: { page: 1, page_size: 50, total_count: 0 } });
  });

  it('answers a missing, unknown and under-scoped key 401, 401 and 403', async () => {
    const missing = await ef('POST', '/v1/networks/affiliatestable', '{}', null);
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'No Authentication Method Found' });
    expect((await ef('POST', '/v1/networks/affiliatestable', '{}', 'nope')).statusCode).toBe(401);
    const events = await t.apiKey(['events']);
    expect((await ef('POST', '/v1/networks/affiliatestable', '{}', events)).statusCode).toBe(403);
  });
});

describe('find by id, create and update', () => {
  it('Find By ID answers the document’s fields with relationship labels, account manager and encoded_value', async () => {
    const res = await ef(
      'GET',
      `/v1/networks/affiliates/${google}?relationship=billing&relationship=users&relationship=supply_partner`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({
      network_affiliate_id: google,
      network_id: 1,
      name: 'Google',
      account_status: 'active',
      network_employee_id: bob,
      internal_notes: '',
      has_notifications: true,
      network_traffic_source_id: 0,
      account_executive_id: 0,
      adress_id: 0,
      default_currency_id: 'USD',
      is_contact_address_enabled: false,
      enable_media_cost_tracking_links: true,
      referrer_id: 0,
    });
    expect(a.relationship.labels).toEqual({ total: 1, entries: ['Direct'] });
    expect(a.relationship.account_manager).toMatchObject({
      first_name: 'Bob',
      last_name: 'Smith',
      work_phone: '',
    });
    expect(a.relationship.encoded_value).toBe(google.toString(36).toUpperCase());
    expect(a.relationship.billing).toMatchObject({ billing_frequency: 'manual', payment_type: 'none' });
    expect(a.relationship.users).toEqual({ total: 0, entries: [] });
    expect(a.relationship.supply_partner).toEqual({});
    expect((await ef('GET', '/v1/networks/affiliates/999999')).statusCode).toBe(404);
  });

  it('Create verbatim: the affiliate and its user in the native API and history; Update verbatim (trailing comma) too', async () => {
    const staffOne = await t.db.selectFrom('staff_users').select('id').where('id', '=', 1).executeTakeFirst();
    if (!staffOne) await staffUser(t.db, 'Staff One');
    const create = await ef(
      'POST',
      '/v1/networks/affiliates',
      `{   
    "name": "Test Affiliate",
    "account_status": "active",
    "network_employee_id": 1,
    "internal_notes": "This is a test affiliate created using the API",
    "default_currency_id": "USD",
    "enable_media_cost_tracking_links": false,
    "referrer_id": 0,
    "is_contact_address_enabled": true,
    "contact_address": {
        "address_1": "105 Ocean Avenue",
        "address_2": "",
        "city": "Los Angeles",
        "region_code": "CA",
        "country_code": "US",
        "zip_postal_code": "GHGHGH"
    },
    "users": [
        {
            "first_name": "Bob",
            "last_name": "Smith",
            "email": "everflow.test@example.com",
            "account_status": "active",
            "initial_password": "J0hnD0e2020!",
            "language_id": 1,
            "timezone_id": 90,
            "currency_id": "USD"
        }
    ],
    "billing": {
        "billing_frequency": "monthly",
        "payment_type": "none",
        "tax_id": "XXXXX",
        "details": {
            "day_of_month": 1
        }
    }
}`,
    );
    expect(create.statusCode, create.body).toBe(200);
    const id = create.json().network_affiliate_id;
    expect(create.json().relationship.users.entries[0]).toMatchObject({
      email: 'everflow.test@example.com',
      timezone_id: 90,
      language_id: 1,
    });
    const read = await native('GET', `/affiliates/${id}?relationship=billing&relationship=users`);
    expect(read.json()).toMatchObject({
      name: 'Test Affiliate',
      status: 'active',
      account_manager_id: 1,
      address: {
        line1: '105 Ocean Avenue',
        city: 'Los Angeles',
        region_code: 'CA',
        country_code: 'US',
        postal_code: 'GHGHGH',
      },
    });
    expect(read.json().relationships.billing).toMatchObject({
      frequency: 'monthly',
      details: { day_of_month: 1 },
      tax_id: 'XXXXX',
    });
    expect(read.json().relationships.users[0].timezone).toBe('Asia/Shanghai');
    const history = await native('GET', `/affiliates/${id}/history`);
    expect(history.json().data[0].source).toBe('compat_everflow');

    // A native change shows through Everflow.
    await native('PATCH', `/affiliates/${id}`, { labels: ['media_buyer'] });
    expect((await ef('GET', `/v1/networks/affiliates/${id}`)).json().relationship.labels).toEqual({
      total: 1,
      entries: ['media_buyer'],
    });

    const update = await ef(
      'PUT',
      `/v1/networks/affiliates/${id}`,
      `{   
    "name": "Test Affiliate",
    "account_status": "active",
    "network_employee_id": 1,
    "internal_notes": "This is a test affiliate created using the API",
    "default_currency_id": "USD",
    "enable_media_cost_tracking_links": false,
    "referrer_id": 0,
    "is_contact_address_enabled": true,
    "contact_address": {
        "address_1": "105 Ocean Avenue",
        "address_2": "",
        "city": "Los Angeles",
        "region_code": "CA",
        "country_code": "US",
        "zip_postal_code": "GHGHGH"
    },
    "billing": {
        "billing_frequency": "monthly",
        "payment_type": "none",
        "tax_id": "XXXXX",
        "details": {
            "day_of_month": 1,
        }
    }
}`,
    );
    expect(update.statusCode, update.body).toBe(200);
    // Labels have no place in Everflow's body: kept.
    expect(update.json().relationship.labels.entries).toEqual(['media_buyer']);
  });

  it('an omitted field on update takes its default; inactive on a pending application declines it', async () => {
    const made = await native('POST', '/affiliates', {
      name: 'Applicant',
      status: 'pending',
      internal_notes: 'keep?',
    });
    const id = made.json().id;
    const res = await ef(
      'PUT',
      `/v1/networks/affiliates/${id}`,
      '{"name":"Applicant","account_status":"inactive"}',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account_status).toBe('inactive');
    const read = (await native('GET', `/affiliates/${id}`)).json();
    expect(read.status).toBe('declined');
    expect(read.internal_notes).toBe('');
    const back = await ef(
      'PUT',
      `/v1/networks/affiliates/${id}`,
      '{"name":"Applicant","account_status":"pending"}',
    );
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toContain('never returns to pending');
    expect((await native('GET', `/affiliates/${id}`)).json().status).toBe('declined');
  });

  it('money arrives as a decimal and is stored exactly; pay and bad amounts are refused naming the fields', async () => {
    const made = await native('POST', '/affiliates', {
      name: 'Thresholds',
      status: 'active',
      default_currency: 'USD',
    });
    const id = made.json().id;
    const res = await ef(
      'PUT',
      `/v1/networks/affiliates/${id}`,
      JSON.stringify({
        name: 'Thresholds',
        account_status: 'active',
        default_currency_id: 'USD',
        billing: {
          billing_frequency: 'weekly',
          details: { day_of_week: 1 },
          invoice_amount_threshold: 100.1,
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const billing = (await native('GET', `/affiliates/${id}?relationship=billing`)).json().relationships
      .billing;
    // 100.1 USD = 100.10 × 100 = 10010 cents; day 1 is Monday.
    expect(billing.invoice_amount_threshold).toBe(10010);
    expect(billing.details).toEqual({ day_of_week: 'monday' });
    const bad = await ef(
      'PUT',
      `/v1/networks/affiliates/${id}`,
      JSON.stringify({
        name: 'Thresholds',
        account_status: 'active',
        billing: { payment_type: 'pay', invoice_amount_threshold: '1.001' },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('billing.payment_type');
    expect(bad.json().error).toContain('billing.invoice_amount_threshold');
    expect(
      (await native('GET', `/affiliates/${id}?relationship=billing`)).json().relationships.billing
        .invoice_amount_threshold,
    ).toBe(10010);
  });

  it('serves the metadata id tables', async () => {
    const tz = (await ef('GET', '/v1/meta/timezones')).json().timezones;
    expect(tz[89]).toMatchObject({ timezone_id: 90, timezone: 'Asia/Shanghai' });
    expect((await ef('GET', '/v1/meta/languages')).json().languages).toEqual([
      { language_id: 1, code: 'en', name: 'English' },
    ]);
    expect((await ef('GET', '/v1/meta/instant_messaging')).json().instant_messaging[0]).toEqual({
      instant_messaging_id: 1,
      name: 'Skype',
    });
  });
});
