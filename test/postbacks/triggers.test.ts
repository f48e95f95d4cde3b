import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClick, seedSecondAffiliate } from '../events/helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  createPostback,
  event,
  log,
  POSTBACK_ENV,
  postEvents,
  type Receiver,
  seedProgram,
  startReceiver,
  uid,
} from './helpers.ts';

let t: TestApp;
let admin: string;
let events: string;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp(POSTBACK_ENV);
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const sent = (marker: string) => receiver.received.filter((r) => r.url.includes(marker));

describe('triggers', () => {
  it('fires each trigger on its events, and only on them', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('tr');
    const triggers = [
      'registration',
      'qualified_lead',
      'first_deposit',
      'qualified_first_deposit',
      'deposit',
      'sale',
      'refund',
      'chargeback',
    ];
    for (const trigger of triggers)
      await createPostback(t, admin, {
        affiliate_id: s.affiliateId,
        scope: 'account',
        trigger,
        url: `${receiver.base}/${tag}?action=\${action}&type=\${event_type}&amount=\${amount}&cur=\${currency}`,
      });
    const base = { affiliate_id: s.affiliateId };
    const customer = uid('player');
    const c = { ...base, customer_id: customer };
    const dep1 = uid('dep');
    const sale = uid('sale');
    await postEvents(t, events, [
      event(s.brand.id, { ...c, type: 'registration' }),
      event(s.brand.id, { ...c, type: 'qualification' }),
      event(s.brand.id, { ...c, type: 'deposit', event_id: dep1, amount: 1050, currency: 'EUR' }),
      event(s.brand.id, { ...c, type: 'deposit', amount: 2000, currency: 'EUR' }),
      event(s.brand.id, { ...c, type: 'sale', event_id: sale, amount: 999, currency: 'EUR' }),
      event(s.brand.id, {
        ...c,
        type: 'refund',
        amount: 500,
        currency: 'EUR',
        original_event_id: dep1,
        original_event_type: 'deposit',
      }),
      event(s.brand.id, {
        ...c,
        type: 'chargeback',
        amount: 100,
        currency: 'EUR',
        original_event_id: sale,
        original_event_type: 'sale',
      }),
      event(s.brand.id, { ...c, type: 'withdrawal', amount: 100, currency: 'EUR' }),
    ]);
    await t.jobs.runUntilIdle();
    const actions = sent(tag)
      .map((r) => new URL(r.url, receiver.base).searchParams)
      .map((q) => `${q.get('action')}:${q.get('type')}:${q.get('amount')}:${q.get('cur')}`)
      .sort();
    // The qualified customer's FTD is also its qualified first deposit; 1050 minor EUR = 10.50.
    expect(actions).toEqual(
      [
        'registration:registration::',
        'qualified_lead:qualification::',
        'first_deposit:deposit:10.50:EUR',
        'qualified_first_deposit:deposit:10.50:EUR',
        'deposit:deposit:10.50:EUR',
        'deposit:deposit:20.00:EUR',
        'sale:sale:9.99:EUR',
        'refund:refund:5.00:EUR',
        'chargeback:chargeback:1.00:EUR',
      ].sort(),
    );
    const attempts = (await log(t, admin, `&affiliate_id=${s.affiliateId}`)).filter((a) =>
      a.url.includes(tag),
    );
    expect(attempts).toHaveLength(9);
    expect(
      attempts.every((a) => a.outcome === 'delivered' && a.response_code === 200 && a.attempt === 1),
    ).toBe(true);
  });

  it('fires a qualified first deposit on the qualification of a customer who has deposited', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('qftd');
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'qualified_first_deposit',
      url: `${receiver.base}/${tag}?e=\${event_type}`,
    });
    const c = { affiliate_id: s.affiliateId, customer_id: uid('player') };
    await postEvents(t, events, [event(s.brand.id, { ...c, type: 'deposit', amount: 100, currency: 'EUR' })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(0);
    await postEvents(t, events, [event(s.brand.id, { ...c, type: 'qualification' })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag).map((r) => r.url)).toEqual([`/${tag}?e=qualification`]);
  });

  it('sends nothing for an unattributed event, nor for another affiliate', async () => {
    const s = await seedProgram(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const tag = uid('none');
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}`,
    });
    await postEvents(t, events, [
      event(s.brand.id, { type: 'registration' }),
      event(s.brand.id, { type: 'registration', affiliate_id: other.affiliateId }),
    ]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(0);
    const deliveries = await t.db
      .selectFrom('postback_deliveries')
      .selectAll()
      .where('affiliate_id', '=', s.affiliateId)
      .execute();
    expect(deliveries).toHaveLength(0);
  });
});

describe('scopes', () => {
  it('the narrowest scope with a definition wins: promo, then campaign, then account', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('scope');
    // A second campaign and promo of the same affiliate.
    const campaign2 = (
      await t.call(admin, {
        method: 'POST',
        url: '/api/v1/campaigns',
        payload: { affiliate_id: s.affiliateId, brand_id: s.brand.id, name: 'Second' },
      })
    ).json();
    const promo2 = (
      await t.call(admin, {
        method: 'POST',
        url: `/api/v1/campaigns/${campaign2.id}/promos`,
        payload: { destination_link_id: s.link.id },
      })
    ).json();
    const promo3 = (
      await t.call(admin, {
        method: 'POST',
        url: `/api/v1/campaigns/${s.campaign.id}/promos`,
        payload: { destination_link_id: s.link.id },
      })
    ).json();
    const def = (scope: string, extra: Record<string, unknown>, name: string) =>
      createPostback(t, admin, {
        affiliate_id: s.affiliateId,
        scope,
        trigger: 'registration',
        url: `${receiver.base}/${tag}/${name}?promo=\${promo_id}`,
        ...extra,
      });
    await def('account', {}, 'account');
    await def('campaign', { campaign_id: s.campaign.id }, 'campaign');
    await def('promo', { promo_id: s.promo.id }, 'promo');
    await def('promo', { promo_id: s.promo.id }, 'promo-b');
    const viaPromo = await insertClick(t, s.promo, new Date(Date.now() - 3600_000));
    const viaCampaign = await insertClick(t, promo3, new Date(Date.now() - 3600_000));
    const viaOtherCampaign = await insertClick(t, promo2, new Date(Date.now() - 3600_000));
    await postEvents(t, events, [
      event(s.brand.id, { type: 'registration', click_id: viaPromo }),
      event(s.brand.id, { type: 'registration', click_id: viaCampaign }),
      event(s.brand.id, { type: 'registration', click_id: viaOtherCampaign }),
      event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId }),
    ]);
    await t.jobs.runUntilIdle();
    expect(
      sent(tag)
        .map((r) => r.url)
        .sort(),
    ).toEqual(
      [
        // The promo's click: both promo definitions, neither the campaign's nor the account's.
        `/${tag}/promo?promo=${s.promo.id}`,
        `/${tag}/promo-b?promo=${s.promo.id}`,
        // Another promo of the campaign: the campaign's definition.
        `/${tag}/campaign?promo=${promo3.id}`,
        // The other campaign, and the event without a click: the account's.
        `/${tag}/account?promo=${promo2.id}`,
        `/${tag}/account?promo=`,
      ].sort(),
    );
  });

  it('an inactive definition does not fire, and does not hide a broader scope', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('inactive');
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'promo',
      promo_id: s.promo.id,
      status: 'inactive',
      trigger: 'registration',
      url: `${receiver.base}/${tag}/promo`,
    });
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}/account`,
    });
    const click = await insertClick(t, s.promo, new Date(Date.now() - 3600_000));
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', click_id: click })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag).map((r) => r.url)).toEqual([`/${tag}/account`]);
  });
});
