import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The program as affiliates meet it before signing in: its name and terms (set by an admin),
// the brands, and the lists the application form picks from.
let t: TestApp;
let admin: string;
let reader: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  reader = await t.apiKey(['read']);
});
afterAll(() => t.close());

const publicGet = async (path: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/partner/v1${path}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const setProgram = (key: string, payload: unknown) =>
  t.call(key, { method: 'PATCH', url: '/api/v1/settings/program', payload: payload as object });
const stored = async () =>
  (await t.db.selectFrom('platform_settings').select('value').where('key', '=', 'program').executeTakeFirst())
    ?.value ?? null;

describe('the program', () => {
  it('is named after its only enabled brand until an admin names it, and links its terms', async () => {
    expect(await publicGet('/program')).toEqual({ name: 'Affiliate program', terms_url: null, brands: [] });

    const brand = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/brands',
      payload: { name: 'Lucky Star', base_currency: 'EUR' },
    });
    expect(brand.statusCode, brand.body).toBe(201);
    const luckyId = brand.json().id;
    expect(await publicGet('/program')).toEqual({
      name: 'Lucky Star affiliate program',
      terms_url: null,
      brands: [{ id: luckyId, name: 'Lucky Star' }],
    });
    // A disabled brand is not promoted: it is neither listed nor counted.
    const off = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/brands',
      payload: { name: 'Closed Casino', base_currency: 'EUR', enabled: false },
    });
    expect(off.statusCode, off.body).toBe(201);
    expect((await publicGet('/program')).name).toBe('Lucky Star affiliate program');
    const second = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/brands',
      payload: { name: 'Bingo Bay', base_currency: 'EUR' },
    });
    expect((await publicGet('/program')).brands.map((b: { name: string }) => b.name)).toEqual([
      'Bingo Bay',
      'Lucky Star',
    ]);
    expect((await publicGet('/program')).name).toBe('Affiliate program');

    const named = await setProgram(admin, {
      name: '  Star Partners ',
      terms_url: 'https://partners.example.com/terms',
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ name: 'Star Partners', configured_name: 'Star Partners' });
    expect(await publicGet('/program')).toEqual({
      name: 'Star Partners',
      terms_url: 'https://partners.example.com/terms',
      brands: [
        { id: second.json().id, name: 'Bingo Bay' },
        { id: luckyId, name: 'Lucky Star' },
      ],
    });
    const read = await t.call(reader, { method: 'GET', url: '/api/v1/settings/program' });
    expect(read.json()).toMatchObject({
      name: 'Star Partners',
      terms_url: 'https://partners.example.com/terms',
    });

    // One field at a time; an empty one clears it, and the name falls back again.
    expect((await setProgram(admin, { terms_url: '' })).json()).toMatchObject({
      name: 'Star Partners',
      terms_url: null,
    });
    expect((await setProgram(admin, { name: null })).json()).toMatchObject({
      name: 'Affiliate program',
      configured_name: null,
    });
    expect(await stored()).toEqual({ name: null, terms_url: null });
  });

  it('refuses bad values all in one answer, and anyone but an admin, changing nothing', async () => {
    const before = await stored();
    const bad = await setProgram(admin, { name: 'x'.repeat(101), terms_url: 'ftp://example.com/terms' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields).toEqual([
      { path: 'name', message: 'must be at most 100 characters' },
      { path: 'terms_url', message: 'enter a web address like https://example.com/terms' },
    ]);
    const refused = await setProgram(reader, { name: 'Mine' });
    expect(refused.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

describe('the lists of the application form', () => {
  it('offers every country and the enabled currencies only, without signing in; an admin chooses which', async () => {
    const countries = (await publicGet('/countries')).data as { code: string; name: string }[];
    expect(countries).toHaveLength(250);
    expect(countries.find((c) => c.code === 'NL')).toMatchObject({ name: 'Netherlands' });

    const listed = async () =>
      ((await publicGet('/currencies')).data as { code: string }[]).map((c) => c.code);
    const enabled = await t.db.selectFrom('currencies').select('code').where('enabled', '=', true).execute();
    expect((await listed()).sort()).toEqual(enabled.map((c) => c.code).sort());
    expect(await listed()).toContain('BTC');
    // An administrator who stops offering a crypto currency takes it out of every picker; what
    // already uses it keeps it, and it cannot be chosen anew.
    const offer = (enabled: boolean, key = admin) =>
      t.call(key, { method: 'PATCH', url: '/api/v1/currencies/btc', payload: { enabled } });
    const brand = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/brands',
      payload: { name: 'Crypto Casino', base_currency: 'BTC', enabled: false },
    });
    expect(brand.statusCode, brand.body).toBe(201);
    try {
      expect((await offer(false, reader)).statusCode).toBe(403);
      expect(await listed()).toContain('BTC');
      const off = await offer(false);
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ code: 'BTC', is_crypto: true, enabled: false });
      expect(await listed()).not.toContain('BTC');
      expect(await listed()).toContain('EUR');
      const operatorList = await t.call(reader, { url: '/api/v1/currencies?enabled=true' });
      expect(operatorList.json().data.map((c: { code: string }) => c.code)).not.toContain('BTC');
      const again = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/brands',
        payload: { name: 'Second Crypto Casino', base_currency: 'BTC' },
      });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.details.fields).toEqual([
        { path: 'base_currency', message: 'currency BTC is not enabled' },
      ]);
      const kept = await t.call(reader, { url: `/api/v1/brands/${brand.json().id}` });
      expect(kept.json().base_currency).toBe('BTC');
      expect(
        (await t.call(admin, { method: 'PATCH', url: '/api/v1/currencies/XYZ', payload: { enabled: true } }))
          .statusCode,
      ).toBe(404);
    } finally {
      expect((await offer(true)).statusCode).toBe(200);
    }
    expect(await listed()).toContain('BTC');
  });

  it('offers the active traffic sources, never the archived ones', async () => {
    const add = async (name: string, status = 'active') => {
      const res = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/traffic-sources',
        payload: { name, description: `${name} traffic`, status },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const seo = await add('SEO');
    const social = await add('Social media');
    const popUnders = await add('Pop-unders', 'archived');
    const listed = (await publicGet('/traffic-sources')).data as { id: number }[];
    // Other cases of this file add sources too: only this case's are compared.
    expect(listed.filter((s) => [seo, social, popUnders].includes(s.id))).toEqual([
      { id: seo, name: 'SEO', description: 'SEO traffic' },
      { id: social, name: 'Social media', description: 'Social media traffic' },
    ]);
    const active = await t.db
      .selectFrom('traffic_sources')
      .select('id')
      .where('status', '=', 'active')
      .execute();
    expect(listed.map((s) => s.id).sort()).toEqual(active.map((s) => s.id).sort());
  });
});

describe('an application', () => {
  const apply = (extra: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/sign-up',
      payload: {
        email: `applicant${Math.random().toString(36).slice(2)}@example.com`,
        password: 'Str0ng#password',
        first_name: 'Ann',
        last_name: 'Lee',
        terms_accepted: true,
        ...extra,
      },
    });
  const affiliates = () => t.db.selectFrom('affiliates').select(['id']).execute();

  it('records the country and the main traffic source chosen on the form', async () => {
    const source = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/traffic-sources',
      payload: { name: 'Email newsletters' },
    });
    const res = await apply({
      company_name: 'Newsletter Co',
      country_code: 'nl',
      traffic_source_id: source.json().id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db
      .selectFrom('affiliates')
      .select(['country_code', 'traffic_source_id', 'status'])
      .where('name', '=', 'Newsletter Co')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ country_code: 'NL', traffic_source_id: source.json().id, status: 'pending' });
  });

  it('refuses an archived or unknown traffic source, with the other problems, creating nothing', async () => {
    const archived = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/traffic-sources',
      payload: { name: 'Old pop-ups', status: 'archived' },
    });
    const before = (await affiliates()).length;
    const res = await apply({ traffic_source_id: archived.json().id, first_name: '' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual(
      expect.arrayContaining([
        { path: 'first_name', message: 'is required' },
        { path: 'traffic_source_id', message: 'that traffic source is archived' },
      ]),
    );
    const unknown = await apply({ traffic_source_id: 999999 });
    expect(unknown.json().error.details.fields).toEqual([
      { path: 'traffic_source_id', message: 'no traffic source with id 999999' },
    ]);
    expect((await affiliates()).length).toBe(before);
  });
});
