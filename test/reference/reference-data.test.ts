import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { assertCountry } from '../../src/core/reference/get-country.ts';
import { assertCurrency } from '../../src/core/reference/get-currency.ts';
import { assertRegion } from '../../src/core/reference/get-region.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await createTestApp();
  key = await t.apiKey(['read']);
});
afterAll(() => t.close());

const get = (url: string) => t.call(key, { url });

/** The 422 field paths an operation fails with. */
async function failedFields(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('validation_failed');
  return ((error as AppError).details as { fields: { path: string }[] }).fields.map((f) => f.path);
}

describe('currencies', () => {
  it('lists ISO 4217 currencies with their minor unit, and crypto up to 8 decimals', async () => {
    const res = await get('/api/v1/currencies');
    expect(res.statusCode).toBe(200);
    const byCode = new Map(res.json().data.map((c: { code: string }) => [c.code, c]));
    expect(byCode.get('EUR')).toEqual({
      code: 'EUR',
      numeric: '978',
      name: 'Euro',
      minor_unit: 2,
      is_crypto: false,
      enabled: true,
    });
    expect(byCode.get('JPY')).toMatchObject({ minor_unit: 0 });
    expect(byCode.get('BHD')).toMatchObject({ minor_unit: 3 });
    expect(byCode.get('CLF')).toMatchObject({ minor_unit: 4, enabled: false });
    expect(byCode.get('BTC')).toMatchObject({ minor_unit: 8, is_crypto: true, numeric: null });
    expect(byCode.get('USDT')).toMatchObject({ minor_unit: 6, is_crypto: true });
    expect(byCode.has('XAU')).toBe(false);
    expect(byCode.size).toBeGreaterThan(170);
  });

  it('filters by crypto and enabled', async () => {
    const crypto = (await get('/api/v1/currencies?crypto=true')).json().data;
    expect(crypto.every((c: { is_crypto: boolean }) => c.is_crypto)).toBe(true);
    expect(crypto.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['BTC', 'ETH', 'LTC']),
    );
    const disabled = (await get('/api/v1/currencies?enabled=false')).json().data;
    expect(disabled.map((c: { code: string }) => c.code)).toContain('BOV');
    expect(disabled.every((c: { enabled: boolean }) => !c.enabled)).toBe(true);
  });

  it('gets one by code in any case, 404 for an unknown one', async () => {
    expect((await get('/api/v1/currencies/jpy')).json()).toMatchObject({ code: 'JPY', minor_unit: 0 });
    const missing = await get('/api/v1/currencies/XYZ');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'not_found', message: 'currency XYZ not found' });
  });

  it('needs authentication', async () => {
    expect((await t.call(null, { url: '/api/v1/currencies' })).statusCode).toBe(401);
  });

  it('assertCurrency names the field for unknown and disabled codes', async () => {
    expect((await assertCurrency(t.db, ' usd', 'default_currency')).code).toBe('USD');
    expect(await failedFields(assertCurrency(t.db, 'XYZ', 'default_currency'))).toEqual(['default_currency']);
    expect(await failedFields(assertCurrency(t.db, 'BOV', 'plans[0].currency'))).toEqual([
      'plans[0].currency',
    ]);
    expect(await failedFields(assertCurrency(t.db, 42, 'currency'))).toEqual(['currency']);
    expect((await assertCurrency(t.db, 'BOV', 'x', { allowDisabled: true })).enabled).toBe(false);
  });
});

describe('countries and regions', () => {
  it('lists all ISO 3166-1 countries', async () => {
    const data = (await get('/api/v1/countries')).json().data;
    expect(data).toHaveLength(250);
    expect(data.find((c: { code: string }) => c.code === 'US')).toEqual({
      code: 'US',
      alpha3: 'USA',
      numeric: '840',
      name: 'United States',
    });
    expect(data.find((c: { code: string }) => c.code === 'XK')).toMatchObject({ name: 'Kosovo' });
  });

  it('gets one country, 404 for an unknown code', async () => {
    expect((await get('/api/v1/countries/de')).json()).toMatchObject({ code: 'DE', alpha3: 'DEU' });
    const missing = await get('/api/v1/countries/ZZ');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it("lists a country's regions by code without the country prefix", async () => {
    const us = (await get('/api/v1/countries/us/regions')).json().data;
    expect(us).toContainEqual({
      country_code: 'US',
      code: 'CA',
      name: 'California',
      type: 'State',
      parent_code: null,
    });
    const gb = (await get('/api/v1/countries/GB/regions')).json().data;
    expect(gb.find((r: { code: string }) => r.code === 'BFS')).toMatchObject({ parent_code: 'NIR' });
    const fr = (await get('/api/v1/countries/FR/regions')).json().data;
    expect(fr.length).toBeGreaterThan(100);
    expect((await get('/api/v1/countries/ZZ/regions')).statusCode).toBe(404);
  });

  it('assertCountry and assertRegion name the field', async () => {
    expect((await assertCountry(t.db, 'gb', 'country_code')).code).toBe('GB');
    expect(await failedFields(assertCountry(t.db, 'ZZ', 'country_code'))).toEqual(['country_code']);
    expect(await failedFields(assertCountry(t.db, 'USA', 'address.country_code'))).toEqual([
      'address.country_code',
    ]);
    expect((await assertRegion(t.db, 'US', 'ca', 'region_code')).name).toBe('California');
    expect((await assertRegion(t.db, 'US', 'US-TX', 'region_code')).name).toBe('Texas');
    expect(await failedFields(assertRegion(t.db, 'US', 'ON', 'address.region_code'))).toEqual([
      'address.region_code',
    ]);
    expect(await failedFields(assertRegion(t.db, 'US', '', 'region_code'))).toEqual(['region_code']);
  });

  it('documents the reference routes in OpenAPI', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    for (const path of [
      '/api/v1/currencies',
      '/api/v1/currencies/{code}',
      '/api/v1/countries',
      '/api/v1/countries/{code}',
      '/api/v1/countries/{code}/regions',
      '/api/v1/exchange-rates',
      '/api/v1/exchange-rates/rate',
      '/api/v1/exchange-rates/convert',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
    }
    expect(spec.paths['/api/v1/exchange-rates/rate'].get.description).toContain('on or before');
    expect(spec.paths['/api/v1/exchange-rates'].post.tags).toEqual(['exchange rates']);
  });
});
