import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { makeAffiliate } from './helpers.ts';

// The campaigns and promos lists page natively (page, page_size, { data, paging }), and a
// campaign's form gets every field's problem in one answer.
let t: TestApp;
let key: string;
let brandId: number;
let otherBrandId: number;
let affiliateId: number;
let linkId: number;
const campaignIds: number[] = [];

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.call(key, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

async function ok(res: { statusCode: number; body: string; json(): any }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

const campaignCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('campaigns')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://aff.example' });
  key = await t.apiKey();
  brandId = (await ok(await api('POST', '/brands', { name: 'Paged', base_currency: 'EUR' }), 201)).id;
  otherBrandId = (await ok(await api('POST', '/brands', { name: 'Other', base_currency: 'EUR' }), 201)).id;
  linkId = (
    await ok(
      await api('POST', '/destination-links', { brand_id: brandId, name: 'Home', url: 'https://p.example/' }),
      201,
    )
  ).id;
  affiliateId = await makeAffiliate(t.db, 'Pager');
  // Five campaigns, each with one promo, the first archived.
  for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) {
    const c = await ok(
      await api('POST', '/campaigns', { affiliate_id: affiliateId, brand_id: brandId, name }),
      201,
    );
    campaignIds.push(c.id);
    await ok(await api('POST', `/campaigns/${c.id}/promos`, { destination_link_id: linkId }), 201);
  }
  await ok(await api('POST', `/campaigns/${campaignIds[0]}/archive`));
});
afterAll(() => t.close());

describe('the campaigns list', () => {
  it('pages with page and page_size, newest first, and counts every match', async () => {
    // Four active campaigns of this affiliate (five made, one archived): pages of 3 are 3 + 1.
    const first = await ok(await api('GET', `/campaigns?affiliate_id=${affiliateId}&page_size=3`));
    expect(first.paging).toEqual({ page: 1, page_size: 3, total: 4 });
    expect(first.data.map((c: { id: number }) => c.id)).toEqual(campaignIds.slice(1).reverse().slice(0, 3));
    expect(first.data.map((c: { promo_count: number }) => c.promo_count)).toEqual([1, 1, 1]);
    const second = await ok(await api('GET', `/campaigns?affiliate_id=${affiliateId}&page_size=3&page=2`));
    expect(second).toMatchObject({ paging: { page: 2, page_size: 3, total: 4 } });
    expect(second.data.map((c: { id: number }) => c.id)).toEqual([campaignIds[1]]);
    // The tabs count on their own: one archived, five in all.
    const archived = await ok(await api('GET', `/campaigns?affiliate_id=${affiliateId}&tab=archived`));
    expect(archived.paging).toEqual({ page: 1, page_size: 50, total: 1 });
    expect(archived.data.map((c: { id: number }) => c.id)).toEqual([campaignIds[0]]);
    const all = await ok(await api('GET', `/campaigns?affiliate_id=${affiliateId}&tab=all&name=o`));
    // "o" is in One, Two and Four.
    expect(all.paging.total).toBe(3);
    expect(all.data.map((c: { name: string }) => c.name)).toEqual(['Four', 'Two', 'One']);
  });

  it('refuses a page of 0 and pages of 0 or more than 500', async () => {
    for (const query of ['page=0', 'page_size=0', 'page_size=501']) {
      expect((await api('GET', `/campaigns?${query}`)).statusCode, query).toBe(422);
    }
  });
});

describe('the promos list', () => {
  it('pages with page and page_size and counts every match', async () => {
    // Five promos of the affiliate, one per campaign: pages of 2 are 2 + 2 + 1.
    const third = await ok(await api('GET', `/promos?affiliate_id=${affiliateId}&page_size=2&page=3`));
    expect(third.paging).toEqual({ page: 3, page_size: 2, total: 5 });
    expect(third.data).toHaveLength(1);
    expect(third.data[0].campaign_id).toBe(campaignIds[0]);
    expect(third.data[0].tracking_link).toMatch(/^https:\/\/aff\.example\/c\//);
    const one = await ok(await api('GET', `/promos?campaign_id=${campaignIds[2]}`));
    expect(one.paging).toEqual({ page: 1, page_size: 50, total: 1 });
  });

  it('finds promos by part of the title or of the code, any case, % and _ taken literally', async () => {
    // Another affiliate's, so the paging test's five stay five.
    const owner = await makeAffiliate(t.db, 'Searcher');
    const c = await ok(
      await api('POST', '/campaigns', { affiliate_id: owner, brand_id: brandId, name: 'S' }),
      201,
    );
    const make = async (title: string) =>
      ok(await api('POST', `/campaigns/${c.id}/promos`, { destination_link_id: linkId, title }), 201);
    const summer = await make('Summer 50% banner');
    const winter = await make('Winter banner');
    const search = async (q: string) =>
      (await ok(await api('GET', `/promos?affiliate_id=${owner}&q=${encodeURIComponent(q)}`))).data.map(
        (p: { id: number }) => p.id,
      );
    expect(await search('SUMMER')).toEqual([summer.id]);
    expect(await search('banner')).toEqual([winter.id, summer.id]);
    expect(await search('50%')).toEqual([summer.id]);
    expect(await search('0_')).toEqual([]);
    expect(await search(winter.code.slice(2, 8))).toEqual([winter.id]);
  });
});

describe("a campaign's form", () => {
  it('gets the empty name and the wrong plan in one answer, and nothing is made', async () => {
    const plan = await ok(
      await api('POST', '/commission-plans', {
        name: 'Other brand plan',
        brand_id: otherBrandId,
        currency: 'EUR',
        definition: { cpa: { amount: 1000, qualification: { min_first_deposit: 2000, within_days: 7 } } },
      }),
      201,
    );
    const before = await campaignCount();
    const res = await api('POST', '/campaigns', {
      affiliate_id: affiliateId,
      brand_id: brandId,
      name: '',
      commission_plan_id: plan.id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'commission_plan_id', message: 'choose a commission plan of the campaign’s brand' },
    ]);
    expect(await campaignCount()).toBe(before);

    const change = await api('PATCH', `/campaigns/${campaignIds[1]}`, {
      name: ' ',
      commission_plan_id: plan.id,
    });
    expect(change.statusCode).toBe(422);
    expect(change.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'name',
      'commission_plan_id',
    ]);
    const kept = await ok(await api('GET', `/campaigns/${campaignIds[1]}`));
    expect(kept).toMatchObject({ name: 'Two', commission_plan_id: null });
  });
});
