import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, DAY, ok, operatorApi } from '../events/api.ts';
import { seedBrand, seedSecondAffiliate, uid } from '../events/helpers.ts';
import { approvedPartner, createIdentityApp, type IdentityTestApp } from '../identity/helpers.ts';

let t: IdentityTestApp;
let admin: string;

beforeAll(async () => {
  t = await createIdentityApp();
  admin = t.admin;
});
afterAll(() => t.close());

const api = operatorApi(
  () => t,
  () => admin,
);
const fields = (res: { json(): any }) =>
  (res.json().error?.details?.fields ?? []).map((f: { path: string }) => f.path).sort();

const CPA = { amount: 3000, qualification: { min_first_deposit: 2000, within_days: 7 } };
const REVSHARE = { basis: 'net_pl', rate: '25' };

async function plan(brandId: number, extra: Record<string, unknown> = {}) {
  return ok(
    await api('POST', '/commission-plans', {
      name: uid('Plan'),
      brand_id: brandId,
      currency: 'EUR',
      definition: { cpa: CPA, revshare: REVSHARE },
      effective_from: ago(30 * DAY).toISOString(),
      ...extra,
    }),
    201,
  );
}

async function planRows(brandId: number) {
  const plans = await t.db
    .selectFrom('commission_plans')
    .select('id')
    .where('brand_id', '=', brandId)
    .execute();
  const versions = plans.length
    ? await t.db
        .selectFrom('commission_plan_versions')
        .select(['plan_id', 'version'])
        .where(
          'plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .execute()
    : [];
  return { plans: plans.length, versions: versions.length };
}

describe('commission plans', () => {
  it('creates a plan with its first version, audited, and reads it back with its deal type', async () => {
    const s = await seedBrand(t, admin);
    const created = await plan(s.brand.id, { currency: ' eur', description: 'Hybrid', note: 'launch' });
    expect(created).toMatchObject({
      brand_id: s.brand.id,
      currency: 'EUR',
      description: 'Hybrid',
      is_private: false,
      private_affiliate_ids: [],
      status: 'active',
      latest_version: 1,
      deal_type_id: 6,
      deal_type: 'CPA + RevShare (Net P/L)',
      current_version: { version: 1, deal_type_id: 6, customer_binding: 'keep', note: 'launch' },
    });
    expect(created.current_version.definition).toEqual({ cpa: CPA, revshare: REVSHARE });
    expect(await ok(await api('GET', `/commission-plans/${created.id}`))).toEqual(created);
    const audit = await t.db
      .selectFrom('catalog_changes')
      .select(['action', 'actor_type'])
      .where('entity', '=', 'commission_plan')
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit).toEqual([{ action: 'created', actor_type: 'api_key' }]);

    const listed = await ok(
      await api('GET', `/commission-plans?brand_id=${s.brand.id}&q=hybr&private=false`),
    );
    expect(listed.data.map((p: { id: number }) => p.id)).toEqual([created.id]);
    expect(listed.paging.total).toBe(1);
    const none = await ok(await api('GET', `/commission-plans?brand_id=${s.brand.id}&status=archived`));
    expect(none.data).toHaveLength(0);
  });

  it('refuses bad plans with 422 naming every field, and writes nothing', async () => {
    const s = await seedBrand(t, admin);
    const res = await api('POST', '/commission-plans', {
      name: ' ',
      brand_id: s.brand.id,
      currency: 'XXX',
      definition: {
        cpa: {
          ...CPA,
          tiers: {
            mode: 'whole_period',
            levels: [
              { from: 1, amount: 3000 },
              { from: 1, amount: 4000 },
            ],
          },
        },
        revshare: {
          basis: 'ngr',
          rate: '120',
          deductions: ['bonuses', 'marketing'],
          tiers: { mode: 'ladder', by: 'ngr', bands: [{ from: 100000, rate: '30' }] },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toEqual([
      'currency',
      'definition.cpa.tiers.levels[1].from',
      'definition.revshare.deductions[1]',
      'definition.revshare.rate',
      'definition.revshare.tiers.bands[0].from',
      'name',
    ]);
    expect(await planRows(s.brand.id)).toEqual({ plans: 0, versions: 0 });
  });

  it.each([
    [{ cpl: { amount: 500 } }, 1, 'CPL'],
    [{ cpa: CPA }, 2, 'CPA'],
    [{ revshare: { basis: 'ngr', rate: '30' } }, 4, 'RevShare (Net P/L)'],
    [{ revshare: REVSHARE }, 4, 'RevShare (Net P/L)'],
    [{ revshare: { basis: 'net_deposits', rate: '10' } }, 8, 'RevShare (Net deposits)'],
    [{ cpl: { amount: 500 }, cpa: CPA, revshare: REVSHARE }, 7, 'CPL + CPA + RevShare (Net P/L)'],
    [{ cpa: CPA, revshare: { basis: 'net_deposits', rate: '10' } }, 10, 'CPA + RevShare (Net deposits)'],
    [{ sale_share: { percent: '10', duration: 'lifetime' } }, 0, 'Sale share'],
  ])('derives the deal type of %j', async (definition, id, name) => {
    const s = await seedBrand(t, admin);
    const created = await plan(s.brand.id, { definition });
    expect([created.deal_type_id, created.deal_type]).toEqual([id, name]);
    const row = await t.db
      .selectFrom('commission_plan_versions')
      .select('deal_type_id')
      .where('plan_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.deal_type_id).toBe(id);
  });

  it('a name is unique per brand in any case (409), and patch changes what describes a plan', async () => {
    const s = await seedBrand(t, admin);
    const a = await plan(s.brand.id, { name: 'Gold' });
    const again = await api('POST', '/commission-plans', {
      name: 'GOLD',
      brand_id: s.brand.id,
      currency: 'EUR',
      definition: { cpa: CPA },
    });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['name']);
    const patched = await ok(
      await api('PATCH', `/commission-plans/${a.id}`, {
        name: 'Gold 2',
        is_private: true,
        private_affiliate_ids: [s.affiliateId],
      }),
    );
    expect(patched).toMatchObject({
      name: 'Gold 2',
      is_private: true,
      private_affiliate_ids: [s.affiliateId],
    });
    const bad = await api('PATCH', `/commission-plans/${a.id}`, { private_affiliate_ids: [2_000_000_000] });
    expect(fields(bad)).toEqual(['private_affiliate_ids[0]']);
    expect(await ok(await api('GET', `/commission-plans/${a.id}`))).toMatchObject({
      private_affiliate_ids: [s.affiliateId],
    });
    const archived = await ok(await api('POST', `/commission-plans/${a.id}/archive`));
    expect(archived.status).toBe('archived');
    expect((await ok(await api('POST', `/commission-plans/${a.id}/unarchive`))).status).toBe('active');
  });
});

describe('versions', () => {
  it('publishes immutable versions listed newest first with their field-level diff', async () => {
    const s = await seedBrand(t, admin);
    const p = await plan(s.brand.id);
    const early = await api('POST', `/commission-plans/${p.id}/versions`, {
      definition: { cpa: CPA },
      effective_from: ago(40 * DAY).toISOString(),
    });
    expect(early.statusCode).toBe(422);
    expect(fields(early)).toEqual(['effective_from']);
    const v2 = await ok(
      await api('POST', `/commission-plans/${p.id}/versions`, {
        definition: { cpa: { ...CPA, amount: 4000 }, revshare: { ...REVSHARE, rate: '30' } },
        effective_from: ago(DAY).toISOString(),
        note: 'raise',
      }),
      201,
    );
    expect(v2).toMatchObject({ version: 2, note: 'raise', customer_binding: 'keep' });
    expect(v2.changes).toEqual([
      {
        field: 'effective_from',
        before: expect.any(String),
        after: expect.any(String),
      },
      { field: 'definition.cpa.amount', before: 3000, after: 4000 },
      { field: 'definition.revshare.rate', before: '25', after: '30' },
    ]);
    const listed = await ok(await api('GET', `/commission-plans/${p.id}/versions`));
    expect(listed.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(listed.data[0].changes).toEqual(v2.changes);
    expect(listed.data[1].changes.map((c: { field: string }) => c.field)).toEqual([
      'customer_binding',
      'effective_from',
      'definition.cpa',
      'definition.revshare',
    ]);
    expect(await ok(await api('GET', `/commission-plans/${p.id}/versions/2`))).toEqual(v2);
    expect((await api('GET', `/commission-plans/${p.id}/versions/3`)).statusCode).toBe(404);
    expect((await ok(await api('GET', `/commission-plans/${p.id}`))).current_version.version).toBe(2);

    // The database itself refuses to change or remove a published version.
    await expect(
      sql`update commission_plan_versions set deal_type_id = 1 where plan_id = ${p.id}`.execute(t.db),
    ).rejects.toThrow();
    await expect(
      sql`delete from commission_plan_versions where plan_id = ${p.id}`.execute(t.db),
    ).rejects.toThrow();
    expect((await planRows(s.brand.id)).versions).toBe(2);
  });

  it('a version to come is not in force yet', async () => {
    const s = await seedBrand(t, admin);
    const p = await plan(s.brand.id);
    await ok(
      await api('POST', `/commission-plans/${p.id}/versions`, {
        definition: { cpl: { amount: 100 } },
        effective_from: new Date(Date.now() + 5 * DAY).toISOString(),
      }),
      201,
    );
    const got = await ok(await api('GET', `/commission-plans/${p.id}`));
    expect([got.current_version.version, got.latest_version, got.deal_type_id]).toEqual([1, 2, 6]);
  });
});

describe('assignment and resolution', () => {
  it('campaign, then affiliate, then brand default, each from its effective date', async () => {
    const s = await seedBrand(t, admin);
    const brandPlan = await plan(s.brand.id, { name: 'Default' });
    const ownPlan = await plan(s.brand.id, { name: 'Own' });
    const campaignPlan = await plan(s.brand.id, { name: 'Campaign' });
    const resolve = async (at: Date, campaign = false) =>
      ok(
        await api(
          'GET',
          `/commission-plans/resolve?affiliate_id=${s.affiliateId}&${campaign ? `campaign_id=${s.campaign.id}` : `brand_id=${s.brand.id}`}&at=${at.toISOString()}`,
        ),
      );
    expect((await resolve(new Date())).source).toBeNull();

    await ok(
      await api('PUT', `/brands/${s.brand.id}/commission-plan`, {
        plan_id: brandPlan.id,
        effective_from: ago(20 * DAY).toISOString(),
        reason: 'launch',
      }),
      201,
    );
    const own = await ok(
      await api('PUT', `/affiliates/${s.affiliateId}/commission-plan`, {
        plan_id: ownPlan.id,
        effective_from: ago(10 * DAY).toISOString(),
      }),
      201,
    );
    expect(own).toMatchObject({ target: 'affiliate', brand_id: s.brand.id, plan_id: ownPlan.id });
    await ok(await api('PATCH', `/campaigns/${s.campaign.id}`, { commission_plan_id: campaignPlan.id }));

    const at15 = await resolve(ago(15 * DAY));
    expect([at15.source, at15.plan.id, at15.version.version]).toEqual(['brand', brandPlan.id, 1]);
    expect(at15.explanation).toContain("brand's default plan");
    const at5 = await resolve(ago(5 * DAY), true);
    expect([at5.source, at5.plan.id]).toEqual(['affiliate', ownPlan.id]);
    const now = await resolve(new Date(Date.now() + 1000), true);
    expect([now.source, now.plan.id]).toEqual(['campaign', campaignPlan.id]);
    expect(now.checked.map((c: { target: string }) => c.target)).toEqual(['campaign', 'affiliate', 'brand']);
    // Without the campaign, the affiliate's own plan applies.
    expect((await resolve(new Date(Date.now() + 1000))).plan.id).toBe(ownPlan.id);
    expect((await resolve(ago(25 * DAY))).source).toBeNull();

    // Ending the affiliate's plan hands the decision back to the brand default.
    const before = await api('PUT', `/affiliates/${s.affiliateId}/commission-plan`, {
      plan_id: null,
      brand_id: s.brand.id,
      effective_from: ago(11 * DAY).toISOString(),
    });
    expect(fields(before)).toEqual(['effective_from']);
    const noBrand = await api('PUT', `/affiliates/${s.affiliateId}/commission-plan`, { plan_id: null });
    expect(fields(noBrand)).toEqual(['brand_id']);
    await ok(
      await api('PUT', `/affiliates/${s.affiliateId}/commission-plan`, {
        plan_id: null,
        brand_id: s.brand.id,
      }),
      201,
    );
    expect((await resolve(new Date(Date.now() + 1000))).source).toBe('brand');
    const rows = await t.db
      .selectFrom('commission_plan_assignments')
      .select(['target', 'plan_id'])
      .where('brand_id', '=', s.brand.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { target: 'brand', plan_id: brandPlan.id },
      { target: 'affiliate', plan_id: ownPlan.id },
      { target: 'campaign', plan_id: campaignPlan.id },
      { target: 'affiliate', plan_id: null },
    ]);
    await expect(
      sql`update commission_plan_assignments set plan_id = null where brand_id = ${s.brand.id}`.execute(t.db),
    ).rejects.toThrow();
  });

  it('private plans go only to the affiliates they are opened to, never as a brand default', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const secret = await plan(s.brand.id, { is_private: true, private_affiliate_ids: [s.affiliateId] });
    const asDefault = await api('PUT', `/brands/${s.brand.id}/commission-plan`, { plan_id: secret.id });
    expect(fields(asDefault)).toEqual(['plan_id']);
    const notOpened = await api('PUT', `/affiliates/${other.affiliateId}/commission-plan`, {
      plan_id: secret.id,
    });
    expect(fields(notOpened)).toEqual(['plan_id']);
    const viaCampaign = await api('PATCH', `/campaigns/${other.campaign.id}`, {
      commission_plan_id: secret.id,
    });
    expect(fields(viaCampaign)).toEqual(['commission_plan_id']);
    await ok(await api('PUT', `/affiliates/${s.affiliateId}/commission-plan`, { plan_id: secret.id }), 201);
    const rows = await t.db
      .selectFrom('commission_plan_assignments')
      .select(['target', 'affiliate_id'])
      .where('brand_id', '=', s.brand.id)
      .execute();
    expect(rows).toEqual([{ target: 'affiliate', affiliate_id: s.affiliateId }]);
  });

  it('an archived or other-brand plan cannot be chosen for a campaign', async () => {
    const s = await seedBrand(t, admin);
    const elsewhere = await seedBrand(t, admin);
    const archived = await plan(s.brand.id);
    await ok(await api('POST', `/commission-plans/${archived.id}/archive`));
    const foreign = await plan(elsewhere.brand.id);
    for (const id of [archived.id, foreign.id, 2_000_000_000]) {
      const res = await api('PATCH', `/campaigns/${s.campaign.id}`, { commission_plan_id: id });
      expect(res.statusCode).toBe(422);
      expect(fields(res)).toEqual(['commission_plan_id']);
    }
    const campaign = await ok(await api('GET', `/campaigns/${s.campaign.id}`));
    expect(campaign.commission_plan_id).toBeNull();
  });
});

describe('who sees which plans', () => {
  it('the portal shows the plans that apply and the public ones, never another affiliate’s private plan', async () => {
    const s = await seedBrand(t, admin);
    const partner = await approvedPartner(t, 'plans');
    const publicPlan = await plan(s.brand.id, { name: uid('Public') });
    const mine = await plan(s.brand.id, {
      name: uid('Mine'),
      is_private: true,
      private_affiliate_ids: [partner.affiliateId],
    });
    const theirs = await plan(s.brand.id, { is_private: true, private_affiliate_ids: [s.affiliateId] });
    await ok(
      await api('PUT', `/affiliates/${partner.affiliateId}/commission-plan`, { plan_id: mine.id }),
      201,
    );
    const res = await t.as(partner.cookie, { method: 'GET', url: '/api/partner/v1/commission-plans' });
    const cards = (await ok(res)).data as any[];
    const ids = cards.map((c) => c.id);
    expect(ids).toContain(publicPlan.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const card = cards.find((c) => c.id === mine.id);
    expect(card).toMatchObject({
      brand: { id: s.brand.id },
      currency: 'EUR',
      deal_type: 'CPA + RevShare (Net P/L)',
      applies_as: ['affiliate'],
      version: 1,
    });
    expect(card.components).toEqual([
      {
        component: 'cpa',
        title: 'CPA',
        lines: [
          '30.00 EUR per qualified customer',
          'Qualifies with a first deposit of at least 20.00 EUR within 7 days of registration',
        ],
      },
      { component: 'revshare', title: 'RevShare', lines: ['25% of net P/L'] },
    ]);
    expect(cards.find((c) => c.id === publicPlan.id).applies_as).toEqual([]);
  });

  it('a limited manager reads plans and assigns them to their affiliates only', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const p = await plan(s.brand.id);
    const cookie = await t.staffCookie();
    const me = await ok(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }));
    await t.db
      .updateTable('staff_users')
      .set({ role: 'affiliate_manager', managed_affiliates_only: true })
      .where('id', '=', me.staff.id)
      .execute();
    await t.db
      .updateTable('affiliates')
      .set({ account_manager_id: me.staff.id })
      .where('id', '=', s.affiliateId)
      .execute();
    const as = (method: InjectOptions['method'], url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
    expect((await as('GET', `/commission-plans/${p.id}`)).statusCode).toBe(200);
    const create = await as('POST', '/commission-plans', {
      name: uid('M'),
      brand_id: s.brand.id,
      currency: 'EUR',
      definition: { cpa: CPA },
    });
    expect(create.statusCode).toBe(403);
    expect((await as('PATCH', `/commission-plans/${p.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await as('PUT', `/brands/${s.brand.id}/commission-plan`, { plan_id: p.id })).statusCode).toBe(
      403,
    );
    expect(
      (await as('PUT', `/affiliates/${other.affiliateId}/commission-plan`, { plan_id: p.id })).statusCode,
    ).toBe(404);
    expect(
      (await as('PUT', `/affiliates/${s.affiliateId}/commission-plan`, { plan_id: p.id })).statusCode,
    ).toBe(201);
    const rows = await t.db
      .selectFrom('commission_plan_assignments')
      .select('affiliate_id')
      .where('brand_id', '=', s.brand.id)
      .execute();
    expect(rows).toEqual([{ affiliate_id: s.affiliateId }]);
    expect(await ok(await api('GET', `/commission-plans/${p.id}`))).toMatchObject({ name: p.name });
  });
});

describe('assignment history', () => {
  it('lists who got which plan from when, newest first, filtered; a limited manager sees its affiliates only', async () => {
    const s = await seedBrand(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const p = await plan(s.brand.id);
    await ok(
      await api('PUT', `/brands/${s.brand.id}/commission-plan`, {
        plan_id: p.id,
        effective_from: ago(20 * DAY).toISOString(),
      }),
      201,
    );
    for (const affiliateId of [s.affiliateId, other.affiliateId])
      await ok(
        await api('PUT', `/affiliates/${affiliateId}/commission-plan`, {
          plan_id: p.id,
          effective_from: ago(10 * DAY).toISOString(),
          reason: 'deal',
        }),
        201,
      );
    await ok(
      await api('PUT', `/affiliates/${s.affiliateId}/commission-plan`, {
        plan_id: null,
        brand_id: s.brand.id,
      }),
      201,
    );
    const all = await ok(await api('GET', `/commission-plans/assignments?brand_id=${s.brand.id}`));
    expect(all.paging.total).toBe(4);
    expect(all.data.map((a: any) => [a.target, a.affiliate_id, a.plan_id])).toEqual([
      ['affiliate', s.affiliateId, null],
      ['affiliate', other.affiliateId, p.id],
      ['affiliate', s.affiliateId, p.id],
      ['brand', null, p.id],
    ]);
    expect(all.data[1]).toMatchObject({ reason: 'deal', actor: { type: 'api_key' } });
    const own = await ok(
      await api('GET', `/commission-plans/assignments?affiliate_id=${s.affiliateId}&target=affiliate`),
    );
    expect(own.data.map((a: any) => a.plan_id)).toEqual([null, p.id]);
    const brandOnly = await ok(
      await api('GET', `/commission-plans/assignments?brand_id=${s.brand.id}&target=brand&plan_id=${p.id}`),
    );
    expect(brandOnly.data.map((a: any) => a.target)).toEqual(['brand']);
    const paged = await ok(
      await api('GET', `/commission-plans/assignments?brand_id=${s.brand.id}&page=2&page_size=3`),
    );
    expect([paged.data.length, paged.paging.total]).toEqual([1, 4]);

    const cookie = await t.staffCookie();
    const me = await ok(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }));
    await t.db
      .updateTable('staff_users')
      .set({ role: 'affiliate_manager', managed_affiliates_only: true })
      .where('id', '=', me.staff.id)
      .execute();
    await t.db
      .updateTable('affiliates')
      .set({ account_manager_id: me.staff.id })
      .where('id', '=', s.affiliateId)
      .execute();
    const seen = await ok(
      await t.app.inject({
        url: `/api/v1/commission-plans/assignments?brand_id=${s.brand.id}`,
        headers: { cookie },
      }),
    );
    expect(seen.data.map((a: any) => [a.target, a.affiliate_id])).toEqual([
      ['affiliate', s.affiliateId],
      ['affiliate', s.affiliateId],
      ['brand', null],
    ]);
  });
});
