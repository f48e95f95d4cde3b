import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { countRows, insertClick, post, seedBrand, seedSecondAffiliate, uid } from './helpers.ts';

let t: TestApp;
let admin: string;
let events: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('POST /api/v1/events: one event', () => {
  it('records a registration attributed by click id, with the explanation and the click’s sub-ids', async () => {
    const s = await seedBrand(t, admin);
    const clickId = await insertClick(t, s.promo, ago(2 * DAY));
    const customerId = uid('player');
    const res = await post(t, events, {
      type: 'registration',
      event_id: uid('reg'),
      brand_id: s.brand.id,
      customer_id: customerId,
      occurred_at: ago(DAY).toISOString(),
      click_id: clickId,
      country: 'de',
    });
    expect(res.statusCode).toBe(201);
    const { status, event } = res.json();
    expect(status).toBe('created');
    expect(event.attribution).toMatchObject({
      status: 'attributed',
      method: 'click_id',
      affiliate_id: s.affiliateId,
      campaign_id: s.campaign.id,
      promo_id: s.promo.id,
      click_id: clickId,
    });
    expect(event.attribution.explanation.policy).toEqual({ binding: 'lifetime', click_lookback_days: 30 });
    expect(event.attribution.explanation.winner.kind).toBe('click_id');
    expect(event.attribution.summary).toContain('(window 30 days)');

    const customer = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${event.customer_ref}` })
    ).json();
    expect(customer).toMatchObject({
      customer_id: customerId,
      affiliate_id: s.affiliateId,
      click_id: clickId,
      sub1: 's1',
      params: { webID: 'w-77' },
      country: 'DE',
      attribution_method: 'click_id',
      event_count: 1,
    });
    expect(new Date(customer.registered_at).getTime()).toBe(new Date(event.occurred_at).getTime());
    const kinds = customer.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['click', 'event', 'attribution']);
  });

  it('answers a replay with the original result, and refuses the same id with another body', async () => {
    const s = await seedBrand(t, admin);
    const body = {
      type: 'deposit',
      event_id: uid('dep'),
      brand_id: s.brand.id,
      customer_id: uid('player'),
      occurred_at: ago(DAY).toISOString(),
      amount: 5000,
      currency: 'EUR',
      affiliate_id: s.affiliateId,
    };
    const first = await post(t, events, body);
    expect(first.statusCode).toBe(201);
    // Same body, keys in another order: the same event.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post(t, events, reordered);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('duplicate');
    expect(again.json().event).toEqual(first.json().event);

    const before = await countRows(t);
    const other = await post(t, events, { ...body, amount: 5001 });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('idempotency_conflict');
    expect(other.json().error.details.fields[0].path).toBe('event_id');
    expect(await countRows(t)).toEqual(before);
  });

  it('flags the first deposit as FTD whatever the caller says, and only that one', async () => {
    const s = await seedBrand(t, admin);
    const customer = uid('player');
    const base = { brand_id: s.brand.id, customer_id: customer, currency: 'EUR', type: 'deposit' };
    const one = await post(t, events, {
      ...base,
      event_id: uid('d'),
      occurred_at: ago(3 * DAY).toISOString(),
      amount: 2000,
      is_ftd: false,
    });
    const two = await post(t, events, {
      ...base,
      event_id: uid('d'),
      occurred_at: ago(2 * DAY).toISOString(),
      amount: 3000,
      is_ftd: true,
    });
    expect(one.json().event.is_ftd).toBe(true);
    expect(two.json().event.is_ftd).toBe(false);
    const c = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${one.json().event.customer_ref}` })
    ).json();
    // Two deposits: 2000 + 3000 = 5000 minor units; the FTD is the first, 2000.
    expect(c.ftd_amount).toBe(2000);
    expect(c.ftd_currency).toBe('EUR');
    expect(c.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', deposit_count: 2, deposit_total: 5000, net_deposits: 5000 }),
    ]);
  });

  it('accepts a gzip-compressed body', async () => {
    const s = await seedBrand(t, admin);
    const payload = gzipSync(
      JSON.stringify({
        type: 'registration',
        event_id: uid('gz'),
        brand_id: s.brand.id,
        customer_id: uid('player'),
        occurred_at: ago(DAY).toISOString(),
      }),
    );
    const res = await t.call(events, {
      method: 'POST',
      url: '/api/v1/events',
      payload,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().event.attribution.status).toBe('unattributed');
  });
});

describe('bad input names the field and stores nothing', () => {
  it.each([
    ['an unknown type', { type: 'bet' }, 'type'],
    ['an amount as a float', { type: 'deposit', amount: 10.5, currency: 'EUR' }, 'amount'],
    ['an unknown currency', { type: 'deposit', amount: 1000, currency: 'EURO' }, 'currency'],
    [
      'occurred_at in the future',
      { occurred_at: new Date(Date.now() + 3_600_000).toISOString() },
      'occurred_at',
    ],
    ['a deposit without amount', { type: 'deposit', currency: 'EUR' }, 'amount'],
    [
      'a refund of an unknown event',
      { type: 'refund', amount: 100, currency: 'EUR', original_event_id: 'nope' },
      'original_event_id',
    ],
    ['an unknown field', { bonus: 1 }, 'bonus'],
  ])('%s', async (_name, change, field) => {
    const s = await seedBrand(t, admin);
    const before = await countRows(t);
    const res = await post(t, events, {
      type: 'registration',
      event_id: uid('bad'),
      brand_id: s.brand.id,
      customer_id: uid('player'),
      occurred_at: ago(DAY).toISOString(),
      ...change,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await countRows(t)).toEqual(before);
  });

  it('refuses 1,001 items naming events', async () => {
    const before = await countRows(t);
    const res = await post(t, events, {
      events: Array.from({ length: 1001 }, () => ({ type: 'registration' })),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0].path).toBe('events');
    expect(await countRows(t)).toEqual(before);
  });

  it('refuses a 40 MB body with 413', async () => {
    const res = await t.call(events, {
      method: 'POST',
      url: '/api/v1/events',
      payload: `{"events":[${'"x",'.repeat(10_000_000)}"x"]}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('needs the events scope', async () => {
    const read = await t.apiKey(['read']);
    const res = await post(t, read, { type: 'registration' });
    expect(res.statusCode).toBe(403);
  });
});

describe('batches answer per item', () => {
  it('records the valid items, rejects the others with their fields, and reports duplicates', async () => {
    const s = await seedBrand(t, admin);
    const player = uid('player');
    const good = {
      type: 'registration',
      event_id: uid('r'),
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: ago(DAY).toISOString(),
    };
    const before = await countRows(t);
    const res = await post(t, events, {
      events: [
        good,
        { ...good, event_id: uid('r2'), customer_id: uid('lost'), amount: 1.5, currency: 'EUR' },
        good,
        { ...good, type: 'deposit', event_id: uid('d'), amount: 1000, currency: 'EUR' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, duplicates: 1, rejected: 1 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'rejected',
      'duplicate',
      'created',
    ]);
    expect(body.results[1].error.fields[0].path).toBe('events[1].amount');
    expect(body.results[2].event.id).toBe(body.results[0].event.id);
    // Two events of one customer; the rejected item's customer was never created.
    const after = await countRows(t);
    expect(after.events - before.events).toBe(2);
    expect(after.customers - before.customers).toBe(1);
  });

  it('refuses a repeat of a refused item the same way, with its own index', async () => {
    const s = await seedBrand(t, admin);
    const refund = {
      type: 'refund',
      event_id: uid('ref'),
      brand_id: s.brand.id,
      customer_id: uid('p'),
      occurred_at: ago(DAY).toISOString(),
      amount: 100,
      currency: 'EUR',
      original_event_id: 'never-sent',
    };
    const good = {
      ...refund,
      type: 'registration',
      event_id: uid('r'),
      amount: undefined,
      currency: undefined,
      original_event_id: undefined,
    };
    const res = await post(t, events, { events: [refund, refund, good] });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected', 'created']);
    expect(results[1].index).toBe(1);
    expect(results[1].error.fields[0].path).toBe('events[1].original_event_id');
  });

  it('is a 422 when no item is valid, listing every item’s fields', async () => {
    const before = await countRows(t);
    const res = await post(t, events, { events: [{ type: 'nope' }, { type: 'deposit', amount: 'ten' }] });
    expect(res.statusCode).toBe(422);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['events[0].type', 'events[1].amount', 'events[1].event_id']),
    );
    expect(await countRows(t)).toEqual(before);
  });
});

describe('attribution', () => {
  const reg = (brandId: number, customer: string, at: Date, hints: Record<string, unknown> = {}) => ({
    type: 'registration',
    event_id: uid('reg'),
    brand_id: brandId,
    customer_id: customer,
    occurred_at: at.toISOString(),
    ...hints,
  });

  it('lifetime: the first binding holds, a later click of another affiliate is rejected with its reason', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const first = await insertClick(t, s.promo, ago(5 * DAY));
    const second = await insertClick(t, other.promo, ago(2 * DAY));
    const player = uid('player');
    await post(t, events, reg(s.brand.id, player, ago(4 * DAY), { click_id: first }));
    const dep = await post(t, events, {
      type: 'deposit',
      event_id: uid('d'),
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: ago(DAY).toISOString(),
      amount: 1000,
      currency: 'EUR',
      click_id: second,
    });
    const a = dep.json().event.attribution;
    expect(a.method).toBe('customer');
    expect(a.affiliate_id).toBe(s.affiliateId);
    expect(a.explanation.rejected).toEqual([
      expect.objectContaining({ kind: 'click_id', value: second, reason: 'customer_bound' }),
    ]);
  });

  it('last click: a newer click takes the customer over, recorded as a takeover', async () => {
    const s = await seedBrand(t, admin, { attribution_binding: 'last_click' });
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const first = await insertClick(t, s.promo, ago(5 * DAY));
    const second = await insertClick(t, other.promo, ago(2 * DAY));
    const player = uid('player');
    await post(t, events, reg(s.brand.id, player, ago(4 * DAY), { click_id: first }));
    const sale = await post(t, events, {
      type: 'sale',
      event_id: uid('s'),
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: ago(DAY).toISOString(),
      amount: 9900,
      currency: 'EUR',
      order_id: 'o-1',
      click_id: second,
    });
    const a = sale.json().event.attribution;
    expect(a).toMatchObject({ method: 'click_id', affiliate_id: other.affiliateId, click_id: second });
    const c = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${sale.json().event.customer_ref}` })
    ).json();
    expect(c.affiliate_id).toBe(other.affiliateId);
    const decisions = c.timeline
      .filter((e: { kind: string }) => e.kind === 'attribution')
      .map((e: { decision: { kind: string } }) => e.decision.kind);
    expect(decisions).toEqual(['initial', 'takeover']);
  });

  it('window edges: a click exactly 30 days old counts, one second older is expired', async () => {
    const s = await seedBrand(t, admin);
    const at = ago(DAY);
    const inside = await insertClick(t, s.promo, new Date(at.getTime() - 30 * DAY));
    const outside = await insertClick(t, s.promo, new Date(at.getTime() - 30 * DAY - 1000));
    const yes = await post(t, events, reg(s.brand.id, uid('p'), at, { click_id: inside }));
    const no = await post(t, events, reg(s.brand.id, uid('p'), at, { click_id: outside }));
    expect(yes.json().event.attribution.method).toBe('click_id');
    expect(no.json().event.attribution.status).toBe('unattributed');
    expect(no.json().event.attribution.explanation.rejected[0]).toMatchObject({
      kind: 'click_id',
      reason: 'expired',
    });
  });

  it('a click of another brand is rejected as other_brand', async () => {
    const a = await seedBrand(t, admin);
    const b = await seedBrand(t, admin);
    const click = await insertClick(t, a.promo, ago(2 * DAY));
    const res = await post(t, events, reg(b.brand.id, uid('p'), ago(DAY), { click_id: click }));
    expect(res.json().event.attribution.status).toBe('unattributed');
    expect(res.json().event.attribution.explanation.rejected[0].reason).toBe('other_brand');
  });

  it('a coupon code attributes when no click does; the click comes first when both are valid', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const code = uid('SUMMER');
    await t.db
      .insertInto('coupon_codes')
      .values({ brand_id: s.brand.id, code, affiliate_id: other.affiliateId })
      .execute();
    const byCode = await post(
      t,
      events,
      reg(s.brand.id, uid('p'), ago(DAY), { coupon_code: code.toLowerCase() }),
    );
    expect(byCode.json().event.attribution).toMatchObject({
      method: 'coupon_code',
      affiliate_id: other.affiliateId,
    });
    const click = await insertClick(t, s.promo, ago(2 * DAY));
    const both = await post(
      t,
      events,
      reg(s.brand.id, uid('p'), ago(DAY), { coupon_code: code, click_id: click }),
    );
    expect(both.json().event.attribution).toMatchObject({ method: 'click_id', affiliate_id: s.affiliateId });
    expect(both.json().event.attribution.explanation.rejected).toEqual([
      expect.objectContaining({ kind: 'coupon_code', reason: 'lower_priority' }),
    ]);
  });

  it('an explicit affiliate attributes; a disabled promo’s click is rejected', async () => {
    const s = await seedBrand(t, admin);
    const click = await insertClick(t, s.promo, ago(2 * DAY));
    await t.db.updateTable('promos').set({ enabled: false }).where('id', '=', s.promo.id).execute();
    const res = await post(
      t,
      events,
      reg(s.brand.id, uid('p'), ago(DAY), { click_id: click, affiliate_id: s.affiliateId }),
    );
    const a = res.json().event.attribution;
    expect(a.method).toBe('affiliate_id');
    expect(a.explanation.rejected[0]).toMatchObject({ kind: 'click_id', reason: 'disabled_promo' });
  });

  it('unattributed events wait in the queue until the operator attributes the customer (audited)', async () => {
    const s = await seedBrand(t, admin);
    const player = uid('p');
    const first = await post(t, events, reg(s.brand.id, player, ago(2 * DAY), { click_id: 'UNKNOWNCLICK' }));
    expect(first.json().event.attribution.explanation.rejected[0].reason).toBe('unknown');
    const ref = first.json().event.customer_ref;
    const queue = (
      await t.call(admin, { method: 'GET', url: `/api/v1/events?attributed=false&brand_id=${s.brand.id}` })
    ).json();
    expect(queue.data.map((e: { id: number }) => e.id)).toEqual([first.json().event.id]);
    expect(queue.paging.total).toBe(1);

    const noReason = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/customers/${ref}/attribution`,
      payload: { affiliate_id: s.affiliateId, reason: ' ' },
    });
    expect(noReason.statusCode).toBe(422);
    const done = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/customers/${ref}/attribution`,
      payload: { affiliate_id: s.affiliateId, reason: 'Player named the affiliate in support chat' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().affiliate_id).toBe(s.affiliateId);
    const event = (
      await t.call(admin, { method: 'GET', url: `/api/v1/events/${first.json().event.id}` })
    ).json();
    expect(event.attribution).toMatchObject({ method: 'operator', affiliate_id: s.affiliateId });
    expect(event.attribution.explanation.previous.summary).toContain('Unattributed');
    const log = await t.db
      .selectFrom('affiliate_events')
      .selectAll()
      .where('affiliate_id', '=', s.affiliateId)
      .execute();
    expect(log.map((e) => e.type)).toContain('customer_attributed');
  });
});

describe('re-attribution', () => {
  it('moves the customer from now on, keeps past events where they were, and tells both affiliates', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const click = await insertClick(t, s.promo, ago(3 * DAY));
    const player = uid('p');
    const first = await post(t, events, {
      type: 'registration',
      event_id: uid('r'),
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: ago(2 * DAY).toISOString(),
      click_id: click,
    });
    const ref = first.json().event.customer_ref;
    const moved = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/customers/${ref}/attribution`,
      payload: {
        affiliate_id: other.affiliateId,
        campaign_id: other.campaign.id,
        reason: 'Proven duplicate account',
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // The first owner's click sub-ids and parameters do not follow the customer.
    expect(moved.json()).toMatchObject({
      affiliate_id: other.affiliateId,
      campaign_id: other.campaign.id,
      attribution_method: 'operator',
      click_id: null,
      sub1: null,
      params: {},
    });
    const later = await post(t, events, {
      type: 'deposit',
      event_id: uid('d'),
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: ago(DAY).toISOString(),
      amount: 2500,
      currency: 'EUR',
    });
    expect(later.json().event.attribution).toMatchObject({
      method: 'customer',
      affiliate_id: other.affiliateId,
    });
    const past = (
      await t.call(admin, { method: 'GET', url: `/api/v1/events/${first.json().event.id}` })
    ).json();
    expect(past.attribution.affiliate_id).toBe(s.affiliateId);
    const logOf = async (id: number) =>
      (await t.db.selectFrom('affiliate_events').select('type').where('affiliate_id', '=', id).execute()).map(
        (e) => e.type,
      );
    expect(await logOf(other.affiliateId)).toContain('customer_attributed');
    expect(await logOf(s.affiliateId)).toContain('customer_reattributed_away');
    const again = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/customers/${ref}/attribution`,
      payload: { affiliate_id: other.affiliateId, campaign_id: other.campaign.id, reason: 'again' },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('late data', () => {
  it('is attributed by when it happened: a click 40 days old still counts for an event 35 days old', async () => {
    const s = await seedBrand(t, admin);
    const click = await insertClick(t, s.promo, ago(40 * DAY));
    // 40 − 35 = 5 days between click and event: inside the 30-day window, though the click is
    // 40 days old when the event arrives.
    const res = await post(t, events, {
      type: 'registration',
      event_id: uid('late'),
      brand_id: s.brand.id,
      customer_id: uid('p'),
      occurred_at: ago(35 * DAY).toISOString(),
      click_id: click,
    });
    const event = res.json().event;
    expect(event.attribution.method).toBe('click_id');
    expect(new Date(event.received_at).getTime() - new Date(event.occurred_at).getTime()).toBeGreaterThan(
      34 * DAY,
    );
    const listed = (
      await t.call(admin, { method: 'GET', url: `/api/v1/events?brand_id=${s.brand.id}` })
    ).json();
    expect(listed.data[0]).toMatchObject({
      id: event.id,
      occurred_at: event.occurred_at,
      received_at: event.received_at,
    });
  });

  it('a qualification marks the customer qualified at its own time, once', async () => {
    const s = await seedBrand(t, admin);
    const player = uid('p');
    const q = (at: Date) =>
      post(t, events, {
        type: 'qualification',
        event_id: uid('q'),
        brand_id: s.brand.id,
        customer_id: player,
        occurred_at: at.toISOString(),
        affiliate_id: s.affiliateId,
      });
    const first = await q(ago(3 * DAY));
    await q(ago(DAY));
    const c = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${first.json().event.customer_ref}` })
    ).json();
    expect(new Date(c.qualified_at).getTime()).toBe(new Date(first.json().event.occurred_at).getTime());
    expect(c.event_count).toBe(2);
  });
});

describe('refunds and chargebacks', () => {
  it('take back part of a sale, never more than what is left', async () => {
    const s = await seedBrand(t, admin);
    const player = uid('p');
    const saleId = uid('sale');
    await post(t, events, {
      type: 'sale',
      event_id: saleId,
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: ago(3 * DAY).toISOString(),
      amount: 10_000,
      currency: 'EUR',
      affiliate_id: s.affiliateId,
    });
    const refund = (amount: number, currency = 'EUR') =>
      post(t, events, {
        type: 'refund',
        event_id: uid('ref'),
        brand_id: s.brand.id,
        customer_id: player,
        occurred_at: ago(DAY).toISOString(),
        amount,
        currency,
        original_event_id: saleId,
      });
    const partial = await refund(4000);
    expect(partial.statusCode).toBe(201);
    expect(partial.json().event.attribution).toMatchObject({
      method: 'original_event',
      affiliate_id: s.affiliateId,
    });
    // 10,000 sold − 4,000 refunded = 6,000 left: 6,001 is too much, 6,000 is exactly what is left.
    const before = await countRows(t);
    const tooMuch = await refund(6001);
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error.details.fields[0]).toMatchObject({ path: 'amount' });
    expect(tooMuch.json().error.details.fields[0].message).toContain('6000');
    expect(await countRows(t)).toEqual(before);
    const wrongCurrency = await refund(100, 'USD');
    expect(wrongCurrency.json().error.details.fields[0].path).toBe('currency');
    expect((await refund(6000)).statusCode).toBe(201);
    const c = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${partial.json().event.customer_ref}` })
    ).json();
    // Refunds total 4,000 + 6,000 = 10,000.
    expect(c.totals[0]).toMatchObject({ sale_total: 10_000, refund_total: 10_000, sale_count: 1 });
  });
});

describe('activity', () => {
  it('adds per-product figures to the customer’s totals', async () => {
    const s = await seedBrand(t, admin);
    const res = await post(t, events, {
      type: 'activity',
      event_id: uid('act'),
      brand_id: s.brand.id,
      customer_id: uid('p'),
      occurred_at: ago(DAY).toISOString(),
      currency: 'EUR',
      period_start: ago(DAY).toISOString().slice(0, 10),
      products: {
        casino: { bets: 50_000, wins: 42_000, bonuses: 1_000, bet_count: 120 },
        sports: { bets: 10_000, wins: 3_000, taxes: 500 },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().event.activity).toHaveLength(2);
    const c = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${res.json().event.customer_ref}` })
    ).json();
    // bets 50,000 + 10,000 = 60,000; wins 42,000 + 3,000 = 45,000; GGR 60,000 − 45,000 = 15,000.
    expect(c.totals[0]).toMatchObject({
      bets: 60_000,
      wins: 45_000,
      ggr: 15_000,
      bonuses: 1_000,
      taxes: 500,
      bet_count: 120,
    });
  });
});

describe('append-only records', () => {
  it('the database refuses to change or remove an event, an activity line or a decision', async () => {
    const s = await seedBrand(t, admin);
    const click = await insertClick(t, s.promo, ago(2 * DAY));
    const res = await post(t, events, {
      type: 'registration',
      event_id: uid('r'),
      brand_id: s.brand.id,
      customer_id: uid('p'),
      occurred_at: ago(DAY).toISOString(),
      click_id: click,
    });
    const id = res.json().event.id;
    await expect(sql`update events set amount = 1 where id = ${id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from events where id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update attribution_decisions set affiliate_id = 1 where event_id = ${id}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from attribution_decisions where event_id = ${id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    const stored = await t.db
      .selectFrom('events')
      .select('affiliate_id')
      .where('id', '=', BigInt(id))
      .executeTakeFirstOrThrow();
    expect(stored.affiliate_id).toBe(s.affiliateId);
  });
});
