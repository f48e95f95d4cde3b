import type { Db } from '../../src/db/index.ts';
import type { TestApp } from '../support/test-app.ts';

/** Affiliates come from the Affiliates feature; tests make the bare rows they need. */
export async function makeAffiliate(db: Db, name: string, status: 'active' | 'suspended' = 'active') {
  const row = await db
    .insertInto('affiliates')
    .values({ name, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeTrafficSource(db: Db, name: string) {
  const row = await db
    .insertInto('traffic_sources')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A brand, a public link with `url`, a campaign and a promo for a new affiliate. */
export async function seedPromo(t: TestApp, key: string, url: string, brandName = `Brand ${Math.random()}`) {
  const auth = { authorization: `Bearer ${key}` };
  const brand = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/brands',
      headers: auth,
      payload: { name: brandName, base_currency: 'EUR' },
    })
  ).json();
  const link = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/destination-links',
      headers: auth,
      payload: { brand_id: brand.id, name: 'Home', url },
    })
  ).json();
  const affiliateId = await makeAffiliate(t.db, `Aff ${brandName}`);
  const campaign = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: auth,
      payload: { affiliate_id: affiliateId, brand_id: brand.id, name: 'Main' },
    })
  ).json();
  const promoRes = await t.app.inject({
    method: 'POST',
    url: `/api/v1/campaigns/${campaign.id}/promos`,
    headers: auth,
    payload: { destination_link_id: link.id },
  });
  if (promoRes.statusCode !== 201) throw new Error(`promo: ${promoRes.body}`);
  return { brand, link, affiliateId, campaign, promo: promoRes.json() };
}
