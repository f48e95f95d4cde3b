import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

// News: the operator writes drafts and publishes them; affiliates read the published ones of the
// program's brands, newest first; publishing emails the users subscribed to news. Other tests
// publish too, so each reads relative to its own items.
let t: IdentityTestApp;
let a: Partner;
let reader: string;
let unique = 0;
const label = (s: string) => `${s} ${process.pid}-${++unique}`;

const op = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, key = t.admin) =>
  t.call(key, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const portal = (who: Partner, url: string) => t.as(who.cookie, { url: `/api/partner/v1${url}` });
const brand = async (enabled = true) => {
  const res = await op('POST', '/brands', { name: label('News brand'), base_currency: 'EUR', enabled });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const newsRow = (id: number) =>
  t.db.selectFrom('news_items').selectAll().where('id', '=', id).executeTakeFirst();
const newsCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('news_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const newsEmails = async (to: string) => {
  await t.jobs.runUntilIdle();
  return t.db
    .selectFrom('email_messages')
    .select(['subject', 'text_body'])
    .where('to_address', '=', to)
    .where('template', '=', 'news_published')
    .execute();
};

beforeAll(async () => {
  t = await createIdentityApp();
  reader = await t.apiKey(['read']);
  a = await approvedPartner(t, 'newsa');
}, 120_000);
afterAll(() => t.close());

describe('news', () => {
  it('shows a draft to nobody, then the published item newest first with its banner, and takes it back', async () => {
    const brandId = await brand();
    const title = label('Summer bonus');
    const created = await op('POST', '/news', {
      brand_id: brandId,
      title: `  ${title} `,
      body: 'Double **CPA** in July.\n\n- all countries',
      banner_url: 'https://cdn.example.com/summer.png',
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({
      title,
      status: 'draft',
      published_at: null,
      brand: { id: brandId },
      banner_url: 'https://cdn.example.com/summer.png',
    });
    expect((await portal(a, `/news/${item.id}`)).statusCode).toBe(404);
    expect(
      (await portal(a, '/news?page_size=500')).json().data.map((n: { id: number }) => n.id),
    ).not.toContain(item.id);

    const older = (await op('POST', '/news', { title: label('Older'), body: 'Earlier news' })).json();
    expect((await op('POST', `/news/${older.id}/publish`)).statusCode).toBe(200);
    const published = await op('POST', `/news/${item.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    expect(Date.now() - Date.parse(published.json().published_at)).toBeLessThan(60_000);

    const list = await portal(a, '/news?page=1&page_size=2');
    expect(list.statusCode, list.body).toBe(200);
    // Newest first: this item, then the one published before it.
    expect(list.json().data.map((n: { id: number }) => n.id)).toEqual([item.id, older.id]);
    expect(list.json().paging).toMatchObject({ page: 1, page_size: 2 });
    expect(list.json().paging.total).toBeGreaterThanOrEqual(2);
    const detail = await portal(a, `/news/${item.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toEqual({
      id: item.id,
      brand: { id: brandId, name: expect.any(String) },
      title,
      body: 'Double **CPA** in July.\n\n- all countries',
      banner_url: 'https://cdn.example.com/summer.png',
      published_at: published.json().published_at,
      updated_at: expect.any(String),
    });
    const ofBrand = (await portal(a, `/news?brand_id=${brandId}`)).json();
    expect(ofBrand.data.map((n: { id: number }) => n.id)).toEqual([item.id]);

    // Published again: 409, nothing changes.
    const twice = await op('POST', `/news/${item.id}/publish`);
    expect(twice.statusCode).toBe(409);
    expect((await newsRow(item.id))?.published_at?.toISOString()).toBe(published.json().published_at);
    // A published item cannot be deleted.
    const del = await op('DELETE', `/news/${item.id}`);
    expect(del.statusCode).toBe(409);
    expect(await newsRow(item.id)).toBeDefined();

    const back = await op('POST', `/news/${item.id}/unpublish`);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'draft', published_at: null });
    expect((await portal(a, `/news/${item.id}`)).statusCode).toBe(404);
    expect((await op('DELETE', `/news/${item.id}`)).statusCode).toBe(204);
    expect(await newsRow(item.id)).toBeUndefined();
    expect((await op('GET', `/news/${item.id}`)).statusCode).toBe(404);

    const audit = await op('GET', `/audit-log?entity=news_item&entity_id=${item.id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(
      audit
        .json()
        .data.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['created', 'deleted', 'published', 'unpublished'].sort());
  });

  it('emails the users subscribed to news once, and not those who unsubscribed', async () => {
    const subscribed = await approvedPartner(t, 'newssub');
    const unsubscribed = await approvedPartner(t, 'newsunsub');
    const off = await t.as(unsubscribed.cookie, {
      method: 'PATCH',
      url: '/api/partner/v1/profile',
      payload: { email_subscriptions: ['payments'] },
    });
    expect(off.statusCode, off.body).toBe(200);
    const title = label('Launch');
    const item = (await op('POST', '/news', { title, body: 'A new brand.\n\nMore below.' })).json();
    expect((await op('POST', `/news/${item.id}/publish`)).statusCode).toBe(200);

    const got = (await newsEmails(subscribed.email)).filter((m) => m.subject === title);
    expect(got).toHaveLength(1);
    expect(got[0]!.text_body).toContain('A new brand.');
    expect(got[0]!.text_body).toContain(`/portal/news/${item.id}`);
    expect((await newsEmails(unsubscribed.email)).filter((m) => m.subject === title)).toHaveLength(0);

    // Unpublished and published again: nobody is emailed a second time.
    await op('POST', `/news/${item.id}/unpublish`);
    await op('POST', `/news/${item.id}/publish`);
    expect((await newsEmails(subscribed.email)).filter((m) => m.subject === title)).toHaveLength(1);
  });

  it('hides news of a disabled brand and lets the operator correct a published item', async () => {
    const closed = await brand(false);
    const hidden = (
      await op('POST', '/news', { brand_id: closed, title: label('Closed'), body: 'x' })
    ).json();
    await op('POST', `/news/${hidden.id}/publish`);
    expect((await portal(a, `/news/${hidden.id}`)).statusCode).toBe(404);

    const item = (await op('POST', '/news', { title: label('Typo'), body: 'Teh text' })).json();
    await op('POST', `/news/${item.id}/publish`);
    const fixed = await op('PATCH', `/news/${item.id}`, { body: 'The text' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ body: 'The text', status: 'published' });
    expect((await portal(a, `/news/${item.id}`)).json().body).toBe('The text');
    const list = await op('GET', '/news?status=published&page_size=500', undefined, reader);
    expect(list.json().data.map((n: { id: number }) => n.id)).toContain(item.id);
  });

  it('refuses an empty item naming each field, a bad banner and a read key, changing nothing', async () => {
    const before = await newsCount();
    const empty = await op('POST', '/news', { title: ' ', body: '', banner_url: 'javascript:alert(1)' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'title',
      'body',
      'banner_url',
    ]);
    const both = await op('POST', '/news', {
      title: 'x',
      body: 'y',
      banner_url: 'https://cdn.example.com/x.png',
      banner_media_id: 2_147_483_647,
      brand_id: 2_147_483_647,
    });
    expect(both.statusCode).toBe(422);
    expect(both.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'banner_media_id',
      'banner_media_id',
      'brand_id',
    ]);
    const readOnly = await op('POST', '/news', { title: 'x', body: 'y' }, reader);
    expect(readOnly.statusCode).toBe(403);
    expect(await newsCount()).toBe(before);

    const item = (await op('POST', '/news', { title: label('Keep'), body: 'Same' })).json();
    const bad = await op('PATCH', `/news/${item.id}`, { title: '' });
    expect(bad.statusCode).toBe(422);
    expect((await newsRow(item.id))?.title).toBe(item.title);
    expect((await op('POST', `/news/${item.id}/unpublish`)).statusCode).toBe(409);
    expect((await newsRow(item.id))?.status).toBe('draft');
  });
});
