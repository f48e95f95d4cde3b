/**
 * Smartico's document (seeds/003), its af2_aff_op example requests sent verbatim (only the host
 * and the key changed) against data seeded to match the example affiliate: the response compared
 * field by field with the document's, each difference named with its reason. The PUT example
 * (first name only) is sent as it is too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { postEntry } from '../../src/core/ledger/post-entry.ts';
import { staffUser, WIRE } from '../affiliates/helpers.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let key: string;
let id: number;
let managerId: number;
let planName: string;

/** The document's example response (its trailing comma after default_deal_info dropped). */
const DOCUMENT = {
  id: 35425,
  affiliate_id: 35425,
  affiliate_name: 'Robby Ron',
  country: null,
  company: null,
  web_site_url: null,
  comments: null,
  comments_from_operator: null,
  visibility: null,
  aff_status_id: 2,
  operator_id: 2354,
  parent_affiliate_id: null,
  create_date: '2022-03-10T18:32:50.573Z',
  update_date: '2023-04-24T11:32:35.804Z',
  create_by: 2342,
  bo_user_id: 3423,
  ext_affiliate_id: null,
  payment_method_name: 'Wire Transfer',
  payment_method_id: 1,
  payment_method_details: {
    bank_name: 'International Bank',
    beneficary: 'Somewhone',
    swift_code: 'XX123',
    back_country: 'XX',
    account_number: 'XX123-41231-55',
  },
  payment_threshold_oper_currency: null,
  bo_label_id: 3111,
  label_name: 'MONYY RON / 35425',
  no_carry_over: false,
  no_carry_over_was_set: false,
  sub_affiliate_url: 'https://aff.theaffiliateplatform.com/?paff=35425&mgr=2342',
  same_manager_url: 'https://aff.theaffiliateplatform.com/?mgr=2342',
  aff_status_name: 'Approved',
  last_login_date: '2023-05-09T06:03:47.083Z',
  username: 'mega_affiliate',
  bo_user_email: 'monnyy@theaffiliateplatform.com',
  avatar_image_url: null,
  two_fa_enabled: false,
  api_access_enabled: true,
  first_name: 'Monyy',
  last_name: 'Ron',
  phone_number: '',
  skype: '',
  contact_fb: '',
  contact_vk: '',
  contact_telegram: '',
  enabled_for_login: true,
  language: 'EN',
  operator_currency: 'EUR',
  manager_id: 2342,
  manager_username: 'smr',
  parent_affiliate_name: null,
  commissions_total: 30769.788354,
  balance: 23890.833624,
  payments: 23729.22,
  adjustments: 16850.26527,
  sub_affiliate_fee: null,
  sub_cpa_fee: 0,
  sub_commission_cut_percent: 5,
  extra_role_ids: [100],
  default_deal_info: {
    deal_group_name: 'CPA + REV',
    deal_type_id: 6,
    cpa_amount: 30,
    rev_share_percentage: 20,
    cpl_amount: null,
  },
};

const ok = async (method: string, url: string, payload?: object, status = 200) => {
  const res = await t.call(admin, { method: method as 'POST', url, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  key = await t.apiKey(['write']);
  managerId = await staffUser(t.db, 'smr');
  const brand = await ok('POST', '/api/v1/brands', { name: 'DemoBrand', base_currency: 'EUR' }, 201);
  id = (
    await ok(
      'POST',
      '/api/v1/affiliates',
      {
        name: 'Robby Ron',
        status: 'active',
        default_currency: 'EUR',
        language: 'en',
        account_manager_id: managerId,
        api_access_enabled: true,
        extra_permissions: ['registrations_report'],
        referral: { enabled: true, method: 'percentage', value: '5', commission_basis: 'revenue' },
        payment_method: WIRE,
        users: [
          { email: 'monnyy@theaffiliateplatform.com', first_name: 'Monyy', last_name: 'Ron', is_owner: true },
        ],
      },
      201,
    )
  ).id;
  // The example's deal: "CPA + REV", CPA 30.00 EUR (3000 minor) and 20% revshare of net P/L.
  planName = 'CPA + REV';
  const plan = await ok(
    'POST',
    '/api/v1/commission-plans',
    {
      name: planName,
      brand_id: brand.id,
      currency: 'EUR',
      definition: {
        cpa: { amount: 3000, qualification: { min_first_deposit: 1000 } },
        revshare: { basis: 'net_pl', rate: '20' },
      },
      effective_from: new Date(Date.now() - 86_400_000).toISOString(),
    },
    201,
  );
  await ok(
    'PUT',
    `/api/v1/affiliates/${id}/commission-plan`,
    { plan_id: plan.id, effective_from: new Date(Date.now() - 3_600_000).toISOString() },
    201,
  );
  // Money as the billing and cash-out work post it: a bill of 30,769.79 EUR, a paid cash-out of
  // 23,729.22 EUR, and a correction of 16,850.27 EUR through the API. EUR has 2 decimals, so the
  // document's 30769.788354 and 16850.26527 are rounded to the cent.
  await postEntry({
    db: t.db,
    actor: SYSTEM,
    cause: 'bill',
    reference: 'bill:smartico-example:approved',
    causeReference: 'bill:1',
    affiliateId: id,
    memo: 'Bill approved',
    postings: [
      { account: { kind: 'available', affiliateId: id, currency: 'EUR' }, amount: 3_076_979n },
      { account: { kind: 'commission_expense', brandId: brand.id, currency: 'EUR' }, amount: -3_076_979n },
    ],
  });
  await postEntry({
    db: t.db,
    actor: SYSTEM,
    cause: 'cash_out',
    reference: 'cash_out:smartico-example:accepted',
    causeReference: 'cash_out:1',
    affiliateId: id,
    memo: 'Cash-out paid',
    postings: [
      { account: { kind: 'available', affiliateId: id, currency: 'EUR' }, amount: -2_372_922n },
      { account: { kind: 'payouts_clearing', currency: 'EUR' }, amount: 2_372_922n },
    ],
  });
  await ok(
    'POST',
    `/api/v1/affiliates/${id}/corrections`,
    { amount: 1_685_027, currency: 'EUR', reason: 'Adjustment', order_id: 'smartico-example-adj' },
    201,
  );
}, 120_000);
afterAll(() => t?.close());

describe("Smartico's af2_aff_op examples", () => {
  it("answers the document's list request with the example's fields, in its order, with the seeded values", async () => {
    // The document's curl: --globoff 'https://boapi.smartico.ai/api/af2_aff_op?filter={%22aff_status_id%22%3A2}'
    const res = await t.app.inject({
      method: 'GET',
      url: '/smartico/api/af2_aff_op?filter={%22aff_status_id%22%3A2}',
      headers: { authorization: key, host: 'affluent.example' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(Object.keys(row)).toEqual(Object.keys(DOCUMENT));
    const created = await t.db
      .selectFrom('affiliates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const owner = await t.db
      .selectFrom('affiliate_users')
      .select('id')
      .where('affiliate_id', '=', id)
      .executeTakeFirstOrThrow();
    const code = await t.db
      .selectFrom('affiliate_referral_codes')
      .select('code')
      .where('affiliate_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      ...DOCUMENT,
      // Ids and dates are this installation's.
      id,
      affiliate_id: id,
      bo_user_id: owner.id,
      manager_id: managerId,
      create_date: created.created_at.toISOString(),
      update_date: created.updated_at.toISOString(),
      // Never signed in; Affluent signs in by email, so the username is the email.
      last_login_date: null,
      username: 'monnyy@theaffiliateplatform.com',
      // One program per installation: no operator id, no label id, the label is the program.
      operator_id: null,
      bo_label_id: null,
      label_name: 'DemoBrand affiliate program',
      // Who created an account is in its history, not a field.
      create_by: null,
      // Affluent's wire details (masked as the native API reads them: the last 4 characters).
      payment_method_details: {
        bank_name: 'First Bank',
        bank_address: '1 Main St',
        account_name: 'Acme Media Ltd',
        account_number: '**************4300',
        routing_number: '*****0021',
        swift_code: 'ABNANL2A',
      },
      // The referral link; sign-up links carry no manager.
      sub_affiliate_url: `${t.app.deps.config.publicUrl}/r/${code.code}`,
      same_manager_url: null,
      // 3076979 minor = 30769.79; 2372922 = 23729.22; 1685027 = 16850.27;
      // balance 3076979 - 2372922 + 1685027 = 2389084 = 23890.84.
      commissions_total: 30769.79,
      payments: 23729.22,
      adjustments: 16850.27,
      balance: 23890.84,
    });
    expect(res.headers['content-range']).toBe('af2_aff_op 0-0/1');
  });

  it("takes the document's next-page range and its PUT example (the full list of properties: smartico.test.ts)", async () => {
    const next = await t.app.inject({
      method: 'GET',
      url: '/smartico/api/af2_aff_op?filter={%22aff_status_id%22%3A2}&range=[1000, 2000]',
      headers: { authorization: key },
    });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json()).toEqual([]);
    // The document's PUT: --data '{ "first_name": "JohnB" }'
    const put = await t.app.inject({
      method: 'PUT',
      url: `/smartico/api/af2_aff_op/${id}`,
      headers: { authorization: key, 'Content-Type': 'application/json' },
      payload: '{\n    "first_name": "JohnB"\n}',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().first_name).toBe('JohnB');
    const users = await ok('GET', `/api/v1/affiliates/${id}/users`);
    expect(users.data?.[0]?.first_name ?? users[0]?.first_name).toBe('JohnB');
    // Back to the example's name, so the other test reads the example whatever the order.
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/smartico/api/af2_aff_op/${id}`,
          headers: { authorization: key },
          payload: { first_name: 'Monyy' },
        })
      ).statusCode,
    ).toBe(200);
  });
});
