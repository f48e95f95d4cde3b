import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createAffiliate, fieldPaths, staffUser, WIRE } from './helpers.ts';

let t: TestApp;
let key: string;
const id: Record<string, number> = {};
const staff: Record<string, number> = {};
const tier: Record<string, number> = {};
let source: number;

const ids = async (query: string): Promise<number[]> => {
  const res = await t.call(key, { url: `/api/v1/affiliates?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data.map((a: { id: number }) => a.id);
};
const names = (...n: string[]) => n.map((x) => id[x]);
const sorted = (list: (number | undefined)[]) => [...list].sort((a, b) => a! - b!);

beforeAll(async () => {
  t = await createTestApp();
  key = await t.apiKey(['read', 'write']);
  staff.m1 = await staffUser(t.db, 'Manager One');
  staff.m2 = await staffUser(t.db, 'Manager Two');
  staff.x1 = await staffUser(t.db, 'Exec One');
  staff.x2 = await staffUser(t.db, 'Exec Two');
  for (const n of ['T1', 'T2']) {
    tier[n] = (
      await t.call(key, { method: 'POST', url: '/api/v1/affiliate-tiers', payload: { name: n } })
    ).json().id;
  }
  source = (
    await t.call(key, { method: 'POST', url: '/api/v1/traffic-sources', payload: { name: 'PPC' } })
  ).json().id;
  const paypal = {
    type: 'paypal',
    details: { paypal_reception_method: 'email', reception_identifier: 'pay@alpha.test' },
  };
  const make = async (
    key_: string,
    body: Record<string, unknown>,
    created: string,
    approved: string | null,
  ) => {
    id[key_] = await createAffiliate(t, key, body);
    await t.db
      .updateTable('affiliates')
      .set({ created_at: new Date(created), approved_at: approved ? new Date(approved) : null })
      .where('id', '=', id[key_]!)
      .execute();
  };
  await make(
    'a1',
    {
      name: 'Alpha Media',
      company_name: 'Acme Ltd',
      email: 'alpha@media.test',
      status: 'active',
      account_manager_id: staff.m1,
      account_executive_id: staff.x1,
      billing: { frequency: 'monthly', details: { day_of_month: 1 } },
      payment_method: paypal,
      labels: ['VIP', 'Casino'],
      address: { country_code: 'US', region_code: 'CA' },
      tier_id: tier.T1,
      traffic_source_ids: [source],
    },
    '2024-01-10T12:00:00Z',
    '2024-01-11T12:00:00Z',
  );
  await make(
    'a2',
    {
      name: 'Beta Agency',
      email: 'beta@agency.test',
      account_manager_id: staff.m2,
      billing: { frequency: 'weekly', details: { day_of_week: 'monday' } },
      labels: ['Casino'],
      address: { country_code: 'US', region_code: 'NY' },
    },
    '2024-02-10T12:00:00Z',
    null,
  );
  await make(
    'a3',
    {
      name: 'Gamma Traffic',
      company_name: 'Globex',
      email: 'gamma@globex.test',
      status: 'active',
      account_executive_id: staff.x1,
      billing: { frequency: 'bimonthly', details: { day_of_month_one: 1, day_of_month_two: 15 } },
      payment_method: WIRE,
      address: { country_code: 'GB' },
      tier_id: tier.T2,
      referrer_id: id.a1,
      traffic_source_id: source,
    },
    '2024-03-10T12:00:00Z',
    '2024-03-11T12:00:00Z',
  );
  await t.call(key, {
    method: 'PATCH',
    url: `/api/v1/affiliates/${id.a3}`,
    payload: { status: 'suspended' },
  });
  await make(
    'a4',
    {
      name: 'Delta Media Partners',
      company_name: 'Initech',
      email: 'delta@partners.test',
      status: 'inactive',
      account_manager_id: staff.m1,
      account_executive_id: staff.x2,
      billing: { frequency: 'quarterly', details: { starting_month: 1, day_of_month: 5 } },
      payment_method: { type: 'skrill', details: { email: 'delta@skrill.test' } },
      labels: ['Sports'],
      address: { country_code: 'DE' },
      tier_id: tier.T1,
    },
    '2024-04-10T12:00:00Z',
    '2024-04-15T12:00:00Z',
  );
  await make(
    'a5',
    {
      name: 'Epsilon Bets',
      company_name: 'Acme Gaming',
      email: 'eps@bets.test',
      status: 'declined',
      account_manager_id: staff.m2,
      billing: { frequency: 'monthly', details: { day_of_month: 28 } },
      labels: ['vip'],
      address: { country_code: 'CA', region_code: 'ON' },
      referrer_id: id.a1,
    },
    '2024-05-10T12:00:00Z',
    null,
  );
  await make(
    'a6',
    {
      name: 'Zeta Leads',
      email: 'zeta@leads.test',
      status: 'view_only',
      account_manager_id: staff.m1,
      payment_method: {
        type: 'bitcoin',
        details: { wallet_address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
      },
      labels: ['VIP', 'Sports'],
      address: { country_code: 'US', region_code: 'TX' },
    },
    '2024-06-10T12:00:00Z',
    '2024-06-12T12:00:00Z',
  );
  // What the click writer keeps per affiliate (test/tracking covers real clicks feeding it).
  const lastClick = (affiliateId: number, hoursAgo: number) => ({
    affiliate_id: affiliateId,
    last_click_at: new Date(Date.now() - hoursAgo * 3_600_000),
  });
  await t.db
    .insertInto('affiliate_traffic')
    .values([lastClick(id.a1!, 2), lastClick(id.a3!, 30), lastClick(id.a4!, 400)])
    .execute();
});
afterAll(() => t.close());

describe('each filter alone', () => {
  const cases: [string, () => string, () => (number | undefined)[]][] = [
    ['no filter', () => '', () => names('a1', 'a2', 'a3', 'a4', 'a5', 'a6')],
    ['q in name', () => 'q=media', () => names('a1', 'a4')],
    ['q in company', () => 'q=ACME', () => names('a1', 'a5')],
    ['q in email', () => 'q=globex.test', () => names('a3')],
    ['q words all match', () => 'q=media%20acme', () => names('a1')],
    ['q as id', () => `q=${id.a2}`, () => names('a2')],
    ['q with like wildcards is literal', () => 'q=%25', () => []],
    ['ids', () => `id=${id.a1}&id=${id.a3}&id=${id.a6}`, () => names('a1', 'a3', 'a6')],
    ['one id', () => `id=${id.a2}`, () => names('a2')],
    ['unknown id', () => 'id=2147483647', () => []],
    ['status', () => 'status=active&status=pending', () => names('a1', 'a2')],
    ['status view_only', () => 'status=view_only', () => names('a6')],
    ['account manager', () => `account_manager_id=${staff.m1}`, () => names('a1', 'a4', 'a6')],
    ['no account manager', () => 'account_manager_id=0', () => names('a3')],
    [
      'account executive',
      () => `account_executive_id=${staff.x1}&account_executive_id=${staff.x2}`,
      () => names('a1', 'a3', 'a4'),
    ],
    ['billing frequency', () => 'billing_frequency=monthly', () => names('a1', 'a5')],
    ['billing frequency manual', () => 'billing_frequency=manual', () => names('a6')],
    ['payment type', () => 'payment_type=wire&payment_type=skrill', () => names('a3', 'a4')],
    ['payment type none', () => 'payment_type=none', () => names('a2', 'a5')],
    ['label any, any case', () => 'label=vip', () => names('a1', 'a5', 'a6')],
    ['labels all', () => 'label=VIP&label=sports&labels_match=all', () => names('a6')],
    ['country', () => 'country_code=us', () => names('a1', 'a2', 'a6')],
    ['region', () => 'region_code=CA', () => names('a1')],
    ['region with country', () => 'region_code=CA-ON&region_code=US-NY', () => names('a2', 'a5')],
    ['tier', () => `tier_id=${tier.T1}`, () => names('a1', 'a4')],
    ['referrer', () => `referrer_id=${id.a1}`, () => names('a3', 'a5')],
    ['top level only', () => 'has_referrer=false', () => names('a1', 'a2', 'a4', 'a6')],
    ['traffic source', () => `traffic_source_id=${source}`, () => names('a1', 'a3')],
    [
      'created range (inclusive days)',
      () => 'created_from=2024-03-10&created_to=2024-04-10',
      () => names('a3', 'a4'),
    ],
    ['created before a date-time', () => 'created_to=2024-02-10T12:00:00Z', () => names('a1', 'a2')],
    ['approved range', () => 'approved_from=2024-04-01&approved_to=2024-12-31', () => names('a4', 'a6')],
    ['ran traffic in the last 24 hours', () => 'ran_traffic_in_last_hours=24', () => names('a1')],
    ['ran traffic in the last 48 hours', () => 'ran_traffic_in_last_hours=48', () => names('a1', 'a3')],
  ];
  it.each(cases)('%s', async (_name, query, expected) => {
    expect(sorted(await ids(query()))).toEqual(sorted(expected()));
  });
});

describe('combined filters', () => {
  it('narrow each other', async () => {
    expect(await ids(`q=media&status=inactive&account_manager_id=${staff.m1}&label=sports`)).toEqual([id.a4]);
    expect(sorted(await ids(`label=vip&country_code=US&account_manager_id=${staff.m1}`))).toEqual(
      sorted(names('a1', 'a6')),
    );
    expect(await ids('q=acme&billing_frequency=monthly&status=declined&has_referrer=true')).toEqual([id.a5]);
    expect(
      await ids(
        `payment_type=paypal&ran_traffic_in_last_hours=24&tier_id=${tier.T1}&created_from=2024-01-01`,
      ),
    ).toEqual([id.a1]);
    expect(await ids('q=media&status=pending')).toEqual([]);
    const some = `id=${id.a1}&id=${id.a2}&id=${id.a4}&id=${id.a5}`;
    expect(sorted(await ids(`${some}&status=active&status=inactive&status=declined`))).toEqual(
      sorted(names('a1', 'a4', 'a5')),
    );
    expect(await ids(`${some}&q=media&sort=id`)).toEqual(names('a1', 'a4'));
    expect(await ids(`${some}&label=vip&sort=name&page_size=1&page=2`)).toEqual(names('a5'));
  });
});

describe('sorting and paging', () => {
  it('sorts by a field either way, newest first by default', async () => {
    expect(await ids('')).toEqual(names('a6', 'a5', 'a4', 'a3', 'a2', 'a1'));
    expect(await ids('sort=name')).toEqual(names('a1', 'a2', 'a4', 'a5', 'a3', 'a6'));
    expect(await ids('sort=-created_at')).toEqual(names('a6', 'a5', 'a4', 'a3', 'a2', 'a1'));
    expect((await ids('sort=approved_at')).slice(-2)).toEqual(expect.arrayContaining(names('a2', 'a5')));
  });

  it('pages by page and page size, or offset and limit, with the total count', async () => {
    const page = async (q: string) => (await t.call(key, { url: `/api/v1/affiliates?sort=id&${q}` })).json();
    const first = await page('page_size=4');
    expect(first.paging).toEqual({ page: 1, page_size: 4, total: 6, offset: 0, limit: 4, total_count: 6 });
    expect(first.data).toHaveLength(4);
    const last = await page('page=2&page_size=4');
    expect(last.data.map((a: any) => a.id)).toEqual(names('a5', 'a6'));
    const beyond = await page('page=3&page_size=4');
    expect(beyond).toMatchObject({ data: [], paging: { page: 3, total: 6, total_count: 6 } });
    const byOffset = await page('offset=5&limit=2');
    expect(byOffset.data.map((a: any) => a.id)).toEqual([id.a6]);
    expect(byOffset.paging).toMatchObject({ offset: 5, limit: 2, total_count: 6 });
    const empty = await page('q=nothing-matches-this');
    expect(empty).toEqual({
      data: [],
      paging: { page: 1, page_size: 50, total: 0, offset: 0, limit: 50, total_count: 0 },
    });
    const exact = await page('page_size=6');
    expect(exact.data).toHaveLength(6);
    expect((await page('page=2&page_size=6')).data).toEqual([]);
  });

  it('refuses bad paging and filter values with 422 naming the parameter', async () => {
    const bad = async (q: string) => fieldPaths(await t.call(key, { url: `/api/v1/affiliates?${q}` }));
    expect(await bad('page_size=501')).toEqual(['page_size']);
    expect(await bad('limit=0')).toEqual(['limit']);
    expect(await bad('page=2&offset=10')).toEqual(['page']);
    expect(await bad('status=approved')).toEqual(['status[0]']);
    expect(await bad('sort=password')).toEqual(['sort']);
    expect(await bad('created_from=yesterday')).toEqual(['created_from']);
    expect(await bad('payment_type=cash')).toEqual(['payment_type[0]']);
    expect(await bad(`id=${id.a1}&id=abc`)).toEqual(['id[1]']);
    expect(await bad('id=0')).toEqual(['id[0]']);
    expect(await bad('id=2147483648')).toEqual(['id[0]']);
    const tooMany = await t.call(key, {
      url: `/api/v1/affiliates?${Array.from({ length: 101 }, (_, i) => `id=${i + 1}`).join('&')}`,
    });
    expect(fieldPaths(tooMany)).toEqual(['id']);
    expect(tooMany.json().error.message).toContain('100');
    const most = Array.from({ length: 100 }, (_, i) => `id=${i + 1}`).join('&');
    expect((await t.call(key, { url: `/api/v1/affiliates?${most}` })).statusCode).toBe(200);
  });

  it('lists rows with their manager, tier, billing frequency and payment type', async () => {
    const row = (await t.call(key, { url: `/api/v1/affiliates?q=alpha` })).json().data[0];
    expect(row).toMatchObject({
      id: id.a1,
      account_manager: { id: staff.m1, name: 'Manager One' },
      account_executive: { id: staff.x1, name: 'Exec One' },
      tier: { id: tier.T1, name: 'T1' },
      billing_frequency: 'monthly',
      payment_type: 'paypal',
      country_code: 'US',
      region_code: 'CA',
      labels: ['VIP', 'Casino'],
    });
  });
});
