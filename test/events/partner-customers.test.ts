import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { ago, DAY, ok, operatorApi } from './api.ts';
import { insertClick, post, uid } from './helpers.ts';

let t: IdentityTestApp;
let events: string;

beforeAll(async () => {
  t = await createIdentityApp();
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const api = operatorApi(
  () => t,
  () => t.admin,
);

const portal = (who: Partner, url: string) => t.as(who.cookie, { url: `/api/partner/v1${url}` });

interface Promo {
  id: number;
  campaign_id: number;
  affiliate_id: number;
  brand_id: number;
  destination_link_id: number;
}

/** A brand with a link, and for each partner a campaign with a promo on it. */
async function world(partners: Partner[]) {
  const brand = await ok(
    await api('POST', '/brands', { name: uid('Portal brand'), base_currency: 'EUR' }),
    201,
  );
  const link = await ok(
    await api('POST', '/destination-links', {
      brand_id: brand.id,
      name: 'Home',
      url: 'https://brand.example/',
    }),
    201,
  );
  const promos: Promo[] = [];
  for (const p of partners) {
    const campaign = await ok(
      await api('POST', '/campaigns', { affiliate_id: p.affiliateId, brand_id: brand.id, name: 'Main' }),
      201,
    );
    promos.push(
      await ok(await api('POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: link.id }), 201),
    );
  }
  return { brandId: brand.id as number, promos };
}

async function send(body: Record<string, unknown>) {
  const res = await post(t, events, { event_id: uid('ev'), occurred_at: ago(DAY).toISOString(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().event;
}

describe('GET /api/partner/v1/customers', () => {
  it('lists the affiliate’s own customers only, the operator’s ids masked until the brand shows them', async () => {
    const a = await approvedPartner(t, 'custa');
    const b = await approvedPartner(t, 'custb');
    const w = await world([a, b]);
    const mine = await send({
      type: 'registration',
      brand_id: w.brandId,
      customer_id: 'PLAYER-123456',
      affiliate_id: a.affiliateId,
    });
    const theirs = await send({
      type: 'registration',
      brand_id: w.brandId,
      customer_id: uid('bplayer'),
      affiliate_id: b.affiliateId,
    });
    const list = await ok(await portal(a, `/customers?brand_id=${w.brandId}`));
    expect(list.paging.total).toBe(1);
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      id: mine.customer_ref,
      customer_id: 'PL********56',
      brand_id: w.brandId,
    });
    expect(list.data[0]).not.toHaveProperty('affiliate_id');
    // B's customer is never listed, whatever A filters on, and reads as missing.
    expect((await ok(await portal(a, `/customers?promo_id=${w.promos[1]!.id}`))).data).toEqual([]);
    expect(
      (await ok(await portal(a, `/customers?campaign_id=${w.promos[1]!.campaign_id}`))).paging.total,
    ).toBe(0);
    const other = await portal(a, `/customers/${theirs.customer_ref}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect((await portal(a, '/customers/999999999999')).json()).toEqual({
      error: { ...other.json().error, request_id: expect.any(String) },
    });
    expect((await portal(a, `/customers?affiliate_id=${b.affiliateId}`)).statusCode).toBe(422);

    await ok(await api('PATCH', `/brands/${w.brandId}`, { show_customer_ids: true }));
    expect((await ok(await portal(a, `/customers?brand_id=${w.brandId}`))).data[0].customer_id).toBe(
      'PLAYER-123456',
    );
    expect((await ok(await portal(a, `/customers/${mine.customer_ref}`))).customer_id).toBe('PLAYER-123456');
  });

  it('filters by brand, campaign, promo, registration dates and first deposit, with paging', async () => {
    const a = await approvedPartner(t, 'custf');
    const w1 = await world([a]);
    const w2 = await world([a]);
    const promo1 = w1.promos[0]!;
    const reg = async (w: { brandId: number }, promo: Promo, at: Date) => {
      const click = await insertClick(t, promo, new Date(at.getTime() - 3_600_000));
      return send({
        type: 'registration',
        brand_id: w.brandId,
        customer_id: uid('p'),
        occurred_at: at.toISOString(),
        click_id: click,
      });
    };
    const old = await reg(w1, promo1, ago(10 * DAY));
    const recent = await reg(w1, promo1, ago(2 * DAY));
    const elsewhere = await reg(w2, w2.promos[0]!, ago(2 * DAY));
    await send({
      type: 'deposit',
      brand_id: w1.brandId,
      customer_id: (await ok(await api('GET', `/customers/${recent.customer_ref}`))).customer_id,
      occurred_at: ago(DAY).toISOString(),
      amount: 5000,
      currency: 'EUR',
    });
    const ids = async (query: string) => {
      const body = await ok(await portal(a, `/customers?${query}`));
      expect(body.data.length).toBe(Math.min(body.paging.total, body.paging.page_size));
      return body.data.map((c: { id: number }) => c.id);
    };
    expect(await ids(`brand_id=${w1.brandId}`)).toEqual([recent.customer_ref, old.customer_ref]);
    expect(await ids(`campaign_id=${w2.promos[0]!.campaign_id}`)).toEqual([elsewhere.customer_ref]);
    expect(await ids(`promo_id=${promo1.id}&has_ftd=true`)).toEqual([recent.customer_ref]);
    expect(await ids(`promo_id=${promo1.id}&has_ftd=false`)).toEqual([old.customer_ref]);
    expect(
      await ids(`registered_from=${ago(5 * DAY).toISOString()}&registered_to=${ago(DAY).toISOString()}`),
    ).toEqual([elsewhere.customer_ref, recent.customer_ref]);
    expect(await ids(`registered_to=${ago(5 * DAY).toISOString()}`)).toEqual([old.customer_ref]);
    const page = await ok(await portal(a, '/customers?page_size=1&page=2'));
    expect(page.paging).toEqual({ page: 2, page_size: 1, total: 3 });
    expect(page.data.map((c: { id: number }) => c.id)).toEqual([recent.customer_ref]);
    const first = (await ok(await portal(a, `/customers?brand_id=${w1.brandId}&has_ftd=true`))).data[0];
    expect(first).toMatchObject({ ftd_amount: 5000, ftd_currency: 'EUR', event_count: 2 });
  });
});

describe('GET /api/partner/v1/customers/{id}', () => {
  it('shows the affiliate’s part of the timeline: no address, email hash, device or other affiliate', async () => {
    const a = await approvedPartner(t, 'custt');
    const b = await approvedPartner(t, 'custu');
    const w = await world([b, a]);
    const [bPromo, aPromo] = w.promos as [Promo, Promo];
    await ok(await api('PUT', `/brands/${w.brandId}/fraud-rules/duplicate_customer`, { mode: 'flag' }));
    const ip = '198.51.100.77';
    const device = uid('device');
    const bClick = await insertClick(t, bPromo, ago(6 * DAY), { ip, user_agent: 'Secret UA' });
    const player = uid('player');
    // B brings the customer, then the operator moves it to A; then A's own click and events.
    await send({
      type: 'registration',
      brand_id: w.brandId,
      customer_id: uid('twin'),
      occurred_at: ago(5 * DAY).toISOString(),
      device_id: device,
      affiliate_id: b.affiliateId,
    });
    const reg = await send({
      type: 'registration',
      brand_id: w.brandId,
      customer_id: player,
      occurred_at: ago(5 * DAY).toISOString(),
      click_id: bClick,
      email: `${player}@example.com`,
      ip,
      device_id: device,
    });
    const first = await send({
      type: 'deposit',
      brand_id: w.brandId,
      customer_id: player,
      occurred_at: ago(4 * DAY).toISOString(),
      amount: 1000,
      currency: 'EUR',
    });
    await ok(
      await api('POST', `/customers/${reg.customer_ref}/attribution`, {
        affiliate_id: a.affiliateId,
        promo_id: aPromo.id,
        reason: 'Operator knows better',
      }),
    );
    const second = await send({
      type: 'deposit',
      brand_id: w.brandId,
      customer_id: player,
      occurred_at: ago(DAY).toISOString(),
      amount: 3000,
      currency: 'EUR',
    });
    // The operator sees all of it; B, who lost the customer, sees none of it any more.
    const full = await ok(await api('GET', `/customers/${reg.customer_ref}`));
    expect(full.timeline.map((e: { kind: string }) => e.kind).sort()).toEqual(
      ['attribution', 'attribution', 'click', 'event', 'event', 'event', 'fraud_flag'].sort(),
    );
    expect((await portal(b, `/customers/${reg.customer_ref}`)).statusCode).toBe(404);
    expect(
      (await ok(await portal(b, `/customers?brand_id=${w.brandId}`))).data.map((c: { id: number }) => c.id),
    ).not.toContain(reg.customer_ref);

    const res = await portal(a, `/customers/${reg.customer_ref}`);
    const mine = await ok(res);
    expect(mine).toMatchObject({
      id: reg.customer_ref,
      customer_id: `pl********${player.slice(-2)}`,
      promo_id: aPromo.id,
      campaign_id: aPromo.campaign_id,
      flags: ['duplicate_customer'],
      held: false,
    });
    // Only A's, by time: the deposit after the move, the flag without what it matched on, the
    // decision that gave A the customer. B's click, B's events and the first decision stay out.
    expect(mine.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'event',
      'fraud_flag',
      'attribution',
    ]);
    const [event, flag, decision] = mine.timeline;
    expect(flag.flag).toEqual({ rule: 'duplicate_customer', mode: 'flag', event_ref: null });
    expect(decision.decision).toEqual({
      kind: 'reattribution',
      method: 'operator',
      campaign_id: aPromo.campaign_id,
      promo_id: aPromo.id,
      click_id: null,
      coupon_code_id: null,
    });
    expect(event.event).toMatchObject({
      id: second.id,
      type: 'deposit',
      amount: 3000,
      customer_id: mine.customer_id,
      attribution: { method: 'customer', campaign_id: aPromo.campaign_id, promo_id: aPromo.id },
    });
    expect(mine.timeline.map((e: { event?: { id: number } }) => e.event?.id)).not.toContain(first.id);
    // The sub-ids and parameters of B's click are B's, even though the customer came by it.
    expect(mine).toMatchObject({ sub1: null, params: {} });
    expect(event.event).not.toHaveProperty('hints');
    expect(event.event).not.toHaveProperty('metadata');
    expect(event.event.attribution).not.toHaveProperty('explanation');
    for (const secret of [ip, device, 'Secret UA', player, bClick, 'w-77', 'Operator knows better'])
      expect(res.body, secret).not.toContain(secret);
    expect(res.body).not.toMatch(/"(affiliate_id|previous_affiliate_id|email_hash|ip|device_id|user_agent)"/);

    // A's own click shows, without the address it came from.
    const aClick = await insertClick(t, aPromo, ago(2 * DAY), { ip, sub2: 'mine' });
    const again = await send({
      type: 'registration',
      brand_id: w.brandId,
      customer_id: uid('player'),
      occurred_at: ago(DAY).toISOString(),
      click_id: aClick,
    });
    const withClick = await portal(a, `/customers/${again.customer_ref}`);
    const clickEntry = (await ok(withClick)).timeline.find((e: { kind: string }) => e.kind === 'click');
    expect(clickEntry.click).toMatchObject({ id: aClick, promo_id: aPromo.id, sub1: 's1', sub2: 'mine' });
    expect(withClick.body).not.toContain(ip);
  });
});
