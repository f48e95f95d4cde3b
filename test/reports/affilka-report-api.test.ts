import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClick } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { seedPromo } from '../tracking/helpers.ts';

let t: IdentityTestApp;
let owner: Partner;
let other: Partner;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createIdentityApp();
  owner = await approvedPartner(t, 'affilkaowner');
  other = await approvedPartner(t, 'affilkaother');
  const seeded = await seedPromo(t, t.admin, 'https://casino.example/');
  const op = async (url: string, payload: object) =>
    (await t.call(t.admin, { method: 'POST', url: `/api/v1${url}`, payload })).json();
  for (const [p, n] of [
    [owner, 2],
    [other, 5],
  ] as const) {
    const campaign = await op('/campaigns', {
      affiliate_id: p.affiliateId,
      brand_id: seeded.brand.id,
      name: 'A',
    });
    const promo = await op(`/campaigns/${campaign.id}/promos`, { destination_link_id: seeded.link.id });
    for (let i = 0; i < n; i++) await insertClick(t, promo, new Date(Date.now() - 60_000 * (i + 1)));
  }
}, 180_000);
afterAll(() => t.close());

/** A fresh statistic token of the owner (tests run in any order; one expires its token). */
const freshToken = async () =>
  (await t.as(owner.cookie, { method: 'POST', url: '/api/partner/v1/profile/statistic-token' })).json()
    .statistic_token as string;

const call = (url: string, authorization?: string) =>
  t.app.inject({ url: `/api/customer/v1/partner${url}`, headers: authorization ? { authorization } : {} });

describe("Affilka's partner report API", () => {
  it('answers the report with the statistic token, as the native report of the same days', async () => {
    const token = await freshToken();
    const res = await call(
      `/report?from=${today}&to=${today}&group_by=period,campaign&columns=clicks`,
      token,
    );
    expect(res.statusCode, res.body).toBe(200);
    const native = await t.as(owner.cookie, {
      method: 'POST',
      url: '/api/partner/v1/reports/performance',
      payload: {
        from: today,
        // Affilka's `to` is the last day included; the native `to` is excluded.
        to: new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
        group_by: ['day', 'campaign'],
        columns: ['clicks'],
      },
    });
    expect(res.json()).toEqual(native.json());
    // The owner's 2 clicks only, never the other affiliate's 5.
    expect(res.json().totals).toEqual([expect.objectContaining({ clicks: 2 })]);
    const bearer = await call(`/report?from=${today}&to=${today}`, `Bearer ${token}`);
    expect(bearer.statusCode).toBe(200);
  });

  it('lists the attributes the affiliate may see', async () => {
    const token = await freshToken();
    const res = await call('/report/attributes', token);
    expect(res.statusCode).toBe(200);
    const names = res.json().attributes.map((a: { name: string }) => a.name);
    expect(names).toContain('clicks');
    // Registrations need an extra permission the affiliate was not given.
    expect(names).not.toContain('registrations');
    expect(res.json().group_by).toEqual(['period', 'brand', 'campaign', 'promo']);
  });

  it('refuses a missing or expired token and names bad parameters', async () => {
    const token = await freshToken();
    expect((await call(`/report?from=${today}&to=${today}`)).statusCode).toBe(401);
    expect((await call('/report/attributes', 'st_nope')).statusCode).toBe(401);
    const bad = await call(`/report?from=2026-02-30&to=${today}&group_by=galaxy&columns=visits`, token);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'from',
      'group_by[0]',
      'columns[0]',
    ]);
    await t.as(owner.cookie, { method: 'DELETE', url: '/api/partner/v1/profile/statistic-token' });
    expect((await call(`/report?from=${today}&to=${today}`, token)).statusCode).toBe(401);
  });
});
