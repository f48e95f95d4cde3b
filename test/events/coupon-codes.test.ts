import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPartner, createIdentityApp, type IdentityTestApp } from '../identity/helpers.ts';
import { ago, DAY, ok, operatorApi } from './api.ts';
import { insertClick, post, seedBrand, seedSecondAffiliate, uid } from './helpers.ts';

let t: IdentityTestApp;
let admin: string;
let events: string;

beforeAll(async () => {
  t = await createIdentityApp();
  admin = t.admin;
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const api = operatorApi(
  () => t,
  () => admin,
);

const fields = (res: { json(): any }) =>
  (res.json().error?.details?.fields ?? []).map((f: { path: string; message: string }) => f);

async function couponRows(brandId: number) {
  return t.db.selectFrom('coupon_codes').selectAll().where('brand_id', '=', brandId).orderBy('id').execute();
}

async function audit(id: number) {
  return t.db
    .selectFrom('catalog_changes')
    .select(['action', 'fields', 'actor_type'])
    .where('entity', '=', 'coupon_code')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
}

const registration = (brandId: number, at: Date, hints: Record<string, unknown>) => ({
  type: 'registration',
  event_id: uid('reg'),
  brand_id: brandId,
  customer_id: uid('player'),
  occurred_at: at.toISOString(),
  ...hints,
});

describe('operator coupon codes', () => {
  it('creates a code for an affiliate, audited, and reads it back', async () => {
    const s = await seedBrand(t, admin);
    const code = uid('WELCOME').replace(/[^A-Za-z0-9-]/g, '');
    const created = await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: `  ${code} `,
        affiliate_id: s.affiliateId,
        promo_id: s.promo.id,
        description: 'Spring mailing',
        valid_from: ago(10 * DAY).toISOString(),
      }),
      201,
    );
    expect(created).toMatchObject({
      brand_id: s.brand.id,
      code,
      affiliate_id: s.affiliateId,
      // A promo given alone brings its campaign.
      campaign_id: s.campaign.id,
      promo_id: s.promo.id,
      description: 'Spring mailing',
      valid_until: null,
      enabled: true,
      used: false,
    });
    expect(await ok(await api('GET', `/coupon-codes/${created.id}`))).toEqual(created);
    expect(await audit(created.id)).toEqual([
      {
        action: 'created',
        fields: ['affiliate_id', 'brand_id', 'code', 'description', 'promo_id', 'valid_from'],
        actor_type: 'api_key',
      },
    ]);
  });

  it('refuses a code the brand has in any case with 409 naming code; another brand may have it', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedBrand(t, admin);
    const code = uid('Bonus').replace(/[^A-Za-z0-9-]/g, '');
    await ok(
      await api('POST', '/coupon-codes', { brand_id: s.brand.id, code, affiliate_id: s.affiliateId }),
      201,
    );
    const before = await couponRows(s.brand.id);
    const again = await api('POST', '/coupon-codes', {
      brand_id: s.brand.id,
      code: code.toUpperCase(),
      affiliate_id: s.affiliateId,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect(fields(again).map((f: { path: string }) => f.path)).toEqual(['code']);
    expect(await couponRows(s.brand.id)).toEqual(before);
    await ok(
      await api('POST', '/coupon-codes', { brand_id: other.brand.id, code, affiliate_id: other.affiliateId }),
      201,
    );
  });

  it('lists every problem of a code in one 422 and stores nothing', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const problems = async (body: Record<string, unknown>) => {
      const res = await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        affiliate_id: s.affiliateId,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(422);
      return fields(res);
    };
    expect(
      await problems({
        code: 'two words',
        campaign_id: other.campaign.id,
        valid_from: ago(DAY).toISOString(),
        valid_until: ago(2 * DAY).toISOString(),
      }),
    ).toEqual([
      { path: 'code', message: expect.stringContaining('letters, digits') },
      { path: 'campaign_id', message: "choose one of the affiliate's campaigns for this brand" },
      { path: 'valid_until', message: 'must be after valid_from' },
    ]);
    expect(await problems({ code: '', promo_id: other.promo.id })).toEqual([
      { path: 'code', message: 'is required' },
      { path: 'promo_id', message: "choose one of the affiliate's promos for this brand" },
    ]);
    const paths = async (body: Record<string, unknown>) =>
      (await problems(body)).map((f: { path: string }) => f.path);
    expect(
      await paths({
        code: 'MISMATCH',
        affiliate_id: other.affiliateId,
        campaign_id: s.campaign.id,
        promo_id: other.promo.id,
      }),
    ).toEqual(['campaign_id']);
    expect(await paths({ brand_id: 2_000_000_000, code: 'NOBRAND', affiliate_id: 2_000_000_000 })).toEqual([
      'brand_id',
      'affiliate_id',
    ]);
    expect(await couponRows(s.brand.id)).toEqual([]);
  });

  it('changes a code: moving it to another affiliate leaves the campaign and promo behind, audited', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const taken = uid('TAKEN').replace(/[^A-Za-z0-9-]/g, '');
    await ok(
      await api('POST', '/coupon-codes', { brand_id: s.brand.id, code: taken, affiliate_id: s.affiliateId }),
      201,
    );
    const c = await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: uid('MOVE').replace(/[^A-Za-z0-9-]/g, ''),
        affiliate_id: s.affiliateId,
        promo_id: s.promo.id,
      }),
      201,
    );
    const moved = await ok(await api('PATCH', `/coupon-codes/${c.id}`, { affiliate_id: other.affiliateId }));
    expect(moved).toMatchObject({ affiliate_id: other.affiliateId, campaign_id: null, promo_id: null });
    const withPromo = await ok(await api('PATCH', `/coupon-codes/${c.id}`, { promo_id: other.promo.id }));
    expect(withPromo).toMatchObject({ campaign_id: other.campaign.id, promo_id: other.promo.id });

    const before = await couponRows(s.brand.id);
    const clash = await api('PATCH', `/coupon-codes/${c.id}`, { code: taken.toLowerCase() });
    expect(clash.statusCode).toBe(409);
    expect(fields(clash).map((f: { path: string }) => f.path)).toEqual(['code']);
    // One instant for both ends: two calls to ago() a millisecond apart would make a valid range.
    const instant = ago(DAY).toISOString();
    const bad = await api('PATCH', `/coupon-codes/${c.id}`, {
      valid_from: instant,
      valid_until: instant,
      campaign_id: s.campaign.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(fields(bad).map((f: { path: string }) => f.path)).toEqual(['campaign_id', 'valid_until']);
    expect(await couponRows(s.brand.id)).toEqual(before);
    expect((await audit(c.id)).map((a) => [a.action, a.fields])).toEqual([
      ['created', ['affiliate_id', 'brand_id', 'code', 'promo_id']],
      ['updated', ['affiliate_id']],
      ['updated', ['promo_id']],
    ]);
    expect((await api('PATCH', '/coupon-codes/2000000000', { enabled: false })).statusCode).toBe(404);
  });

  it('lists with filters and paging: brand, affiliate, code search, enabled', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const tag = uid('srch').replace(/[^A-Za-z0-9]/g, '');
    const make = async (code: string, affiliateId: number, enabled = true) =>
      (
        await ok(
          await api('POST', '/coupon-codes', {
            brand_id: s.brand.id,
            code,
            affiliate_id: affiliateId,
            enabled,
          }),
          201,
        )
      ).id as number;
    const a1 = await make(`${tag}-ONE`, s.affiliateId);
    const a2 = await make(`X-${tag}-two`, s.affiliateId, false);
    const b1 = await make(`${tag}-three`, other.affiliateId);
    const ids = async (query: string) => {
      const body = await ok(await api('GET', `/coupon-codes?brand_id=${s.brand.id}&${query}`));
      expect(body.data.length).toBe(Math.min(body.paging.total, body.paging.page_size));
      return { ids: body.data.map((c: { id: number }) => c.id), total: body.paging.total };
    };
    expect(await ids('')).toEqual({ ids: [b1, a2, a1], total: 3 });
    expect(await ids(`affiliate_id=${s.affiliateId}`)).toEqual({ ids: [a2, a1], total: 2 });
    expect(await ids(`q=${tag.toUpperCase()}-T`)).toEqual({ ids: [b1, a2], total: 2 });
    expect(await ids('enabled=false')).toEqual({ ids: [a2], total: 1 });
    expect(await ids('page_size=1&page=2')).toEqual({ ids: [a2], total: 3 });
    expect(await ids('q=%25')).toEqual({ ids: [], total: 0 });
  });
});

describe('coupon codes and events', () => {
  it('attributes by code in any case to its affiliate, campaign and promo', async () => {
    const s = await seedBrand(t, admin);
    const c = await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: 'CaseMix',
        affiliate_id: s.affiliateId,
        promo_id: s.promo.id,
      }),
      201,
    );
    const res = await post(t, events, registration(s.brand.id, ago(DAY), { coupon_code: 'casemix' }));
    expect(res.json().event.attribution).toMatchObject({
      method: 'coupon_code',
      affiliate_id: s.affiliateId,
      campaign_id: s.campaign.id,
      promo_id: s.promo.id,
      coupon_code_id: c.id,
    });
    expect((await ok(await api('GET', `/coupon-codes/${c.id}`))).used).toBe(true);
  });

  it('reads the validity dates at the event’s own time, and a disabled code attributes nothing', async () => {
    const s = await seedBrand(t, admin);
    await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: 'WINDOW',
        affiliate_id: s.affiliateId,
        valid_from: ago(5 * DAY).toISOString(),
        valid_until: ago(2 * DAY).toISOString(),
      }),
      201,
    );
    const reason = async (at: Date) => {
      const event = (await post(t, events, registration(s.brand.id, at, { coupon_code: 'WINDOW' }))).json()
        .event;
      return event.attribution.status === 'attributed'
        ? 'attributed'
        : event.attribution.explanation.rejected[0].reason;
    };
    expect(await reason(ago(6 * DAY))).toBe('not_yet_valid');
    expect(await reason(ago(3 * DAY))).toBe('attributed');
    expect(await reason(ago(DAY))).toBe('expired');

    const off = await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: 'OFF',
        affiliate_id: s.affiliateId,
        enabled: false,
      }),
      201,
    );
    const event = (await post(t, events, registration(s.brand.id, ago(DAY), { coupon_code: 'off' }))).json()
      .event;
    expect(event.attribution.status).toBe('unattributed');
    expect(event.attribution.explanation.rejected[0]).toMatchObject({
      kind: 'coupon_code',
      reason: 'disabled_coupon',
    });
    await ok(await api('PATCH', `/coupon-codes/${off.id}`, { enabled: true }));
    const again = (await post(t, events, registration(s.brand.id, ago(DAY), { coupon_code: 'OFF' }))).json()
      .event;
    expect(again.attribution).toMatchObject({ method: 'coupon_code', coupon_code_id: off.id });
  });

  it('deletes a code no event used; a used one is disabled instead and stops attributing', async () => {
    const s = await seedBrand(t, admin);
    const unused = await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: 'UNUSED',
        affiliate_id: s.affiliateId,
      }),
      201,
    );
    // An event that named the code but was attributed by a click did not use it.
    const click = await insertClick(t, s.promo, ago(2 * DAY));
    const byClick = (
      await post(t, events, registration(s.brand.id, ago(DAY), { coupon_code: 'UNUSED', click_id: click }))
    ).json().event;
    expect(byClick.attribution.method).toBe('click_id');
    expect((await ok(await api('GET', `/coupon-codes/${unused.id}`))).used).toBe(false);
    const gone = await api('DELETE', `/coupon-codes/${unused.id}`);
    expect(gone.statusCode).toBe(204);
    expect(await couponRows(s.brand.id)).toEqual([]);
    expect((await audit(unused.id)).map((a) => a.action)).toEqual(['created', 'deleted']);
    expect((await api('GET', `/coupon-codes/${unused.id}`)).statusCode).toBe(404);

    const used = await ok(
      await api('POST', '/coupon-codes', { brand_id: s.brand.id, code: 'USED', affiliate_id: s.affiliateId }),
      201,
    );
    const first = (await post(t, events, registration(s.brand.id, ago(DAY), { coupon_code: 'USED' }))).json()
      .event;
    expect(first.attribution.coupon_code_id).toBe(used.id);
    const disabled = await api('DELETE', `/coupon-codes/${used.id}`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: used.id, enabled: false, used: true });
    expect((await couponRows(s.brand.id)).map((c) => [c.id, c.enabled])).toEqual([[used.id, false]]);
    expect((await audit(used.id)).map((a) => a.action)).toEqual(['created', 'disabled']);
    const later = (await post(t, events, registration(s.brand.id, ago(DAY), { coupon_code: 'USED' }))).json()
      .event;
    expect(later.attribution.status).toBe('unattributed');
    // The event it attributed keeps its code.
    const kept = await ok(await api('GET', `/events/${first.id}`));
    expect(kept.attribution.coupon_code_id).toBe(used.id);
  });
});

describe('who sees which codes', () => {
  async function limitedManager() {
    const cookie = await t.staffCookie();
    const me = await ok(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }));
    await t.db
      .updateTable('staff_users')
      .set({ role: 'affiliate_manager', managed_affiliates_only: true })
      .where('id', '=', me.staff.id)
      .execute();
    return { id: me.staff.id as number, cookie };
  }

  it('a limited manager reaches only their affiliates’ codes; others’ are not found and stay as they were', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const m = await limitedManager();
    await t.db
      .updateTable('affiliates')
      .set({ account_manager_id: m.id })
      .where('id', '=', s.affiliateId)
      .execute();
    const as = (method: InjectOptions['method'], url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie: m.cookie },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
    const mine = await ok(
      await as('POST', '/coupon-codes', { brand_id: s.brand.id, code: 'MINE', affiliate_id: s.affiliateId }),
      201,
    );
    const theirs = await ok(
      await api('POST', '/coupon-codes', {
        brand_id: s.brand.id,
        code: 'THEIRS',
        affiliate_id: other.affiliateId,
      }),
      201,
    );
    const list = await ok(await as('GET', `/coupon-codes?brand_id=${s.brand.id}`));
    expect(list.data.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    expect(list.paging.total).toBe(1);
    const before = await couponRows(s.brand.id);
    expect((await as('GET', `/coupon-codes/${theirs.id}`)).statusCode).toBe(404);
    expect((await as('PATCH', `/coupon-codes/${theirs.id}`, { enabled: false })).statusCode).toBe(404);
    expect((await as('DELETE', `/coupon-codes/${theirs.id}`)).statusCode).toBe(404);
    // Moving their own code to someone else's affiliate, or making one for them: not found either.
    expect(
      (await as('PATCH', `/coupon-codes/${mine.id}`, { affiliate_id: other.affiliateId })).statusCode,
    ).toBe(404);
    expect(
      (
        await as('POST', '/coupon-codes', {
          brand_id: s.brand.id,
          code: 'SNEAKY',
          affiliate_id: other.affiliateId,
        })
      ).statusCode,
    ).toBe(404);
    expect(await couponRows(s.brand.id)).toEqual(before);
    expect((await as('PATCH', `/coupon-codes/${mine.id}`, { description: 'ok' })).statusCode).toBe(200);
  });

  it('the portal lists the affiliate’s own codes only, whatever it filters on', async () => {
    const a = await approvedPartner(t, 'couponsa');
    const b = await approvedPartner(t, 'couponsb');
    const brand = await ok(
      await api('POST', '/brands', { name: uid('Coupon brand'), base_currency: 'EUR' }),
      201,
    );
    const make = async (code: string, affiliateId: number) =>
      (
        await ok(
          await api('POST', '/coupon-codes', { brand_id: brand.id, code, affiliate_id: affiliateId }),
          201,
        )
      ).id as number;
    const a1 = await make('A-ONE', a.affiliateId);
    const a2 = await make('A-TWO', a.affiliateId);
    await make('B-ONE', b.affiliateId);
    const portal = async (query = '') => {
      const res = await t.as(a.cookie, { url: `/api/partner/v1/coupon-codes?brand_id=${brand.id}${query}` });
      return ok(res);
    };
    const all = await portal();
    expect(all.data.map((c: { id: number; affiliate_id: number }) => [c.id, c.affiliate_id])).toEqual([
      [a2, a.affiliateId],
      [a1, a.affiliateId],
    ]);
    expect(all.paging.total).toBe(2);
    expect((await portal('&q=B-ONE')).data).toEqual([]);
    const sneaky = await t.as(a.cookie, {
      url: `/api/partner/v1/coupon-codes?brand_id=${brand.id}&affiliate_id=${b.affiliateId}`,
    });
    expect(sneaky.statusCode).toBe(422);
  });
});
