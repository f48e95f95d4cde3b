import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClick } from '../events/helpers.ts';
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

const countDefinitions = async () =>
  Number(
    (
      await t.db
        .selectFrom('postback_definitions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('saving checks the template', () => {
  it("refuses the seed's wrong syntax with the mistake and the fix, and saves nothing", async () => {
    const s = await seedProgram(t, admin);
    const cases = [
      ['http://track.me/affiliate?a={track_id}', '{track_id} is not a variable: write ${track_id}'],
      ['http://track.me/affiliate?b=$[visit_id]', '$[visit_id] is not a variable: write ${visit_id}'],
      [
        'http://track.me/affiliate/c=${clickID}',
        'the query must begin with "?": write http://track.me/affiliate?c=${clickID}',
      ],
      ['http://track.me/affiliate?a=${track_id', '${track_id is not closed: write ${track_id}'],
      ['http://track.me/affiliate?a=${}', '${} names no variable: write a name inside, like ${click_id}'],
      [
        'track.me/affiliate?a=${click_id}',
        'must start with http:// or https://, like https://tracker.example.com/postback?click=${click_id}',
      ],
      [
        'http://${host}/a',
        'variables go after the host: the host must be written out, like https://tracker.example.com/?id=${click_id}',
      ],
    ];
    const before = await countDefinitions();
    for (const [url, message] of cases) {
      const res = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/postbacks',
        payload: { affiliate_id: s.affiliateId, scope: 'account', trigger: 'registration', url },
      });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.details.fields, url).toEqual([{ path: 'url', message }]);
    }
    expect(await countDefinitions()).toBe(before);
    // The seed's correct column saves.
    for (const url of [
      'http://track.me/affiliate?a=${track_id}',
      'http://track.me/affiliate?b=${visit_id}',
      'http://track.me/affiliate?c=${clickID}',
    ])
      await createPostback(t, admin, {
        affiliate_id: s.affiliateId,
        scope: 'account',
        trigger: 'registration',
        url,
      });
    expect(await countDefinitions()).toBe(before + 3);
  });

  it('lists every problem of a definition in one answer', async () => {
    const s = await seedProgram(t, admin);
    const before = await countDefinitions();
    const res = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/postbacks',
      payload: {
        affiliate_id: s.affiliateId,
        scope: 'campaign',
        trigger: 'signup',
        delivery: 'fax',
        url: 'http://t.me/?a={x}',
        plan_id: 2_000_000,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual([
      { path: 'trigger', message: expect.stringMatching(/^must be one of registration, qualified_lead/) },
      { path: 'delivery', message: 'must be one of s2s_get, s2s_post, image, iframe, javascript' },
      { path: 'url', message: '{x} is not a variable: write ${x}' },
      { path: 'campaign_id', message: 'is required for the campaign scope' },
      { path: 'plan_id', message: 'no commission plan 2000000 exists' },
    ]);
    expect(await countDefinitions()).toBe(before);
  });
});

describe('variables', () => {
  it('fills every variable, custom click parameters included, and sends a missing one empty', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('vars');
    const names = [
      'click_id',
      'visit_id',
      'promo_id',
      'promo_code',
      'campaign_id',
      'campaign_name',
      'brand_id',
      'affiliate_id',
      'action',
      'event_type',
      'event_id',
      'amount',
      'amount_minor',
      'currency',
      'commission',
      'deal_id',
      'sub1',
      'sub2',
      'sub3',
      'sub4',
      'sub5',
      'customer_id',
      'country',
      'occurred_at',
      'timestamp',
    ];
    const query = names.map((n, i) => (i % 2 ? `${n}={{${n}}}` : `${n}=\${${n}}`)).join('&');
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'promo',
      promo_id: s.promo.id,
      trigger: 'first_deposit',
      url: `${receiver.base}/${tag}?${query}&web=\${webID}&gone=\${notOnTheClick}`,
    });
    const click = await insertClick(t, s.promo, new Date(Date.now() - 3_600_000), {
      sub1: 'a b',
      sub2: 's2',
      sub3: 's3',
      sub4: 's4',
      sub5: 's5',
      params: JSON.stringify({ webID: 'w&1' }),
    });
    const occurred = new Date(Date.now() - 60_000);
    occurred.setMilliseconds(0);
    const customer = 'player-123456';
    const eventId = uid('ftd');
    await postEvents(t, events, [
      event(s.brand.id, {
        type: 'deposit',
        event_id: eventId,
        customer_id: customer,
        click_id: click,
        amount: 2599,
        currency: 'EUR',
        country: 'NL',
        occurred_at: occurred.toISOString(),
      }),
    ]);
    await t.jobs.runUntilIdle();
    const [request] = receiver.received.filter((r) => r.url.includes(tag));
    const q = new URL(request?.url ?? '', receiver.base).searchParams;
    expect(Object.fromEntries(q)).toEqual({
      click_id: click,
      visit_id: click,
      promo_id: String(s.promo.id),
      promo_code: s.promo.code,
      campaign_id: String(s.campaign.id),
      campaign_name: s.campaign.name,
      brand_id: String(s.brand.id),
      affiliate_id: String(s.affiliateId),
      action: 'first_deposit',
      event_type: 'deposit',
      event_id: eventId,
      // 2599 minor units of EUR (2 decimals) = 25.99.
      amount: '25.99',
      amount_minor: '2599',
      currency: 'EUR',
      commission: '',
      deal_id: '',
      sub1: 'a b',
      sub2: 's2',
      sub3: 's3',
      sub4: 's4',
      sub5: 's5',
      // The brand does not show customer ids: the first two and last two characters.
      customer_id: 'pl********56',
      country: 'NL',
      occurred_at: occurred.toISOString(),
      timestamp: String(occurred.getTime() / 1000),
      web: 'w&1',
      gone: '',
    });
    // Values are percent-encoded: the space and the ampersand did not break the query.
    expect(request?.url).toContain('sub1=a%20b');
    expect(request?.url).toContain('web=w%261');
    expect(request?.url).not.toContain('${');
  });

  it('previews a template for a sample event and for a real past event', async () => {
    const s = await seedProgram(t, admin);
    const sample = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/postbacks/preview',
      payload: {
        affiliate_id: s.affiliateId,
        trigger: 'deposit',
        url: 'https://t.example.com/?a=${amount}&c={{currency}}&w=${webID}',
      },
    });
    expect(sample.statusCode, sample.body).toBe(200);
    expect(sample.json()).toEqual({
      url: 'https://t.example.com/?a=10.50&c=EUR&w=sample-webID',
      body: JSON.stringify({ amount: '10.50', currency: 'EUR', webID: 'sample-webID' }),
      variables: [
        { name: 'amount', value: '10.50', custom: false },
        { name: 'currency', value: 'EUR', custom: false },
        { name: 'webID', value: 'sample-webID', custom: true },
      ],
    });
    const [recorded] = await postEvents(t, events, [
      event(s.brand.id, { type: 'deposit', amount: 700, currency: 'EUR', affiliate_id: s.affiliateId }),
    ]);
    const real = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/postbacks/preview',
      payload: {
        affiliate_id: s.affiliateId,
        trigger: 'deposit',
        url: 'https://t.example.com/?a=${amount}&w=${webID}',
        event_ref: recorded?.id,
      },
    });
    expect(real.json().url).toBe('https://t.example.com/?a=7.00&w=');
    const bad = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/postbacks/preview',
      payload: { affiliate_id: s.affiliateId, url: 'http://track.me/affiliate?a={track_id}' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields).toEqual([
      { path: 'url', message: '{track_id} is not a variable: write ${track_id}' },
    ]);
    expect(await log(t, admin, `&affiliate_id=${s.affiliateId}`)).toEqual([]);
  });
});
