import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, DAY, event } from '../commissions/engine-helpers.ts';
import { uid } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { seedPromo } from '../tracking/helpers.ts';
import { appliedThrough } from './sub-affiliate-helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp();
}, 120_000);
afterAll(() => t.close());

/** An affiliate that applied through `referrer`'s sub-affiliate link (?ref=<id>), approved. */
const referred = (referrerId: number, label: string) => appliedThrough(t, label, { ref: String(referrerId) });

const op = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

/**
 * A brand paying CPA 30.00 on a first deposit of 10.00, with sub-affiliate fees of 5.00 to the
 * referrer (level 1) and 2.00 to the referrer's referrer (level 2).
 */
async function brandWithSubFees() {
  const seeded = await seedPromo(t, t.admin, 'https://casino.example/', uid('Brand'));
  const since = ago(60 * DAY).toISOString();
  const plan = await op('POST', '/commission-plans', {
    name: uid('Plan'),
    brand_id: seeded.brand.id,
    currency: 'EUR',
    effective_from: since,
    definition: {
      cpa: { amount: 3000, qualification: { min_first_deposit: 1000 } },
      sub_affiliate: { levels: [{ cpa_fee: 500 }, { cpa_fee: 200 }] },
    },
  });
  await op('PUT', `/brands/${seeded.brand.id}/commission-plan`, { plan_id: plan.id, effective_from: since });
  return seeded;
}

async function promoOf(affiliateId: number, brandId: number, linkId: number) {
  const campaign = await op('POST', '/campaigns', {
    affiliate_id: affiliateId,
    brand_id: brandId,
    name: uid('C'),
  });
  const promo = await op('POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: linkId });
  return { campaign, promo };
}

const depositFor = (brandId: number, affiliateId: number) =>
  event(brandId, uid('player'), 'deposit', ago(DAY), { amount: 1000, affiliate_id: affiliateId });

describe('sub-affiliates', () => {
  let top: Partner;
  let sub1 = 0;
  let sub2 = 0;
  let other: Partner;
  let otherSub = 0;
  let topPromo: {
    campaign: { id: number; name: string };
    promo: { id: number; code: string; title: string };
  };

  beforeAll(async () => {
    const s = await brandWithSubFees();
    top = await approvedPartner(t, 'top');
    other = await approvedPartner(t, 'other');
    sub1 = await referred(top.affiliateId, 'subone');
    sub2 = await referred(sub1, 'subtwo');
    otherSub = await referred(other.affiliateId, 'othersub');
    // sub1 signed up through top's promo; sub2's recorded code is another affiliate's promo.
    topPromo = await promoOf(top.affiliateId, s.brand.id, s.link.id);
    const otherPromo = await promoOf(other.affiliateId, s.brand.id, s.link.id);
    const signedUpWith = (id: number, code: string) =>
      t.db
        .updateTable('affiliates')
        .set({ signup_info: JSON.stringify({ promo_code: code }) })
        .where('id', '=', id)
        .execute();
    await signedUpWith(sub1, topPromo.promo.code);
    await signedUpWith(sub2, otherPromo.promo.code);
    // One CPA of sub2 (top earns its level-2 fee), two of sub1 (top earns two level-1 fees), one of
    // the other affiliate's sub (the other affiliate earns it, never top).
    const events = [sub2, sub1, sub1, otherSub].map((id) => depositFor(s.brand.id, id));
    const sent = await t.call(await t.apiKey(['events']), {
      method: 'POST',
      url: '/api/v1/events',
      payload: { events },
    });
    expect(sent.json().results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'created'));
  }, 120_000);

  it("lists the affiliate's two levels with what it earned from each, newest first", async () => {
    const res = await t.as(top.cookie, { url: '/api/partner/v1/sub-affiliates' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.paging).toEqual({ page: 1, page_size: 50, total: 2 });
    expect(body.data).toHaveLength(2);
    const [second, first] = body.data;
    expect(second).toMatchObject({
      id: sub2,
      level: 2,
      status: 'active',
      campaign: null,
      promo: null,
      // One level-2 fee of 2.00.
      commissions: [{ currency: 'EUR', amount: 200 }],
    });
    expect(first).toMatchObject({
      id: sub1,
      level: 1,
      campaign: { id: topPromo.campaign.id, name: topPromo.campaign.name },
      promo: { id: topPromo.promo.id, code: topPromo.promo.code },
      // Two level-1 fees: 2 × 5.00 = 10.00 (sub2's CPA pays sub1 its level-1 fee, not top).
      commissions: [{ currency: 'EUR', amount: 1000 }],
    });
    expect(new Date(second.registered_at).getTime()).toBeGreaterThanOrEqual(
      new Date(first.registered_at).getTime(),
    );
  });

  it('shows the operator the same list for any affiliate, paged', async () => {
    const partner = (await t.as(top.cookie, { url: '/api/partner/v1/sub-affiliates' })).json();
    const all = await op('GET', `/affiliates/${top.affiliateId}/sub-affiliates`);
    expect(all.data).toEqual(partner.data);
    const page2 = await op('GET', `/affiliates/${top.affiliateId}/sub-affiliates?page=2&page_size=1`);
    expect(page2.paging).toEqual({ page: 2, page_size: 1, total: 2 });
    expect(page2.data.map((s: { id: number }) => s.id)).toEqual([sub1]);
    const ofSub1 = await op('GET', `/affiliates/${sub1}/sub-affiliates`);
    // sub1 referred sub2 and earned one level-1 fee of 5.00 from it.
    expect(ofSub1.data).toMatchObject([
      { id: sub2, level: 1, commissions: [{ currency: 'EUR', amount: 500 }] },
    ]);
    const missing = await t.call(t.admin, { url: '/api/v1/affiliates/2147483647/sub-affiliates' });
    expect(missing.statusCode).toBe(404);
  });

  it("never shows another affiliate's sub-affiliates", async () => {
    const mine = (await t.as(other.cookie, { url: '/api/partner/v1/sub-affiliates' })).json();
    expect(mine.data.map((s: { id: number }) => s.id)).toEqual([otherSub]);
    const naming = await t.as(other.cookie, {
      url: `/api/partner/v1/sub-affiliates?affiliate_id=${top.affiliateId}`,
    });
    expect(naming.statusCode).toBe(422);
    const none = await approvedPartner(t, 'lonely');
    expect((await t.as(none.cookie, { url: '/api/partner/v1/sub-affiliates' })).json()).toEqual({
      data: [],
      paging: { page: 1, page_size: 50, total: 0 },
    });
  });
});
