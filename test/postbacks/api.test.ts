import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueCommissionPostbacks } from '../../src/core/postbacks/queue-commission-postbacks.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { insertClick, seedBrand } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { event, POSTBACK_ENV, postEvents, type Receiver, startReceiver, uid } from './helpers.ts';

let t: IdentityTestApp;
let events: string;
let receiver: Receiver;
let partner: Partner;
let s: Awaited<ReturnType<typeof seedBrand>>;

beforeAll(async () => {
  t = await createIdentityApp(POSTBACK_ENV);
  events = await t.apiKey(['events']);
  receiver = await startReceiver();
  partner = await approvedPartner(t, 'postbacks');
  // The partner's own brand, campaign and promo.
  s = await seedBrand(t, t.admin);
  await t.db
    .updateTable('campaigns')
    .set({ affiliate_id: partner.affiliateId })
    .where('id', '=', s.campaign.id)
    .execute();
  await t.db
    .updateTable('promos')
    .set({ affiliate_id: partner.affiliateId })
    .where('id', '=', s.promo.id)
    .execute();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const portal = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.as(partner.cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });
const sent = (marker: string) => receiver.received.filter((r) => r.url.includes(marker));
const register = (extra: Record<string, unknown> = {}) =>
  event(s.brand.id, { type: 'registration', affiliate_id: partner.affiliateId, ...extra });

describe('the portal', () => {
  it('creates, lists, changes and deletes its own postbacks', async () => {
    const tag = uid('portal');
    const created = await portal('POST', '/postbacks', {
      name: 'Keitaro',
      scope: 'campaign',
      campaign_id: s.campaign.id,
      trigger: 'registration',
      url: `${receiver.base}/${tag}?sub={{sub1}}`,
    });
    expect(created.statusCode, created.body).toBe(201);
    const pb = created.json();
    expect(pb).toMatchObject({
      affiliate_id: partner.affiliateId,
      scope: 'campaign',
      campaign_id: s.campaign.id,
      status: 'active',
      delivery: 's2s_get',
    });
    const list = (await portal('GET', '/postbacks')).json();
    expect(list.data.map((p: { id: number }) => p.id)).toContain(pb.id);
    const changed = await portal('PATCH', `/postbacks/${pb.id}`, { scope: 'promo', promo_id: s.promo.id });
    expect(changed.json()).toMatchObject({
      scope: 'promo',
      promo_id: s.promo.id,
      campaign_id: s.campaign.id,
    });
    const refused = await portal('PATCH', `/postbacks/${pb.id}`, {
      url: 'http://track.me/affiliate/c=${clickID}',
    });
    expect(refused.statusCode).toBe(422);
    expect((await portal('GET', `/postbacks/${pb.id}`)).json().url).toBe(
      `${receiver.base}/${tag}?sub={{sub1}}`,
    );
    const variables = (await portal('GET', '/postback-variables'))
      .json()
      .data.map((v: { name: string }) => v.name);
    expect(variables).toContain('click_id');
    expect(variables).toContain('sub5');
    expect((await portal('DELETE', `/postbacks/${pb.id}`)).statusCode).toBe(204);
    expect((await portal('GET', `/postbacks/${pb.id}`)).statusCode).toBe(404);
    expect((await portal('GET', '/postbacks')).json().data.map((p: { id: number }) => p.id)).not.toContain(
      pb.id,
    );
    // Deleted: an event sends nothing.
    await postEvents(t, events, [register()]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(0);
  });

  it('test-fires a postback with a sample event and shows the attempt', async () => {
    const tag = uid('fire');
    const pb = (
      await portal('POST', '/postbacks', {
        scope: 'account',
        trigger: 'deposit',
        url: `${receiver.base}/${tag}?a=\${amount}&w=\${webID}`,
      })
    ).json();
    const res = await portal('POST', `/postbacks/${pb.id}/test-fire`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      test: true,
      outcome: 'delivered',
      attempt: 1,
      response_code: 200,
      url: `${receiver.base}/${tag}?a=10.50&w=sample-webID`,
    });
    expect(sent(tag).map((r) => r.url)).toEqual([`/${tag}?a=10.50&w=sample-webID`]);
    // A failing test is tried once and does not count toward disabling.
    receiver.answer(() => ({ status: 500 }));
    try {
      const failed = (await portal('POST', `/postbacks/${pb.id}/test-fire`, {})).json();
      expect(failed).toMatchObject({ outcome: 'failed', response_code: 500, next_retry_at: null });
    } finally {
      receiver.answer(() => ({ status: 200 }));
    }
    expect((await portal('GET', `/postbacks/${pb.id}`)).json().consecutive_failures).toBe(0);
    const pixel = (
      await portal('POST', '/postbacks', {
        scope: 'account',
        trigger: 'deposit',
        delivery: 'image',
        url: 'https://t.example.com/p.gif',
      })
    ).json();
    expect((await portal('POST', `/postbacks/${pixel.id}/test-fire`, {})).statusCode).toBe(409);
  });
});

describe('the log', () => {
  it('filters by time, URL, action, response code, campaign and promo, and exports CSV', async () => {
    const tag = uid('log');
    await portal('POST', '/postbacks', {
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}/reg?c=\${campaign_id}`,
    });
    await portal('POST', '/postbacks', {
      scope: 'account',
      trigger: 'deposit',
      url: `${receiver.base}/${tag}/dep`,
    });
    receiver.answer((r) => (r.url.includes('/dep') ? { status: 404 } : { status: 200 }));
    const click = await insertClick(
      t,
      { ...s.promo, affiliate_id: partner.affiliateId },
      new Date(Date.now() - 3_600_000),
    );
    const started = new Date();
    try {
      const customer = uid('player');
      await postEvents(t, events, [
        register({ customer_id: customer, click_id: click, affiliate_id: undefined }),
        event(s.brand.id, { type: 'deposit', customer_id: customer, amount: 100, currency: 'EUR' }),
      ]);
      await t.jobs.runUntilIdle();
    } finally {
      receiver.answer(() => ({ status: 200 }));
    }
    const q = async (query: string) =>
      (await portal('GET', `/postback-log?url=${tag}${query}`)).json().data as Record<string, unknown>[];
    expect(await q('')).toHaveLength(2);
    expect((await q('&action=deposit')).map((a) => a.response_code)).toEqual([404]);
    expect((await q('&response_code=200')).map((a) => a.action)).toEqual(['registration']);
    expect(await q(`&campaign=${s.campaign.id}`)).toHaveLength(2);
    expect(
      await q(`&campaign=${encodeURIComponent(s.campaign.name.slice(1, 3).toLowerCase())}`),
    ).toHaveLength(2);
    expect(await q('&campaign=no-such-campaign')).toHaveLength(0);
    expect(await q(`&promo=${s.promo.code}`)).toHaveLength(2);
    expect(await q(`&promo=${s.promo.id}`)).toHaveLength(2);
    expect(
      await q(`&from=${encodeURIComponent(new Date(started.getTime() + 3_600_000).toISOString())}`),
    ).toHaveLength(0);
    expect(await q(`&to=${encodeURIComponent(started.toISOString())}`)).toHaveLength(0);
    const [reg] = await q('&action=registration');
    expect(reg).toMatchObject({
      campaign_id: s.campaign.id,
      campaign_name: s.campaign.name,
      promo_code: s.promo.code,
      url: `${receiver.base}/${tag}/reg?c=${s.campaign.id}`,
    });
    const csv = await portal('GET', `/postback-log.csv?url=${tag}`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'id,attempted_at,action,url,method,attempt,outcome,response_code,response_ms,response_body,error,next_retry_at,definition_id,delivery_id,affiliate_id,campaign_id,campaign_name,promo_id,promo_code,test',
    );
    expect(lines).toHaveLength(3);
  });

  it('keeps attempts for the retention days: the cleanup deletes older ones only', async () => {
    const pb = (
      await portal('POST', '/postbacks', {
        scope: 'account',
        trigger: 'sale',
        url: 'https://t.example.com/old',
      })
    ).json();
    const row = (at: Date, url: string) => ({
      delivery_id: 1n,
      definition_id: pb.id,
      affiliate_id: partner.affiliateId,
      trigger: 'sale' as const,
      attempted_at: at,
      method: 'GET',
      url,
      attempt: 1,
      outcome: 'delivered' as const,
    });
    await t.db
      .insertInto('postback_attempts')
      .values([
        row(new Date(Date.now() - 91 * 86_400_000), 'https://t.example.com/old'),
        row(new Date(Date.now() - 89 * 86_400_000), 'https://t.example.com/kept'),
      ])
      .execute();
    await t.jobs.enqueue(t.db, { name: 'postbacks.cleanup', data: {} });
    await t.jobs.runUntilIdle();
    const left = await t.db
      .selectFrom('postback_attempts')
      .select('url')
      .where('definition_id', '=', pb.id)
      .execute();
    expect(left.map((l) => l.url)).toEqual(['https://t.example.com/kept']);
    // Append-only otherwise: an attempt cannot be changed.
    await expect(
      sql`update postback_attempts set url = 'x' where definition_id = ${pb.id}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
  });
});

describe('replay', () => {
  it('sends one failed delivery again, or every failure of a definition in a time range', async () => {
    const tag = uid('replay');
    const pb = (
      await portal('POST', '/postbacks', {
        scope: 'account',
        trigger: 'registration',
        url: `${receiver.base}/${tag}?e=\${event_id}`,
      })
    ).json();
    receiver.answer(() => ({ status: 500 }));
    try {
      await postEvents(t, events, [register(), register(), register()]);
      await t.jobs.runUntilIdle();
    } finally {
      receiver.answer(() => ({ status: 200 }));
    }
    // The schedule ran out for all three (as if 8 tries had failed).
    await t.db
      .updateTable('postback_deliveries')
      .set({ state: 'failed', next_attempt_at: null, attempts: 8 })
      .where('definition_id', '=', pb.id)
      .execute();
    const deliveries = await t.db
      .selectFrom('postback_deliveries')
      .select(['id', 'created_at'])
      .where('definition_id', '=', pb.id)
      .orderBy('id')
      .execute();
    const [first, second, third] = deliveries;
    const one = await portal('POST', `/postback-deliveries/${first?.id}/replay`);
    expect(one.statusCode, one.body).toBe(202);
    expect(one.json()).toEqual({ queued: 1 });
    await t.jobs.runUntilIdle();
    expect((await portal('GET', `/postback-log?delivery_id=${first?.id}`)).json().data[0]).toMatchObject({
      attempt: 9,
      outcome: 'delivered',
    });
    // Only a failed one is replayed.
    const again = await portal('POST', `/postback-deliveries/${first?.id}/replay`);
    expect(again.statusCode).toBe(409);
    // The range holds the second only.
    await t.db
      .updateTable('postback_deliveries')
      .set({ created_at: new Date(Date.now() - 2 * 86_400_000) })
      .where('id', '=', second?.id as bigint)
      .execute();
    const range = await portal('POST', `/postbacks/${pb.id}/replay`, {
      from: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      to: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(range.json()).toEqual({ queued: 1 });
    await t.jobs.runUntilIdle();
    const states = await t.db
      .selectFrom('postback_deliveries')
      .select(['id', 'state'])
      .where('definition_id', '=', pb.id)
      .orderBy('id')
      .execute();
    expect(states.map((d) => d.state)).toEqual(['delivered', 'delivered', 'failed']);
    expect(states[2]?.id).toBe(third?.id);
    expect(sent(tag)).toHaveLength(5);
  });
});

describe('client pixels', () => {
  it('hands the conversion page its pixels once, logged as served', async () => {
    const tag = uid('px');
    await portal('POST', '/postbacks', {
      scope: 'account',
      trigger: 'registration',
      delivery: 'image',
      url: `https://t.example.com/${tag}.gif?e=\${event_id}`,
    });
    await portal('POST', '/postbacks', {
      scope: 'account',
      trigger: 'registration',
      delivery: 'iframe',
      url: `https://t.example.com/${tag}.html`,
    });
    const eventId = uid('reg');
    await postEvents(t, events, [register({ event_id: eventId })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(0);
    const url = `/px.js?brand_id=${s.brand.id}&type=registration&event_id=${eventId}`;
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body).toContain(`https://t.example.com/${tag}.gif?e=${eventId}`);
    expect(res.body).toContain(`https://t.example.com/${tag}.html`);
    const served = (await portal('GET', `/postback-log?url=${tag}`)).json().data;
    expect(served.map((a: { outcome: string }) => a.outcome)).toEqual(['served', 'served']);
    expect((await t.app.inject({ url })).body).not.toContain(tag);
  });
});

describe('commission approved', () => {
  it('is queued by the hook in the transaction that approves the commission', async () => {
    const tag = uid('comm');
    await portal('POST', '/postbacks', {
      scope: 'account',
      trigger: 'commission_approved',
      url: `${receiver.base}/${tag}?c=\${commission}&cur=\${currency}&e=\${event_id}`,
    });
    const [recorded] = await postEvents(t, events, [register()]);
    await inTransaction(t.db, (trx) =>
      queueCommissionPostbacks({
        db: trx,
        jobs: t.jobs,
        commissions: [
          {
            id: 77_001n,
            affiliateId: partner.affiliateId,
            brandId: s.brand.id,
            campaignId: null,
            promoId: null,
            planId: null,
            amount: 2500n,
            currency: 'EUR',
            approvedAt: new Date(),
            eventRef: BigInt(recorded?.id ?? 0),
          },
        ],
      }),
    );
    await t.jobs.runUntilIdle();
    expect(sent(tag).map((r) => r.url)).toEqual([
      `/${tag}?c=25.00&cur=EUR&e=${encodeURIComponent((recorded as unknown as { event_id: string }).event_id)}`,
    ]);
  });
});
