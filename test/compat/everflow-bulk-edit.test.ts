/**
 * Everflow's Bulk Edit and Patch Preview (seeds/001), and the affiliates table's examples 2 and 3:
 * the document's requests sent verbatim (only the host and key changed) against affiliates seeded
 * with the ids the examples name, answers compared field by field; the preview changes nothing,
 * the apply is all or nothing and in the history with the key as actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, staffUser } from '../affiliates/helpers.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let key: string;
let bob: number;

const ef = (method: 'POST' | 'PATCH', url: string, payload: string, k: string | null = key) =>
  t.app.inject({
    method,
    url: `/everflow${url}`,
    headers: { ...(k ? { 'x-eflow-api-key': k } : {}), 'content-type': 'application/json' },
    payload,
  });
const native = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.call(admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const make = async (body: Record<string, unknown>) => {
  const res = await native('POST', '/affiliates', { status: 'active', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const read = async (id: number) => (await native('GET', `/affiliates/${id}?relationship=billing`)).json();
const history = async (id: number) =>
  (await native('GET', `/affiliates/${id}/history?source=compat_everflow`)).json().data;
const APPLY = '/v1/networks/patch/affiliates/apply';
const SUBMIT = '/v1/networks/patch/affiliates/submit';

/** The examples name affiliates 3, 12, 24 and 26: made first, so this file's database has them. */
const seeded = new Map<number, string>([
  [3, 'Example three'],
  [12, 'Example twelve'],
  [24, 'Example twenty-four'],
  [26, 'Example twenty-six'],
]);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  key = await t.apiKey(['write']);
  for (let id = 0; id < 26; ) {
    const name = seeded.get(id + 1) ?? `Filler ${id + 1}`;
    id = await make({ name, ...(id + 1 === 24 ? { labels: ['Direct'] } : {}) });
    if (id > 26 || (seeded.has(id) && (await read(id)).name !== seeded.get(id)))
      throw new Error(`the examples' affiliate ids are taken in this database (got ${id})`);
  }
  bob = await staffUser(t.db, 'Bob Smith');
}, 120_000);
afterAll(() => t?.close());

describe('Bulk Edit', () => {
  it('Example 1 verbatim deactivates 3 and 12: { result: true }, natively inactive, one batch in the history by the key', async () => {
    const res = await ef(
      'PATCH',
      APPLY,
      `{
    "network_affiliate_ids": [
        3,
        12
    ],
    "fields": [
        {
            "field_type": "account_status",
            "field_value": "inactive",
            "operator": "overwrite"
        }
    ]
}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ result: true });
    expect((await read(3)).status).toBe('inactive');
    expect((await read(12)).status).toBe('inactive');
    const [h3, h12] = [(await history(3))[0], (await history(12))[0]];
    for (const h of [h3, h12]) {
      expect(h).toMatchObject({
        action: 'bulk_edit',
        source: 'compat_everflow',
        actor: { type: 'api_key' },
        changes: [{ field: 'status', before: 'active', after: 'inactive' }],
      });
    }
    expect(h3.batch_id).toBe(h12.batch_id);
  });

  it('Example 2 verbatim adds "New Label" to 24 and 26, keeping their labels', async () => {
    const res = await ef(
      'PATCH',
      APPLY,
      `{
    "network_affiliate_ids":
    [
        24,
        26
    ],
    "fields":
    [
        {
            "field_value":
            [
                "New Label"
            ],
            "field_type": "labels",
            "operator": "append"
        }
    ]
}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ result: true });
    expect((await read(24)).labels).toEqual(['Direct', 'New Label']);
    expect((await read(26)).labels).toEqual(['New Label']);
  });

  it('is all or nothing: one affiliate that cannot take the patch changes none, 400 naming it', async () => {
    const a = await make({ name: 'All one' });
    const b = await make({ name: 'All two' });
    const before = await snapshot(t.db);
    const res = await ef(
      'PATCH',
      APPLY,
      JSON.stringify({
        network_affiliate_ids: [b, a],
        fields: [
          { field_type: 'referrer_id', field_value: a, operator: 'overwrite' },
          { field_type: 'internal_notes', field_value: 'batch', operator: 'overwrite' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json())).toEqual(['error']);
    expect(res.json().error).toContain('network_affiliate_ids[1]: referrer_id');
    expect(await snapshot(t.db)).toBe(before);

    // Affiliates needing different native statuses (a pending one declined) are separate native
    // edits: one failing still leaves the others unchanged.
    const applicant = await make({ name: 'All applicant', status: 'pending' });
    const mixed = await ef(
      'PATCH',
      APPLY,
      JSON.stringify({
        network_affiliate_ids: [applicant, a],
        fields: [
          { field_type: 'account_status', field_value: 'inactive', operator: 'overwrite' },
          { field_type: 'referrer_id', field_value: a, operator: 'overwrite' },
        ],
      }),
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error).toContain('network_affiliate_ids[1]: referrer_id');
    expect((await read(applicant)).status).toBe('pending');
    expect((await read(applicant)).referrer_id).toBeNull();
    const long = await ef(
      'POST',
      SUBMIT,
      JSON.stringify({
        network_affiliate_ids: [a],
        fields: [
          { field_type: 'internal_notes', field_value: 'x', operator: 'overwrite' },
          { field_type: 'labels', field_value: ['x'.repeat(65)], operator: 'append' },
        ],
      }),
    );
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toContain('fields[1].field_value');
  });

  it('keeps Everflow’s status words: inactive declines an application, active keeps view_only; amounts and schedules converted', async () => {
    const applicant = await make({ name: 'Applicant', status: 'pending' });
    const viewer = await make({ name: 'Viewer', status: 'view_only' });
    const res = await ef(
      'PATCH',
      APPLY,
      JSON.stringify({
        network_affiliate_ids: [applicant, viewer],
        fields: [{ field_type: 'account_status', field_value: 'inactive', operator: 'overwrite' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await read(applicant)).status).toBe('declined');
    expect((await read(viewer)).status).toBe('inactive');
    const again = await ef(
      'PATCH',
      APPLY,
      JSON.stringify({
        network_affiliate_ids: [viewer],
        fields: [{ field_type: 'account_status', field_value: 'active', operator: 'overwrite' }],
      }),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect((await read(viewer)).status).toBe('active');

    const kept = await make({ name: 'Kept viewer', status: 'view_only', default_currency: 'USD' });
    const billing = await ef(
      'PATCH',
      APPLY,
      JSON.stringify({
        network_affiliate_ids: [kept],
        fields: [
          { field_type: 'account_status', field_value: 'active', operator: 'overwrite' },
          { field_type: 'billing_billing_frequency', field_value: 'weekly', operator: 'overwrite' },
          { field_type: 'billing_weekly', field_value: 'tuesday', operator: 'overwrite' },
          { field_type: 'billing_invoice_amount_threshold', field_value: 100.1, operator: 'overwrite' },
          { field_type: 'network_employee_id', field_value: bob, operator: 'overwrite' },
        ],
      }),
    );
    expect(billing.statusCode, billing.body).toBe(200);
    const after = await read(kept);
    expect(after.status).toBe('view_only');
    expect(after.account_manager_id).toBe(bob);
    // 100.1 USD is 10010 cents, exactly.
    expect(after.relationships.billing).toMatchObject({
      frequency: 'weekly',
      details: { day_of_week: 'tuesday' },
      invoice_amount_threshold: 10010,
    });
  });

  it('refuses a bad field type, operator or value and Everflow Pay in Everflow’s shape, naming each, changing nothing', async () => {
    const a = await make({ name: 'Refused' });
    const before = await snapshot(t.db);
    const res = await ef(
      'PATCH',
      APPLY,
      JSON.stringify({
        network_affiliate_ids: [a],
        fields: [
          { field_type: 'account_status', field_value: 'pending', operator: 'overwrite' },
          { field_type: 'network_employee_id', field_value: 'bob', operator: 'overwrite' },
          { field_type: 'labels', field_value: ['x'], operator: 'append' },
          { field_type: 'internal_notes', field_value: 'x', operator: 'append' },
          { field_type: 'billing_payment_method', field_value: 'pay', operator: 'overwrite' },
          { field_type: 'billing_monthly', field_value: { day_of_month: 1 }, operator: 'overwrite' },
          { field_type: 'billing_billing_frequency', field_value: 'weekly', operator: 'overwrite' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    const error = res.json().error as string;
    for (const path of ['fields[0]', 'fields[1]', 'fields[3].operator', 'fields[4]', 'fields[5].field_type'])
      expect(error).toContain(path);
    expect(error).not.toContain('fields[2]');
    const unknown = await ef(
      'PATCH',
      APPLY,
      '{"network_affiliate_ids":[1],"fields":[{"field_type":"nickname","field_value":"x","operator":"overwrite"}]}',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toContain('field_type');
    expect((await ef('PATCH', APPLY, '{"network_affiliate_ids":', key)).json()).toEqual({
      error: 'The request body is not valid JSON.',
    });
    const missing = await ef('PATCH', APPLY, '{}', null);
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'No Authentication Method Found' });
    const reader = await t.apiKey(['read']);
    expect((await ef('POST', SUBMIT, '{}', reader)).statusCode).toBe(403);
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('Patch Preview', () => {
  it('answers changes and resource_errors as the document lists them, changing nothing', async () => {
    const a = await make({ name: 'Preview active' });
    const b = await make({ name: 'Preview inactive', status: 'inactive' });
    const c = await make({ name: 'Preview self' });
    const before = await snapshot(t.db);
    const res = await ef(
      'POST',
      SUBMIT,
      JSON.stringify({
        network_affiliate_ids: [a, b, c, 999_999],
        fields: [
          { field_type: 'account_status', field_value: 'inactive', operator: 'overwrite' },
          { field_type: 'referrer_id', field_value: c, operator: 'overwrite' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['changes', 'resource_errors']);
    expect(body.resource_errors).toEqual([{ id: 999_999, label: '', message: 'affiliate not found' }]);
    expect(body.changes).toHaveLength(6);
    const [status, referrer] = body.changes;
    expect(Object.keys(status)).toEqual([
      'network_affiliate',
      'change_status',
      'current_field',
      'changed_field',
      'error_message',
      'related_changes',
    ]);
    expect(status).toEqual({
      network_affiliate: { network_affiliate_id: a, name: 'Preview active' },
      change_status: 'ok',
      current_field: { field_type: 'account_status', field_value: 'active' },
      changed_field: { field_type: 'account_status', field_value: 'inactive' },
      error_message: '',
      // The affiliate's consequences, whichever field causes them.
      related_changes: expect.stringContaining('sub-affiliate'),
    });
    expect(referrer).toMatchObject({
      change_status: 'ok',
      current_field: { field_type: 'referrer_id', field_value: 0 },
      changed_field: { field_type: 'referrer_id', field_value: c },
    });
    const ofB = body.changes.filter(
      (x: { network_affiliate: { network_affiliate_id: number } }) =>
        x.network_affiliate.network_affiliate_id === b,
    );
    expect(ofB[0]).toMatchObject({ change_status: 'no_change', changed_field: { field_value: 'inactive' } });
    const self = body.changes.filter(
      (x: { network_affiliate: { network_affiliate_id: number } }) =>
        x.network_affiliate.network_affiliate_id === c,
    );
    expect(self[1].change_status).toBe('error');
    expect(self[1].error_message).not.toBe('');
    expect(await snapshot(t.db)).toBe(before);
    expect((await read(a)).status).toBe('active');
  });
});

describe('affiliatestable examples 2 and 3', () => {
  it('Example 2 verbatim: managed by 2 with “Agency” in the name, in the document’s row shape', async () => {
    while (
      (await t.db.selectFrom('staff_users').select('id').where('id', '=', 2).executeTakeFirst()) === undefined
    )
      await staffUser(t.db, 'John Doe');
    const agency = await make({ name: 'Some Agency Inc.', account_manager_id: 2, labels: ['media_buyer'] });
    const otherManager = await make({ name: 'Other Agency', account_manager_id: bob });
    const noWord = await make({ name: 'Plain Media', account_manager_id: 2 });
    const res = await ef(
      'POST',
      '/v1/networks/affiliatestable',
      `{
  "filters": {
    "account_manager_ids": [ 2 ]
  },
  "search_terms": [
    {
      "search_type": "name",
      "value": "Agency"
    }
  ]
}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const ids = body.affiliates.map((r: { network_affiliate_id: number }) => r.network_affiliate_id);
    expect(ids).toContain(agency);
    expect(ids).not.toContain(otherManager);
    expect(ids).not.toContain(noWord);
    const row = body.affiliates.find(
      (r: { network_affiliate_id: number }) => r.network_affiliate_id === agency,
    );
    const manager = await t.db
      .selectFrom('staff_users')
      .select('name')
      .where('id', '=', 2)
      .executeTakeFirstOrThrow();
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
    expect(row).toEqual({
      network_affiliate_id: agency,
      network_id: 1,
      name: 'Some Agency Inc.',
      account_status: 'active',
      account_manager_id: 2,
      account_manager_name: manager.name,
      account_executive_id: 0,
      account_executive_name: '',
      today_revenue: '$0.00',
      time_created: expect.any(Number),
      time_saved: expect.any(Number),
      labels: ['media_buyer'],
      balance: 0,
      last_login: 0,
      global_tracking_domain_url: '',
      network_country_code: '',
      is_payable: false,
      payment_type: 'none',
    });
    expect(Number.isInteger(row.time_created)).toBe(true);
    expect(body.paging).toEqual({ page: 1, page_size: 50, total_count: body.affiliates.length });
  });

  it('Example 3 verbatim: active affiliates with traffic in the last 168 hours', async () => {
    const recent = await make({ name: 'Recent traffic' });
    const old = await make({ name: 'Old traffic' });
    const off = await make({ name: 'Inactive traffic', status: 'inactive' });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await t.db
      .insertInto('affiliate_traffic')
      .values([
        { affiliate_id: recent, last_click_at: hoursAgo(1) },
        { affiliate_id: old, last_click_at: hoursAgo(200) },
        { affiliate_id: off, last_click_at: hoursAgo(1) },
      ])
      .execute();
    const res = await ef(
      'POST',
      '/v1/networks/affiliatestable',
      `{
  "filters": {
    "account_status": "active",
    "ran_traffic_in_last_hours": 168
  }
}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().affiliates as { network_affiliate_id: number; account_status: string }[];
    const ids = rows.map((r) => r.network_affiliate_id);
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
    expect(ids).not.toContain(off);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.account_status === 'active')).toBe(true);
  });
});

describe('the Everflow section of /docs', () => {
  it('opens with the endpoints, the key, the status and field tables and the limits', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const tag = spec.tags.find((x: { name: string }) => x.name === 'Everflow compatibility: affiliates');
    const text = tag.description as string;
    for (const part of [
      '`PATCH /v1/networks/patch/affiliates/apply`',
      '`POST /v1/networks/patch/affiliates/submit`',
      'X-Eflow-API-Key',
      '| `inactive` | `inactive`, `declined` |',
      '| `network_employee_id` | `account_manager_id` |',
      '| `enable_media_cost_tracking_links` | `media_cost_override` |',
      '**Limits.**',
    ])
      expect(text).toContain(part);
    const ops = Object.values(spec.paths['/everflow/v1/networks/patch/affiliates/apply'] ?? {});
    expect(ops.map((o) => (o as { tags: string[] }).tags)).toEqual([[tag.name]]);
  });
});
