import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { type Fixtures, fullPayload, setupFixtures } from './fixtures.ts';
import { fieldPaths, snapshot } from './helpers.ts';

let t: TestApp;
let admin: string;
let fx: Fixtures;
let tag: Fixtures['tag'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  fx = await setupFixtures(t, admin);
  tag = fx.tag;
  // bob@acme.test now exists, for the "already taken" case.
  const res = await t.call(admin, { method: 'POST', url: '/api/v1/affiliates', payload: fullPayload(fx) });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());

const full = () => fullPayload(fx);

describe('invalid payloads: 422 naming the field, nothing changed', () => {
  const cases: [string, (b: any) => void, string, string?][] = [
    ['wrong status enum', (b) => (b.status = 'approved'), 'status'],
    ['wrong frequency enum', (b) => (b.billing.frequency = 'yearly'), 'billing.frequency'],
    ['missing weekly day', (b) => (b.billing = { frequency: 'weekly' }), 'billing.details.day_of_week'],
    [
      'missing bimonthly second day',
      (b) => (b.billing = { frequency: 'bimonthly', details: { day_of_month_one: 1 } }),
      'billing.details.day_of_month_two',
    ],
    [
      'missing quarterly start month',
      (b) => (b.billing = { frequency: 'quarterly', details: { day_of_month: 5 } }),
      'billing.details.starting_month',
    ],
    [
      'detail the frequency ignores',
      (b) => (b.billing = { frequency: 'manual', details: { day_of_month: 5 } }),
      'billing.details.day_of_month',
    ],
    [
      'auto invoice without a start date',
      (b) => (b.billing.auto_invoice_start_date = null),
      'billing.auto_invoice_start_date',
    ],
    [
      'wire without an account number',
      (b) => delete b.payment_method.details.account_number,
      'payment_method.details.account_number',
    ],
    [
      'bad swift code',
      (b) => (b.payment_method.details.swift_code = 'NOPE'),
      'payment_method.details.swift_code',
    ],
    [
      'paypal with a bad email',
      (b) =>
        (b.payment_method = {
          type: 'paypal',
          details: { paypal_reception_method: 'email', reception_identifier: 'nope' },
        }),
      'payment_method.details.reception_identifier',
    ],
    [
      'veem without a phone',
      (b) =>
        (b.payment_method = {
          type: 'veem',
          details: { email: 'a@b.co', first_name: 'A', last_name: 'B', country_iso: 'US' },
        }),
      'payment_method.details.phone',
    ],
    [
      'tipalti existing payee without idap',
      (b) => (b.payment_method = { type: 'tipalti', details: { is_existing_payee: true } }),
      'payment_method.details.idap',
    ],
    ['unknown payment type', (b) => (b.payment_method = { type: 'cash' }), 'payment_method.type'],
    ['weak initial password', (b) => (b.users[0].initial_password = 'password'), 'users[0].initial_password'],
    // Neither address is taken: the rule names the repeat (the unique index alone would answer
    // "already used", as for a race lost after validation).
    [
      'duplicate user email in the request',
      (b) => (b.users[1].email = 'FRESH@acme.test'),
      'users[1].email',
      'is repeated (also given as users[0].email)',
    ],
    [
      'user email already taken',
      (b) => (b.users[0].email = 'bob@acme.test'),
      'users[0].email',
      'is already used by another affiliate user',
    ],
    ['unknown manager', (b) => (b.account_manager_id = 999999), 'account_manager_id'],
    ['unknown currency', (b) => (b.default_currency = 'ZZZ'), 'default_currency'],
    ['unknown region', (b) => (b.address.region_code = 'ZZ'), 'address.region_code'],
    ['unknown extra permission', (b) => (b.extra_permissions = ['root']), 'extra_permissions[0]'],
    [
      'tag value of another tag',
      (b) => (b.custom_tags = [{ tag_id: tag.id, value_id: 999999 }]),
      'custom_tags[0].value_id',
    ],
    ['unknown field', (b) => (b.colour = 'red'), 'colour'],
    ['bad website', (b) => (b.website_url = 'ftp://x'), 'website_url'],
  ];
  it.each(cases)('%s', async (_name, mutate, path, message) => {
    const body = full();
    body.external_id = 'ext-invalid';
    body.users[0]!.email = 'fresh@acme.test';
    body.users[1]!.email = 'fresh2@acme.test';
    mutate(body);
    const before = await snapshot(t.db);
    const res = await t.call(admin, { method: 'POST', url: '/api/v1/affiliates', payload: body });
    expect(res.statusCode, res.body).toBe(422);
    expect(fieldPaths(res), res.body).toContain(path);
    if (message) {
      const fields: { path: string; message: string }[] = res.json().error.details.fields;
      expect(fields.find((f) => f.path === path)?.message).toBe(message);
    }
    expect(await snapshot(t.db)).toBe(before);
  });
});
