import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createAffiliate, fieldPaths, snapshot, staffUser } from './helpers.ts';

let t: TestApp;
let key: string;
let parent: number;
let m1: number;
let m2: number;
let x1: number;
let tierId: number;
let s1: number;
let s2: number;
let tagId: number;
let v1: number;
let v2: number;

type Field = { field: string; operator: string; value?: unknown };

const bulk = (mode: 'preview' | 'apply', affiliate_ids: number[], fields: Field[], extra: object = {}) =>
  t.call(key, {
    method: 'POST',
    url: `/api/v1/affiliates/bulk-edit/${mode}`,
    payload: { affiliate_ids, fields, ...extra },
  });

/** Previews, applies, checks both agree, and returns the applied result. */
async function previewThenApply(affiliate_ids: number[], fields: Field[]) {
  const preview = await bulk('preview', affiliate_ids, fields);
  expect(preview.statusCode, preview.body).toBe(200);
  const p = preview.json();
  expect(p.applied).toBe(false);
  const apply = await bulk('apply', affiliate_ids, fields, { expected_plan_hash: p.plan_hash });
  expect(apply.statusCode, apply.body).toBe(200);
  const r = apply.json();
  expect(r.applied).toBe(true);
  expect({ ...r, applied: false }).toEqual(p);
  return r;
}

beforeAll(async () => {
  t = await createTestApp();
  key = await t.apiKey(['write']);
  m2 = await staffUser(t.db, 'Manager Two');
  x1 = await staffUser(t.db, 'Exec One');
  tierId = (
    await t.call(key, { method: 'POST', url: '/api/v1/affiliate-tiers', payload: { name: 'Silver' } })
  ).json().id;
  s1 = (
    await t.call(key, { method: 'POST', url: '/api/v1/traffic-sources', payload: { name: 'Email' } })
  ).json().id;
  s2 = (
    await t.call(key, { method: 'POST', url: '/api/v1/traffic-sources', payload: { name: 'Social' } })
  ).json().id;
  const tag = (
    await t.call(key, {
      method: 'POST',
      url: '/api/v1/custom-tags',
      payload: { name: 'Vertical', values: ['Casino', 'Sports'] },
    })
  ).json();
  tagId = tag.id;
  [v1, v2] = tag.values.map((v: { id: number }) => v.id);
  m1 = await staffUser(t.db, 'Manager One');
  parent = await createAffiliate(t, key, { name: 'Parent', status: 'active' });
});

/** The state each bulk edit starts from, with `start` over it. */
const base = () => ({
  status: 'active',
  default_currency: 'USD',
  account_manager_id: m1,
  labels: ['One'],
  extra_permissions: ['ftd_count'],
  traffic_source_ids: [s1],
  custom_tags: [{ tag_id: tagId, value_id: v1 }],
  billing: { frequency: 'monthly', details: { day_of_month: 1 } },
});

/** Two affiliates of the test's own, so no test builds on what another changed. */
async function pair(start: Record<string, unknown> = {}): Promise<[number, number]> {
  return [
    await createAffiliate(t, key, { name: 'Bulk A', ...base(), ...start }),
    await createAffiliate(t, key, { name: 'Bulk B', ...base(), ...start }),
  ];
}
afterAll(() => t.close());

describe('every patchable field with every allowed operator', () => {
  // [field, operator, value, expected after, the affiliates' state before (over base())]
  const cases: [string, string, () => unknown, () => unknown, (() => Record<string, unknown>)?][] = [
    ['status', 'overwrite', () => 'inactive', () => 'inactive'],
    ['account_manager_id', 'overwrite', () => m2, () => m2],
    ['account_manager_id', 'overwrite', () => null, () => null],
    ['account_executive_id', 'overwrite', () => x1, () => x1],
    ['referrer_id', 'overwrite', () => parent, () => parent],
    ['tier_id', 'overwrite', () => tierId, () => tierId],
    ['traffic_source_id', 'overwrite', () => s2, () => s2],
    ['default_currency', 'overwrite', () => 'eur', () => 'EUR'],
    ['language', 'overwrite', () => 'FR', () => 'fr'],
    ['has_notifications', 'overwrite', () => false, () => false],
    ['media_cost_override', 'overwrite', () => true, () => true],
    ['no_negative_carry_over', 'overwrite', () => true, () => true],
    ['api_access_enabled', 'overwrite', () => true, () => true],
    ['internal_notes', 'overwrite', () => 'bulk note', () => 'bulk note'],
    ['affiliate_notes', 'overwrite', () => 'hello all', () => 'hello all'],
    ['labels', 'overwrite', () => ['X', 'Y'], () => ['X', 'Y']],
    ['labels', 'append', () => ['Z', 'x'], () => ['X', 'Y', 'Z'], () => ({ labels: ['X', 'Y'] })],
    ['labels', 'delete', () => ['y'], () => ['X', 'Z'], () => ({ labels: ['X', 'Y', 'Z'] })],
    ['labels', 'clear', () => undefined, () => []],
    ['extra_permissions', 'overwrite', () => ['pnl'], () => ['pnl']],
    [
      'extra_permissions',
      'append',
      () => ['ftd_date'],
      () => ['ftd_date', 'pnl'],
      () => ({ extra_permissions: ['pnl'] }),
    ],
    [
      'extra_permissions',
      'delete',
      () => ['pnl'],
      () => ['ftd_date'],
      () => ({ extra_permissions: ['ftd_date', 'pnl'] }),
    ],
    ['extra_permissions', 'clear', () => undefined, () => []],
    ['traffic_source_ids', 'overwrite', () => [s1], () => [s1], () => ({ traffic_source_ids: [s2] })],
    ['traffic_source_ids', 'append', () => [s2], () => [s1, s2]],
    ['traffic_source_ids', 'delete', () => [s1], () => [s2], () => ({ traffic_source_ids: [s1, s2] })],
    ['traffic_source_ids', 'clear', () => undefined, () => []],
    [
      'custom_tags',
      'overwrite',
      () => [{ tag_id: tagId, value_id: v1 }],
      () => [{ tag_id: tagId, value_id: v1 }],
      () => ({ custom_tags: [{ tag_id: tagId, value_id: v2 }] }),
    ],
    [
      'custom_tags',
      'append',
      () => [{ tag_id: tagId, value_id: v2 }],
      () => [{ tag_id: tagId, value_id: v2 }],
    ],
    [
      'custom_tags',
      'delete',
      () => [{ tag_id: tagId, value_id: v2 }],
      () => [],
      () => ({ custom_tags: [{ tag_id: tagId, value_id: v2 }] }),
    ],
    ['custom_tags', 'clear', () => undefined, () => []],
    [
      'billing_schedule',
      'overwrite',
      () => ({ frequency: 'two_months', details: { starting_month: 2, day_of_month: 10 } }),
      () => ({ frequency: 'two_months', details: { day_of_month: 10, starting_month: 2 } }),
    ],
    ['billing_tax_id', 'overwrite', () => 'TAX-9', () => 'TAX-9'],
    ['billing_auto_invoice_start_date', 'overwrite', () => '2025-01-01', () => '2025-01-01'],
    [
      'billing_auto_invoice',
      'overwrite',
      () => true,
      () => true,
      () => ({ billing: { ...base().billing, auto_invoice_start_date: '2025-01-01' } }),
    ],
    ['billing_invoices_hidden_by_default', 'overwrite', () => true, () => true],
    ['billing_invoice_generation_delay_days', 'overwrite', () => 3, () => 3],
    ['billing_invoice_amount_threshold', 'overwrite', () => 10_000, () => 10_000],
    ['billing_payment_terms_days', 'overwrite', () => 15, () => 15],
    ['referral_method', 'overwrite', () => 'flat_fee', () => 'flat_fee'],
    ['referral_value', 'overwrite', () => '12.5', () => '12.5'],
    ['referral_commission_basis', 'overwrite', () => 'profit', () => 'profit'],
    ['referral_minimum_threshold', 'overwrite', () => 500, () => 500],
    ['referral_duration_days', 'overwrite', () => 30, () => 30],
    [
      'referral_enabled',
      'overwrite',
      () => true,
      () => true,
      () => ({ referral: { enabled: false, method: 'percentage', value: '5', commission_basis: 'revenue' } }),
    ],
  ];

  it.each(cases)('%s %s', async (field, operator, value, expected, start) => {
    const [a, b] = await pair(start?.());
    const f: Field = { field, operator, ...(value() === undefined ? {} : { value: value() }) };
    const result = await previewThenApply([a, b], [f]);
    expect(result.summary).toMatchObject({ total: 2, ok: 2, error: 0, resource_errors: 0 });
    expect(result.changes).toHaveLength(2);
    for (const change of result.changes) {
      expect(change.fields[0]).toMatchObject({ field, operator, after: expected(), error_message: null });
      expect(change.status).toBe(change.fields[0].status);
    }
    // What was applied is what a read shows.
    const read = (
      await t.call(key, {
        url: `/api/v1/affiliates/${a}?relationship=billing&relationship=traffic_sources&relationship=custom_tags`,
      })
    ).json();
    const persisted: Record<string, unknown> = {
      labels: read.labels,
      extra_permissions: read.extra_permissions,
      traffic_source_ids: read.relationships.traffic_sources.map((s: any) => s.id),
      custom_tags: read.relationships.custom_tags.map((c: any) => ({
        tag_id: c.tag_id,
        value_id: c.value_id,
      })),
      billing_schedule: {
        frequency: read.relationships.billing.frequency,
        details: read.relationships.billing.details,
      },
    };
    const [head, ...rest] = field.split('_');
    const sub = rest.join('_');
    const actual =
      field in persisted
        ? persisted[field]
        : head === 'billing'
          ? read.relationships.billing[sub]
          : head === 'referral'
            ? read.referral[sub]
            : read[field];
    expect(actual).toEqual(expected());
  });
});

describe('preview, apply and history', () => {
  it('reports no_change, records one batch in history, and shows related changes', async () => {
    const [a, b] = await pair({ has_notifications: false });
    const same = await previewThenApply(
      [a, b],
      [{ field: 'has_notifications', operator: 'overwrite', value: false }],
    );
    expect(same.changes.map((c: any) => c.status)).toEqual(['no_change', 'no_change']);
    const pending = await createAffiliate(t, key, { name: 'Applicant' });
    const result = await previewThenApply(
      [pending, b],
      [
        { field: 'status', operator: 'overwrite', value: 'active' },
        { field: 'internal_notes', operator: 'overwrite', value: 'batch' },
      ],
    );
    const approved = result.changes.find((c: any) => c.affiliate_id === pending);
    expect(approved).toMatchObject({ status: 'ok', fields: [{ before: 'pending', after: 'active' }, {}] });
    expect(approved.related_changes[0]).toMatch(/^approval/);
    // One apply is one batch: one history entry per affiliate it changed, all with the same batch id.
    const bulkHistory = async (id: number) =>
      (await t.call(key, { url: `/api/v1/affiliates/${id}/history?source=bulk_edit` })).json().data;
    const [ofB, ofPending] = [await bulkHistory(b), await bulkHistory(pending)];
    expect(ofB).toHaveLength(1);
    expect(ofPending).toHaveLength(1);
    for (const h of [...ofB, ...ofPending]) {
      expect(h).toMatchObject({
        action: 'bulk_edit',
        batch_id: expect.any(String),
        actor: { type: 'api_key' },
      });
    }
    expect(ofB[0].batch_id).toBe(ofPending[0].batch_id);
    expect(ofB[0].changes).toEqual([{ field: 'internal_notes', before: '', after: 'batch' }]);
    const last = (await t.call(key, { url: `/api/v1/affiliates/${pending}/history?source=bulk_edit` })).json()
      .data[0];
    expect(last.changes).toEqual(
      expect.arrayContaining([{ field: 'status', before: 'pending', after: 'active' }]),
    );
    expect(last.changes.map((c: any) => c.field)).toContain('approved_at');
  });

  it('is all or nothing: one failing affiliate stops the whole apply', async () => {
    const [a, b] = await pair();
    const fields = [
      { field: 'referrer_id', operator: 'overwrite', value: a },
      { field: 'labels', operator: 'append', value: ['Batch'] },
    ];
    const preview = (await bulk('preview', [a, b], fields)).json();
    expect(preview.changes.map((c: any) => [c.affiliate_id, c.status])).toEqual([
      [a, 'error'],
      [b, 'ok'],
    ]);
    expect(preview.changes[0].fields[0].error_message).toContain('cannot refer itself');
    const before = await snapshot(t.db);
    const apply = await bulk('apply', [a, b], fields);
    expect(apply.statusCode).toBe(422);
    expect(apply.json().error.details.preview).toEqual(preview);
    expect(fieldPaths(apply)).toEqual(['affiliate_ids[0]']);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('reports resource errors for missing or already-invalid affiliates and applies nothing', async () => {
    const [a] = await pair();
    // Invalid since it was saved (written past the API), so any change to it is refused.
    const broken = await createAffiliate(t, key, { name: 'Broken' });
    await t.db.updateTable('affiliates').set({ email: 'not-an-email' }).where('id', '=', broken).execute();
    const fields = [{ field: 'internal_notes', operator: 'overwrite', value: 'x' }];
    const preview = (await bulk('preview', [a, broken, 999_999], fields)).json();
    expect(preview.resource_errors).toEqual([
      { affiliate_id: broken, name: 'Broken', message: expect.stringContaining('email') },
      { affiliate_id: 999_999, name: null, message: 'affiliate not found' },
    ]);
    expect(preview.summary).toMatchObject({ total: 3, ok: 1, resource_errors: 2 });
    const before = await snapshot(t.db);
    expect((await bulk('apply', [a, broken, 999_999], fields)).statusCode).toBe(422);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses a stale plan and every status change back to pending', async () => {
    const [a, b] = await pair();
    const fields = [{ field: 'internal_notes', operator: 'overwrite', value: 'stale?' }];
    const before = await snapshot(t.db);
    const stale = await bulk('apply', [a], fields, { expected_plan_hash: 'f'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(await snapshot(t.db)).toBe(before);
    const back = (
      await bulk('preview', [a, b], [{ field: 'status', operator: 'overwrite', value: 'pending' }])
    ).json();
    expect(back.changes.map((c: any) => c.status)).toEqual(['error', 'error']);
    expect(back.changes[0].fields[0].error_message).toContain('never returns to pending');
  });

  it('rejects malformed requests with 422 naming the entry', async () => {
    const [a] = await pair();
    const bad = async (fields: Field[]) => fieldPaths(await bulk('preview', [a], fields));
    expect(await bad([{ field: 'status', operator: 'append', value: ['active'] }])).toEqual([
      'fields[0].operator',
    ]);
    expect(await bad([{ field: 'labels', operator: 'clear', value: ['x'] }])).toEqual(['fields[0].value']);
    expect(await bad([{ field: 'labels', operator: 'append' }])).toEqual(['fields[0].value']);
    expect(await bad([{ field: 'status', operator: 'overwrite', value: 'approved' }])).toEqual([
      'fields[0].value',
    ]);
    expect(await bad([{ field: 'password', operator: 'overwrite', value: 'x' }])).toEqual([
      'fields[0].field',
    ]);
    expect(
      await bad([
        { field: 'labels', operator: 'append', value: ['a'] },
        { field: 'labels', operator: 'delete', value: ['a'] },
      ]),
    ).toEqual(['fields[1].field']);
    const schedule = (
      await bulk(
        'preview',
        [a],
        [{ field: 'billing_schedule', operator: 'overwrite', value: { frequency: 'weekly' } }],
      )
    ).json();
    expect(schedule.changes[0].fields[0]).toMatchObject({
      status: 'error',
      error_message: expect.stringContaining('day_of_week'),
    });
  });
});
