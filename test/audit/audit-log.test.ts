import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The audit log: each settings change and each catalog change appears once, with who made it.

let t: TestApp;
let admin: string;
let adminKeyId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  const keys = await t.db.selectFrom('api_keys').select('id').orderBy('id', 'desc').execute();
  adminKeyId = keys[0]!.id;
});
afterAll(() => t.close());

const call = (method: string, url: string, payload?: unknown, key = admin) =>
  t.call(key, { method: method as 'GET', url: `/api/v1${url}`, payload: payload as object });
const log = async (query: string) => {
  const res = await call('GET', `/audit-log?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: Record<string, any>[]; paging: { total: number } };
};
const byKey = { actor_type: 'api_key', actor_id: expect.any(Number), actor_name: 'test' };

describe('the audit log', () => {
  it('names who revoked an API key, once however often it is revoked', async () => {
    const created = await call('POST', '/api-keys', { name: 'Partner feed', scopes: ['read'] });
    expect(created.statusCode).toBe(201);
    const id = created.json().api_key.id as number;
    expect((await call('DELETE', `/api-keys/${id}`)).statusCode).toBe(200);
    expect((await call('DELETE', `/api-keys/${id}`)).statusCode).toBe(200);
    const lines = await log(`entity=api_key&entity_id=${id}`);
    expect(lines.data).toEqual([
      expect.objectContaining({
        source: 'settings',
        entity: 'api_key',
        entity_id: String(id),
        action: 'revoked',
        detail: { name: 'Partner feed' },
        ...byKey,
        actor_id: adminKeyId,
      }),
    ]);
    expect(lines.paging.total).toBe(1);
  });

  it('records a currency switched off and on, and nothing for a switch that changes nothing', async () => {
    for (const enabled of [false, false, true])
      expect((await call('PATCH', '/currencies/NOK', { enabled })).statusCode).toBe(200);
    const lines = await log('entity=currency&entity_id=NOK');
    expect(lines.data.map((l) => l.action)).toEqual(['enabled', 'disabled']);
    expect(lines.data[0]).toMatchObject(byKey);
  });

  it('records a load of exchange rates that changed something, with its counts and dates', async () => {
    const rates = [
      { base: 'EUR', quote: 'SEK', date: '2031-04-01', rate: '11.2' },
      { base: 'EUR', quote: 'SEK', date: '2031-04-03', rate: '11.3' },
    ];
    expect((await call('POST', '/exchange-rates', { rates })).statusCode).toBe(200);
    // The same load again changes nothing, so it adds no line.
    expect((await call('POST', '/exchange-rates', { rates })).json()).toMatchObject({ unchanged: 2 });
    const lines = (await log('entity=exchange_rates')).data.filter(
      (l) => l.detail.dates?.from === '2031-04-01',
    );
    expect(lines).toEqual([
      expect.objectContaining({
        action: 'loaded',
        entity_id: null,
        detail: {
          received: 2,
          inserted: 2,
          updated: 0,
          unchanged: 0,
          dates: { from: '2031-04-01', until: '2031-04-03' },
        },
        ...byKey,
      }),
    ]);
  });

  it('records managed list entries and custom tags created, renamed and deleted', async () => {
    const tier = (await call('POST', '/affiliate-tiers', { name: 'Audit Gold' })).json();
    expect((await call('PATCH', `/affiliate-tiers/${tier.id}`, { name: 'Audit Platinum' })).statusCode).toBe(
      200,
    );
    expect((await call('DELETE', `/affiliate-tiers/${tier.id}`)).statusCode).toBe(204);
    const tierLines = await log(`entity=managed_list_entry&entity_id=${tier.id}`);
    expect(tierLines.data.map((l) => [l.action, l.detail])).toEqual([
      ['deleted', { list: 'tiers', name: 'Audit Platinum' }],
      ['updated', { list: 'tiers', name: 'Audit Platinum' }],
      ['created', { list: 'tiers', name: 'Audit Gold', description: '' }],
    ]);

    const tag = (await call('POST', '/custom-tags', { name: 'Audit vertical', values: ['Casino'] })).json();
    const value = (await call('POST', `/custom-tags/${tag.id}/values`, { value: 'Sports' })).json();
    const sports = value.values.find((v: { value: string }) => v.value === 'Sports');
    expect((await call('DELETE', `/custom-tags/${tag.id}/values/${sports.id}`)).statusCode).toBe(200);
    expect((await log(`entity=custom_tag&entity_id=${tag.id}`)).data.map((l) => l.action)).toEqual([
      'created',
    ]);
    expect(
      (await log(`entity=custom_tag_value&entity_id=${sports.id}`)).data.map((l) => [
        l.action,
        l.detail.value,
      ]),
    ).toEqual([
      ['deleted', 'Sports'],
      ['created', 'Sports'],
    ]);
  });

  it('shows catalog changes beside the settings, with the fields they named', async () => {
    const brand = (
      await call('POST', '/brands', { name: `Audit brand ${Date.now()}`, base_currency: 'EUR' })
    ).json();
    expect((await call('PATCH', `/brands/${brand.id}`, { enabled: false })).statusCode).toBe(200);
    const lines = await log(`entity=brand&entity_id=${brand.id}`);
    expect(lines.data).toHaveLength(2);
    expect(lines.data[0]).toMatchObject({ source: 'catalog', detail: { fields: ['enabled'] }, ...byKey });
    expect(lines.data[0]?.id).toMatch(/^catalog:\d+$/);
  });

  it('pages and filters by actor and time', async () => {
    // Two lines of its own, so the page of one has more behind it whatever ran before.
    for (const name of ['Paging one', 'Paging two']) {
      const created = await call('POST', '/api-keys', { name, scopes: ['read'] });
      expect((await call('DELETE', `/api-keys/${created.json().api_key.id}`)).statusCode).toBe(200);
    }
    const page = await log('page_size=1&actor_type=api_key');
    expect(page.data).toHaveLength(1);
    expect(page.paging.total).toBeGreaterThan(1);
    const none = await log(`actor_type=cli&from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(none).toEqual({ data: [], paging: { page: 1, page_size: 50, total: 0 } });
  });

  it('is for administrators, and its lines cannot be changed', async () => {
    const reader = await t.apiKey(['read']);
    expect((await call('GET', '/audit-log', undefined, reader)).statusCode).toBe(403);
    const bad = await call('GET', '/audit-log?actor_type=robot&page=0');
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['actor_type', 'page']);
    // A line of each source of its own, then the database refuses to rewrite or remove either.
    expect((await call('PATCH', '/currencies/DKK', { enabled: false })).statusCode).toBe(200);
    expect(
      (await call('POST', '/brands', { name: `Kept ${Date.now()}`, base_currency: 'EUR' })).statusCode,
    ).toBe(201);
    await expect(t.db.updateTable('operator_changes').set({ action: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.deleteFrom('catalog_changes').execute()).rejects.toThrow(/append-only/);
    await call('PATCH', '/currencies/DKK', { enabled: true });
  });
});
