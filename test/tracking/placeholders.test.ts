import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { makeTrafficSource, seedPromo } from './helpers.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await createTestApp();
  key = await t.apiKey(['read', 'write']);
});
afterAll(() => t.close());

interface Placeholders {
  built_in: { name: string; meaning: string; sample: string }[];
  sub_ids: string[];
}

async function placeholders(): Promise<Placeholders> {
  const res = await t.call(key, { url: '/api/v1/tracking/placeholders' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/v1/tracking/placeholders', () => {
  it('lists the built-in names with a meaning and a sample each, and the sub-ids', async () => {
    const list = await placeholders();
    expect(list.built_in.map((p) => p.name)).toContain('click_id');
    for (const p of list.built_in) {
      expect(p.name).toMatch(/^[a-z_]+$/);
      expect(p.meaning, p.name).not.toBe('');
      expect(p.sample, p.name).not.toBe('');
    }
    expect(list.sub_ids).toEqual(['sub1', 'sub2', 'sub3', 'sub4', 'sub5']);
    const readOnly = await t.apiKey(['read']);
    expect((await t.call(readOnly, { url: '/api/v1/tracking/placeholders' })).statusCode).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/tracking/placeholders' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is what a click fills: every built-in gets a value the query string cannot replace', async () => {
    const { built_in, sub_ids } = await placeholders();
    const names = [...built_in.map((p) => p.name), ...sub_ids];
    const url = `https://land.example/in?${names.map((n) => `${n}={{${n}}}`).join('&')}`;
    const { link, campaign } = await seedPromo(t, key, url);
    const source = await makeTrafficSource(t.db, 'Newsletter');
    const created = await t.call(key, {
      method: 'POST',
      url: `/api/v1/campaigns/${campaign.id}/promos`,
      payload: { destination_link_id: link.id, traffic_source_id: source },
    });
    expect(created.statusCode, created.body).toBe(201);
    const promo = created.json();

    // Every built-in name passed as a query parameter too: the click must keep its own value.
    const query = [...built_in.map((p) => `${p.name}=forged`), ...sub_ids.map((s) => `${s}=v-${s}`)];
    const res = await t.app.inject({ method: 'GET', url: `/c/${promo.code}?${query.join('&')}` });
    expect(res.statusCode).toBe(302);
    const filled = new URL(res.headers.location as string).searchParams;
    for (const { name } of built_in) {
      expect(filled.get(name), name).toBeTruthy();
      expect(filled.get(name), name).not.toBe('forged');
    }
    expect(filled.get('click_id')).toBe(res.cookies.find((c) => c.name === 'affluent_click')!.value);
    expect(filled.get('promo_code')).toBe(promo.code);
    expect(filled.get('traffic_source_id')).toBe(String(source));
    for (const s of sub_ids) expect(filled.get(s)).toBe(`v-${s}`);

    // The sub-ids are the ones stored in columns of their own.
    await t.app.tracking.clicks.flush();
    const row = await t.db
      .selectFrom('clicks')
      .selectAll()
      .where('id', '=', filled.get('click_id')!)
      .executeTakeFirstOrThrow();
    for (const s of sub_ids) expect(row[s as 'sub1'], s).toBe(`v-${s}`);

    // And nothing the click fills by itself is missing from the list.
    const route = t.app.tracking.cache.get(promo.code)!;
    expect(['click_id', ...route.builtIns.keys()].sort()).toEqual(
      built_in.map((b: { name: string }) => b.name).sort(),
    );
  });

  it('names exactly the parameters a promo may not set itself', async () => {
    const { built_in } = await placeholders();
    const { link, campaign } = await seedPromo(t, key, 'https://land.example/');
    const res = await t.call(key, {
      method: 'POST',
      url: `/api/v1/campaigns/${campaign.id}/promos`,
      payload: {
        destination_link_id: link.id,
        custom_params: { ...Object.fromEntries(built_in.map((p) => [p.name, 'x'])), sub1: 'ok' },
      },
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths.sort()).toEqual(built_in.map((p) => `custom_params.${p.name}`).sort());
  });
});
