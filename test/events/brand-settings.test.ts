import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { ago, DAY, ok, operatorApi } from './api.ts';
import { insertClick, post, seedBrand, seedSecondAffiliate, uid } from './helpers.ts';

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

const SETTINGS = ['attribution_binding', 'click_lookback_days', 'show_customer_ids'] as const;
const settingsOf = (brand: Record<string, unknown>) => Object.fromEntries(SETTINGS.map((k) => [k, brand[k]]));

describe('brand attribution settings', () => {
  it('a new brand is lifetime, 30 days, ids masked; the settings are set at creation and read back', async () => {
    const plain = await ok(await api('POST', '/brands', { name: uid('Plain'), base_currency: 'EUR' }), 201);
    expect(settingsOf(plain)).toEqual({
      attribution_binding: 'lifetime',
      click_lookback_days: 30,
      show_customer_ids: false,
    });
    const saas = await ok(
      await api('POST', '/brands', {
        name: uid('Saas'),
        base_currency: 'USD',
        attribution_binding: 'last_click',
        click_lookback_days: 7,
        show_customer_ids: true,
      }),
      201,
    );
    const wanted = { attribution_binding: 'last_click', click_lookback_days: 7, show_customer_ids: true };
    expect(settingsOf(saas)).toEqual(wanted);
    expect(settingsOf(await ok(await api('GET', `/brands/${saas.id}`)))).toEqual(wanted);
    const listed = (await ok(await api('GET', '/brands'))).data.find((b: { id: number }) => b.id === saas.id);
    expect(settingsOf(listed)).toEqual(wanted);
    const audit = await t.db
      .selectFrom('catalog_changes')
      .select('fields')
      .where('entity', '=', 'brand')
      .where('entity_id', '=', saas.id)
      .execute();
    expect(audit).toEqual([
      {
        fields: ['attribution_binding', 'base_currency', 'click_lookback_days', 'name', 'show_customer_ids'],
      },
    ]);
  });

  it('lists every problem in one answer and changes nothing', async () => {
    const brand = await ok(await api('POST', '/brands', { name: uid('Checked'), base_currency: 'EUR' }), 201);
    const res = await api('PATCH', `/brands/${brand.id}`, {
      name: '  ',
      base_currency: 'XXX',
      tracking_domain: 'ftp://go.example.com',
      click_lookback_days: 0,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'name',
      'base_currency',
      'tracking_domain',
      'click_lookback_days',
    ]);
    expect(res.json().error.details.fields[3].message).toBe('must be a whole number of days from 1 to 3650');
    const tooLong = await api('POST', '/brands', {
      name: uid('Long'),
      base_currency: 'EUR',
      click_lookback_days: 3651,
    });
    expect(tooLong.json().error.details.fields).toEqual([
      { path: 'click_lookback_days', message: 'must be a whole number of days from 1 to 3650' },
    ]);
    const binding = await api('PATCH', `/brands/${brand.id}`, { attribution_binding: 'first_click' });
    expect(binding.statusCode).toBe(422);
    expect(binding.json().error.details.fields[0].path).toBe('attribution_binding');
    expect(await ok(await api('GET', `/brands/${brand.id}`))).toEqual(brand);
  });

  it('switching lifetime to last_click through the API lets a newer click take the customer over', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const player = uid('player');
    const event = (at: Date, clickId: string) => ({
      type: 'custom',
      name: 'login',
      event_id: uid('login'),
      brand_id: s.brand.id,
      customer_id: player,
      occurred_at: at.toISOString(),
      click_id: clickId,
    });
    await post(t, events, event(ago(5 * DAY), await insertClick(t, s.promo, ago(6 * DAY))));
    const kept = await post(t, events, event(ago(3 * DAY), await insertClick(t, other.promo, ago(4 * DAY))));
    expect(kept.json().event.attribution).toMatchObject({ method: 'customer', affiliate_id: s.affiliateId });
    expect(kept.json().event.attribution.explanation.rejected[0].reason).toBe('customer_bound');

    await ok(await api('PATCH', `/brands/${s.brand.id}`, { attribution_binding: 'last_click' }));
    const taken = await post(t, events, event(ago(DAY), await insertClick(t, other.promo, ago(2 * DAY))));
    expect(taken.json().event.attribution).toMatchObject({
      method: 'click_id',
      affiliate_id: other.affiliateId,
    });
    expect(taken.json().event.attribution.explanation.policy).toEqual({
      binding: 'last_click',
      click_lookback_days: 30,
    });
  });

  it('the lookback window set through the API decides which clicks are too old', async () => {
    const s = await seedBrand(t, admin);
    await ok(await api('PATCH', `/brands/${s.brand.id}`, { click_lookback_days: 3 }));
    const registration = async (clickAge: number) =>
      (
        await post(t, events, {
          type: 'registration',
          event_id: uid('reg'),
          brand_id: s.brand.id,
          customer_id: uid('player'),
          occurred_at: ago(DAY).toISOString(),
          click_id: await insertClick(t, s.promo, ago(DAY + clickAge)),
        })
      ).json().event.attribution;
    expect(await registration(2 * DAY)).toMatchObject({ status: 'attributed', method: 'click_id' });
    const old = await registration(4 * DAY);
    expect(old.status).toBe('unattributed');
    expect(old.explanation.rejected[0]).toMatchObject({ kind: 'click_id', reason: 'expired' });
    expect(old.explanation.policy).toEqual({ binding: 'lifetime', click_lookback_days: 3 });
  });
});
