import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { ago, DAY, ok, operatorApi } from './api.ts';
import { insertClick, post, seedBrand, uid } from './helpers.ts';

let t: TestApp;
let admin: string;
let events: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const api = operatorApi(
  () => t,
  () => admin,
);

const setRule = (brandId: number, rule: string, body: object) =>
  api('PUT', `/brands/${brandId}/fraud-rules/${rule}`, body);

async function ruleRows(brandId: number) {
  return t.db.selectFrom('fraud_rules').selectAll().where('brand_id', '=', brandId).orderBy('rule').execute();
}

async function ruleAudit(brandId: number) {
  return t.db
    .selectFrom('catalog_changes')
    .select(['action', 'fields'])
    .where('entity', '=', 'fraud_rule')
    .where('entity_id', '=', brandId)
    .orderBy('id')
    .execute();
}

type Seeded = Awaited<ReturnType<typeof seedBrand>>;
interface Scenario {
  params?: Record<string, unknown>;
  /** Sends the event the rule must match; returns its answer's event. */
  trigger(s: Seeded): Promise<{ id: number; customer_ref: number; flags: string[]; held: boolean }>;
  /** A like event the rule must let through. */
  clean(s: Seeded): Promise<{ id: number; customer_ref: number; flags: string[]; held: boolean }>;
}

const registration = (s: Seeded, at: Date, hints: Record<string, unknown> = {}) => ({
  type: 'registration',
  event_id: uid('reg'),
  brand_id: s.brand.id,
  customer_id: uid('player'),
  occurred_at: at.toISOString(),
  ...hints,
});

async function send(body: object) {
  const res = await post(t, events, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().event;
}

const SCENARIOS: Record<string, Scenario> = {
  bot_click: {
    trigger: async (s) =>
      send(
        registration(s, ago(DAY), {
          click_id: await insertClick(t, s.promo, ago(2 * DAY), { is_bot: true }),
        }),
      ),
    clean: async (s) =>
      send(registration(s, ago(DAY), { click_id: await insertClick(t, s.promo, ago(2 * DAY)) })),
  },
  fast_registration: {
    params: { seconds: 30 },
    trigger: async (s) => {
      const at = ago(DAY);
      const click = await insertClick(t, s.promo, new Date(at.getTime() - 5_000));
      return send(registration(s, at, { click_id: click }));
    },
    clean: async (s) => {
      const at = ago(DAY);
      const click = await insertClick(t, s.promo, new Date(at.getTime() - 30_000));
      return send(registration(s, at, { click_id: click }));
    },
  },
  self_referral: {
    trigger: async (s) => {
      const email = `${uid('self')}@example.com`;
      await ok(await api('POST', `/affiliates/${s.affiliateId}/users`, { email, first_name: 'Self' }), 201);
      return send(registration(s, ago(DAY), { affiliate_id: s.affiliateId, email: email.toUpperCase() }));
    },
    clean: async (s) =>
      send(registration(s, ago(DAY), { affiliate_id: s.affiliateId, email: `${uid('player')}@example.com` })),
  },
  duplicate_customer: {
    params: { match: ['device_id'] },
    trigger: async (s) => {
      const device = uid('device');
      await send(registration(s, ago(2 * DAY), { affiliate_id: s.affiliateId, device_id: device }));
      return send(registration(s, ago(DAY), { affiliate_id: s.affiliateId, device_id: device }));
    },
    // The same address is no match: only device_id is compared.
    clean: async (s) => {
      await send(registration(s, ago(2 * DAY), { affiliate_id: s.affiliateId, ip: '203.0.113.9' }));
      return send(registration(s, ago(DAY), { affiliate_id: s.affiliateId, ip: '203.0.113.9' }));
    },
  },
  country_not_allowed: {
    params: { countries: ['de', 'AT'] },
    trigger: async (s) => send(registration(s, ago(DAY), { affiliate_id: s.affiliateId, country: 'FR' })),
    clean: async (s) => send(registration(s, ago(DAY), { affiliate_id: s.affiliateId, country: 'DE' })),
  },
};

async function customer(ref: number) {
  return ok(await api('GET', `/customers/${ref}`));
}

async function flagRows(ref: number) {
  return t.db
    .selectFrom('fraud_flags')
    .select(['rule', 'mode', 'event_id'])
    .where('customer_id', '=', BigInt(ref))
    .execute();
}

describe('every fraud rule in off, flag and hold', () => {
  for (const [rule, scenario] of Object.entries(SCENARIOS)) {
    it(`${rule}: off keeps the event unmarked`, async () => {
      const s = await seedBrand(t, admin);
      await ok(
        await setRule(s.brand.id, rule, {
          mode: 'off',
          ...(scenario.params ? { params: scenario.params } : {}),
        }),
      );
      const event = await scenario.trigger(s);
      expect(event).toMatchObject({ flags: [], held: false });
      expect(await customer(event.customer_ref)).toMatchObject({ flags: [], held: false });
      expect(await flagRows(event.customer_ref)).toEqual([]);
    });

    it(`${rule}: flag keeps the event and marks the customer, with a fraud flag`, async () => {
      const s = await seedBrand(t, admin);
      await ok(
        await setRule(s.brand.id, rule, {
          mode: 'flag',
          ...(scenario.params ? { params: scenario.params } : {}),
        }),
      );
      const event = await scenario.trigger(s);
      expect(event).toMatchObject({ flags: [rule], held: false });
      const c = await customer(event.customer_ref);
      expect(c).toMatchObject({ flags: [rule], held: false });
      expect(c.timeline.filter((e: { kind: string }) => e.kind === 'fraud_flag')).toEqual([
        expect.objectContaining({
          flag: expect.objectContaining({ rule, mode: 'flag', event_ref: event.id }),
        }),
      ]);
      expect(await flagRows(event.customer_ref)).toEqual([
        { rule, mode: 'flag', event_id: BigInt(event.id) },
      ]);
      const fine = await scenario.clean(s);
      expect(fine).toMatchObject({ flags: [], held: false });
      expect(await flagRows(fine.customer_ref)).toEqual([]);
    });

    it(`${rule}: hold marks and holds the customer and its later events`, async () => {
      const s = await seedBrand(t, admin);
      await ok(
        await setRule(s.brand.id, rule, {
          mode: 'hold',
          ...(scenario.params ? { params: scenario.params } : {}),
        }),
      );
      const event = await scenario.trigger(s);
      expect(event).toMatchObject({ flags: [rule], held: true });
      const c = await customer(event.customer_ref);
      expect(c).toMatchObject({ flags: [rule], held: true });
      expect(await flagRows(event.customer_ref)).toEqual([
        { rule, mode: 'hold', event_id: BigInt(event.id) },
      ]);
      const deposit = await send({
        type: 'deposit',
        event_id: uid('dep'),
        brand_id: s.brand.id,
        customer_id: c.customer_id,
        occurred_at: ago(DAY / 2).toISOString(),
        amount: 2500,
        currency: 'EUR',
      });
      // Held, and not flagged again: a customer matches a rule once.
      expect(deposit).toMatchObject({ held: true, flags: [] });
      expect((await ok(await api('GET', `/events/${deposit.id}`))).held).toBe(true);
      expect(await flagRows(event.customer_ref)).toHaveLength(1);
      const held = await ok(await api('GET', `/customers?brand_id=${s.brand.id}&held=true`));
      expect(held.data.map((x: { id: number }) => x.id)).toEqual([event.customer_ref]);
    });
  }
});

describe('GET and PUT /brands/{id}/fraud-rules', () => {
  it('lists all five rules, off with their defaults until set; a set rule reads back, audited', async () => {
    const s = await seedBrand(t, admin);
    const list = await ok(await api('GET', `/brands/${s.brand.id}/fraud-rules`));
    expect(
      list.data.map((r: { rule: string; mode: string; params: object; updated_at: null }) => [
        r.rule,
        r.mode,
        r.params,
        r.updated_at,
      ]),
    ).toEqual([
      ['bot_click', 'off', {}, null],
      ['fast_registration', 'off', { seconds: 10 }, null],
      ['self_referral', 'off', {}, null],
      ['duplicate_customer', 'off', { match: ['email_hash', 'ip', 'device_id'] }, null],
      ['country_not_allowed', 'off', { countries: [] }, null],
    ]);
    expect(list.data.every((r: { description: string }) => r.description.length > 20)).toBe(true);

    const set = await ok(
      await setRule(s.brand.id, 'country_not_allowed', {
        mode: 'hold',
        params: { countries: ['nl', 'DE', 'NL'] },
      }),
    );
    expect(set).toMatchObject({
      rule: 'country_not_allowed',
      mode: 'hold',
      params: { countries: ['DE', 'NL'] },
    });
    await ok(await setRule(s.brand.id, 'fast_registration', { mode: 'flag' }));
    const after = await ok(await api('GET', `/brands/${s.brand.id}/fraud-rules`));
    const byRule = Object.fromEntries(after.data.map((r: { rule: string }) => [r.rule, r]));
    expect(byRule.country_not_allowed).toMatchObject({ mode: 'hold', params: { countries: ['DE', 'NL'] } });
    expect(byRule.fast_registration).toMatchObject({ mode: 'flag', params: { seconds: 10 } });
    expect(byRule.fast_registration.updated_at).not.toBeNull();
    expect(byRule.bot_click).toMatchObject({ mode: 'off', updated_at: null });
    // Switched off again: the row stays, off.
    await ok(await setRule(s.brand.id, 'fast_registration', { mode: 'off' }));
    expect((await ruleRows(s.brand.id)).map((r) => [r.rule, r.mode])).toEqual([
      ['country_not_allowed', 'hold'],
      ['fast_registration', 'off'],
    ]);
    expect(await ruleAudit(s.brand.id)).toEqual([
      { action: 'updated', fields: ['country_not_allowed.mode', 'country_not_allowed.params'] },
      { action: 'updated', fields: ['fast_registration.mode'] },
      { action: 'updated', fields: ['fast_registration.mode'] },
    ]);
  });

  it('refuses bad settings naming each one, and changes nothing', async () => {
    const s = await seedBrand(t, admin);
    await ok(await setRule(s.brand.id, 'fast_registration', { mode: 'flag', params: { seconds: 20 } }));
    const before = { rules: await ruleRows(s.brand.id), audit: await ruleAudit(s.brand.id) };
    const problems = async (rule: string, body: object) => {
      const res = await setRule(s.brand.id, rule, body);
      expect(res.statusCode, res.body).toBe(422);
      return res.json().error.details.fields;
    };
    expect(await problems('fast_registration', { mode: 'hold', params: { seconds: 0 } })).toEqual([
      { path: 'params.seconds', message: 'must be a whole number of seconds from 1 to 3600' },
    ]);
    expect(
      await problems('fast_registration', { mode: 'hold', params: { seconds: 3601, match: ['ip'] } }),
    ).toEqual([
      { path: 'params.match', message: 'is not a setting of fast_registration (its setting is seconds)' },
      { path: 'params.seconds', message: 'must be a whole number of seconds from 1 to 3600' },
    ]);
    expect(await problems('bot_click', { mode: 'flag', params: { seconds: 5 } })).toEqual([
      { path: 'params.seconds', message: 'is not a setting of bot_click, which has none' },
    ]);
    expect(await problems('duplicate_customer', { mode: 'flag', params: { match: [] } })).toEqual([
      { path: 'params.match', message: 'choose at least one of email_hash, ip or device_id' },
    ]);
    expect(
      await problems('duplicate_customer', { mode: 'flag', params: { match: ['ip', 'phone'] } }),
    ).toEqual([{ path: 'params.match[1]', message: 'must be email_hash, ip or device_id' }]);
    expect(
      await problems('country_not_allowed', { mode: 'flag', params: { countries: ['DE', 'XX', 'Germany'] } }),
    ).toEqual([
      { path: 'params.countries[1]', message: 'unknown country "XX"' },
      { path: 'params.countries[2]', message: 'must be a two-letter country code, e.g. DE' },
    ]);
    expect(await problems('country_not_allowed', { mode: 'hold' })).toEqual([
      {
        path: 'params.countries',
        message: 'list at least one country customers may come from, or switch the rule off',
      },
    ]);
    expect((await setRule(s.brand.id, 'fast_registration', { mode: 'sometimes' })).statusCode).toBe(422);
    expect((await setRule(s.brand.id, 'made_up_rule', { mode: 'flag' })).statusCode).toBe(422);
    expect({ rules: await ruleRows(s.brand.id), audit: await ruleAudit(s.brand.id) }).toEqual(before);
    expect((await setRule(2_000_000_000, 'bot_click', { mode: 'flag' })).statusCode).toBe(404);
    expect((await api('GET', '/brands/2000000000/fraud-rules')).statusCode).toBe(404);
  });

  it('needs the write scope to change a rule, read to see them', async () => {
    const s = await seedBrand(t, admin);
    const reader = await t.apiKey(['read']);
    const url = `/api/v1/brands/${s.brand.id}/fraud-rules`;
    expect((await t.call(reader, { method: 'GET', url })).statusCode).toBe(200);
    const put = await t.call(reader, { method: 'PUT', url: `${url}/bot_click`, payload: { mode: 'flag' } });
    expect(put.statusCode).toBe(403);
    expect(await ruleRows(s.brand.id)).toEqual([]);
  });
});
