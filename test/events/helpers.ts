import type { TestApp } from '../support/test-app.ts';
import { seedPromo } from '../tracking/helpers.ts';

let seq = 0;
export const uid = (prefix: string) =>
  `${prefix}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

/** A brand with one affiliate, campaign and promo, and an events key. */
export async function seedBrand(t: TestApp, admin: string, settings: Record<string, unknown> = {}) {
  const seeded = await seedPromo(t, admin, 'https://casino.example/welcome', uid('Brand'));
  if (Object.keys(settings).length)
    await t.db.updateTable('brands').set(settings).where('id', '=', seeded.brand.id).execute();
  return seeded;
}

/** Another affiliate with a campaign and promo on the same brand. */
export async function seedSecondAffiliate(t: TestApp, admin: string, brandId: number, linkId: number) {
  const affiliate = await t.db
    .insertInto('affiliates')
    .values({ name: uid('Second'), status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = (
    await t.call(admin, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: { affiliate_id: affiliate.id, brand_id: brandId, name: 'Second' },
    })
  ).json();
  const promo = (
    await t.call(admin, {
      method: 'POST',
      url: `/api/v1/campaigns/${campaign.id}/promos`,
      payload: { destination_link_id: linkId },
    })
  ).json();
  return { affiliateId: affiliate.id, campaign, promo };
}

/** A recorded click, as the click writer stores it. */
export async function insertClick(
  t: TestApp,
  promo: {
    id: number;
    campaign_id: number;
    affiliate_id: number;
    brand_id: number;
    destination_link_id: number;
  },
  clickedAt: Date,
  extra: Record<string, unknown> = {},
) {
  const id = `01${uid('CLICK')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()}`.slice(0, 26);
  await t.db
    .insertInto('clicks')
    .values({
      id,
      clicked_at: clickedAt,
      promo_id: promo.id,
      campaign_id: promo.campaign_id,
      affiliate_id: promo.affiliate_id,
      brand_id: promo.brand_id,
      destination_link_id: promo.destination_link_id,
      params: JSON.stringify({ webID: 'w-77' }),
      sub1: 's1',
      ...extra,
    } as never)
    .execute();
  return id;
}

export async function countRows(t: TestApp) {
  const n = async (
    table: 'events' | 'customers' | 'attribution_decisions' | 'activity_lines' | 'fraud_flags',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    events: await n('events'),
    customers: await n('customers'),
    decisions: await n('attribution_decisions'),
    lines: await n('activity_lines'),
    flags: await n('fraud_flags'),
  };
}

export const post = (t: TestApp, key: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.call(key, { method: 'POST', url: '/api/v1/events', payload: payload as never, headers });
