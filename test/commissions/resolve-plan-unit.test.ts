/**
 * resolvePlan called directly on a database of its own (the API tests are in plans.test.ts; no
 * app here, because the mutation run starts this file once per mutant): each refusal with every
 * problem at once, the precedence of campaign, affiliate and brand, the latest assignment in force
 * at each level (its effective date included, a later one and other affiliates' or campaigns' left
 * out), an ended assignment handing over, the version in force, and the explanation word for
 * word. Each test seeds its own brand; the rows are inserted bare.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AssignmentTarget } from '../../src/core/commissions/plans/assignment.ts';
import { type PlanResolution, resolvePlan } from '../../src/core/commissions/plans/resolve-plan.ts';
import { AppError } from '../../src/core/errors.ts';
import type { Database, Db } from '../../src/db/index.ts';
import { createTestDatabase } from '../support/test-database.ts';

let database: Database;
let db: Db;
let n = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 300_000);
afterAll(() => database.close());
afterEach(() => vi.useRealTimers());

const T0 = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const day = (d: number) => new Date(T0.getTime() + d * DAY);

/** A brand with an affiliate who has two campaigns on it, and a second affiliate with one. */
async function world() {
  const { id: brandId } = await db
    .insertInto('brands')
    .values({ name: `Resolve brand ${++n}`, base_currency: 'EUR' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const affiliate = async () =>
    (
      await db
        .insertInto('affiliates')
        .values({ name: `Resolve affiliate ${++n}` } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const campaign = async (affiliate_id: number, brand_id = brandId) =>
    (
      await db
        .insertInto('campaigns')
        .values({ affiliate_id, brand_id, name: `Campaign ${++n}` } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const affiliateId = await affiliate();
  const otherId = await affiliate();
  return {
    brandId,
    affiliateId,
    otherId,
    campaignId: await campaign(affiliateId),
    secondCampaignId: await campaign(affiliateId),
    otherCampaignId: await campaign(otherId),
    campaign,
  };
}

/** A plan with versions from the given days (version 1 first). */
async function plan(brandId: number, name: string, versionsFrom: number[] = [-100]) {
  const row = await db
    .insertInto('commission_plans')
    .values({ brand_id: brandId, currency: 'EUR', name })
    .returning(['id', 'name', 'currency', 'status'])
    .executeTakeFirstOrThrow();
  for (const [i, from] of versionsFrom.entries())
    await db
      .insertInto('commission_plan_versions')
      .values({
        plan_id: row.id,
        version: i + 1,
        effective_from: day(from),
        definition: JSON.stringify({ cpl: { amount: 100 * (i + 1) } }),
        deal_type_id: 1,
        actor_type: 'system',
        actor_id: null,
      })
      .execute();
  return row;
}

async function assign(
  brandId: number,
  target: AssignmentTarget,
  planId: number | null,
  from: number,
  who: { affiliateId?: number; campaignId?: number } = {},
) {
  const { id } = await db
    .insertInto('commission_plan_assignments')
    .values({
      brand_id: brandId,
      target,
      affiliate_id: target === 'brand' ? null : (who.affiliateId ?? null),
      campaign_id: who.campaignId ?? null,
      plan_id: planId,
      effective_from: day(from),
      actor_type: 'system',
      actor_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** The resolution with each assignment as its id and each version as its number and start. */
const summary = (r: PlanResolution) => ({
  source: r.source,
  plan: r.plan,
  version: r.version && [r.version.version, r.version.effective_from.toISOString()],
  assignment: r.assignment?.id ?? null,
  checked: r.checked.map((c) => [c.target, c.assignment?.id ?? null]),
  explanation: r.explanation,
  at: r.at.toISOString(),
});

async function refusal(options: Omit<Parameters<typeof resolvePlan>[0], 'db'>) {
  const error = await resolvePlan({ db, ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  const app = error as AppError;
  expect(app.code).toBe('validation_failed');
  return (app.details as { fields: { path: string; message: string }[] }).fields.map(
    (f) => `${f.path}: ${f.message}`,
  );
}

describe('refusals', () => {
  it('lists every problem of the request at once', async () => {
    const w = await world();
    expect(await refusal({ affiliateId: 999_999 })).toEqual([
      'affiliate_id: affiliate 999999 does not exist',
      'brand_id: is required without a campaign_id',
    ]);
    expect(await refusal({ affiliateId: 999_999, brandId: w.brandId })).toEqual([
      'affiliate_id: affiliate 999999 does not exist',
    ]);
    expect(await refusal({ affiliateId: w.affiliateId, campaignId: 999_999 })).toEqual([
      'campaign_id: the affiliate has no campaign 999999',
    ]);
    // Another affiliate's campaign is not this one's, whatever the brand given.
    expect(await refusal({ affiliateId: w.affiliateId, campaignId: w.otherCampaignId })).toEqual([
      `campaign_id: the affiliate has no campaign ${w.otherCampaignId}`,
    ]);
    expect(
      await refusal({ affiliateId: w.affiliateId, brandId: w.brandId, campaignId: w.otherCampaignId }),
    ).toEqual([`campaign_id: the affiliate has no campaign ${w.otherCampaignId}`]);
  });

  it("a brand given beside a campaign must be the campaign's", async () => {
    const w = await world();
    const other = await world();
    expect(
      await refusal({ affiliateId: w.affiliateId, brandId: other.brandId, campaignId: w.campaignId }),
    ).toEqual([`brand_id: must be the campaign's brand (${w.brandId})`]);
    const r = await resolvePlan({
      db,
      affiliateId: w.affiliateId,
      brandId: w.brandId,
      campaignId: w.campaignId,
      at: T0,
    });
    expect(r.source).toBeNull();
  });
});

describe('no plan', () => {
  it('says what each level lacks, with and without a campaign', async () => {
    const w = await world();
    const p = await plan(w.brandId, 'Later');
    // Assignments of other affiliates and campaigns, and one from after `at`, do not count.
    await assign(w.brandId, 'affiliate', p.id, -5, { affiliateId: w.otherId });
    await assign(w.brandId, 'campaign', p.id, -5, { affiliateId: w.otherId, campaignId: w.otherCampaignId });
    await assign(w.brandId, 'campaign', p.id, -5, {
      affiliateId: w.affiliateId,
      campaignId: w.secondCampaignId,
    });
    await assign(w.brandId, 'brand', p.id, 1);
    const without = await resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId, at: T0 });
    expect(summary(without)).toEqual({
      source: null,
      plan: null,
      version: null,
      assignment: null,
      checked: [
        ['affiliate', null],
        ['brand', null],
      ],
      explanation:
        'No plan applies at 2026-06-01T12:00:00.000Z: the affiliate has no plan of its own, the brand has no default plan.',
      at: '2026-06-01T12:00:00.000Z',
    });
    const through = await resolvePlan({ db, affiliateId: w.affiliateId, campaignId: w.campaignId, at: T0 });
    expect(summary(through)).toEqual({
      ...summary(without),
      checked: [
        ['campaign', null],
        ['affiliate', null],
        ['brand', null],
      ],
      explanation:
        'No plan applies at 2026-06-01T12:00:00.000Z: the campaign has no plan of its own, the affiliate has no plan of its own, the brand has no default plan.',
    });
  });

  it("another brand's assignments do not count", async () => {
    const w = await world();
    const other = await world();
    const p = await plan(other.brandId, 'Elsewhere');
    await assign(other.brandId, 'brand', p.id, -5);
    await assign(other.brandId, 'affiliate', p.id, -5, { affiliateId: w.affiliateId });
    const campaignElsewhere = await w.campaign(w.affiliateId, other.brandId);
    await assign(other.brandId, 'campaign', p.id, -5, {
      affiliateId: w.affiliateId,
      campaignId: campaignElsewhere,
    });
    const r = await resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId, at: T0 });
    expect([r.source, r.checked.map((c) => c.assignment)]).toEqual([null, [null, null]]);
  });

  it('at is now when not given', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: false });
    vi.setSystemTime(T0);
    const w = await world();
    const p = await plan(w.brandId, 'Soon');
    await assign(w.brandId, 'brand', p.id, 1);
    const r = await resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId });
    expect([r.at.toISOString(), r.source]).toEqual(['2026-06-01T12:00:00.000Z', null]);
    vi.setSystemTime(day(1));
    const later = await resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId });
    expect([later.at.toISOString(), later.source]).toEqual(['2026-06-02T12:00:00.000Z', 'brand']);
  });
});

describe('precedence', () => {
  it('campaign, then the affiliate, then the brand default, each explained', async () => {
    const w = await world();
    const brandPlan = await plan(w.brandId, 'Default', [-100, -3]);
    const ownPlan = await plan(w.brandId, 'Own');
    const campaignPlan = await plan(w.brandId, 'Campaign');
    const brandRow = await assign(w.brandId, 'brand', brandPlan.id, -20);
    const ownRow = await assign(w.brandId, 'affiliate', ownPlan.id, -10, { affiliateId: w.affiliateId });
    const campaignRow = await assign(w.brandId, 'campaign', campaignPlan.id, -5, {
      affiliateId: w.affiliateId,
      campaignId: w.campaignId,
    });
    const resolve = (at: Date, campaign: boolean) =>
      resolvePlan({
        db,
        affiliateId: w.affiliateId,
        ...(campaign ? { campaignId: w.campaignId } : { brandId: w.brandId }),
        at,
      }).then(summary);

    expect(await resolve(T0, true)).toEqual({
      source: 'campaign',
      plan: campaignPlan,
      version: [1, '2026-02-21T12:00:00.000Z'],
      assignment: campaignRow,
      checked: [
        ['campaign', campaignRow],
        ['affiliate', ownRow],
        ['brand', brandRow],
      ],
      explanation:
        "Campaign, version 1 (in force since 2026-02-21T12:00:00.000Z): the campaign's plan since 2026-05-27T12:00:00.000Z.",
      at: '2026-06-01T12:00:00.000Z',
    });
    // Without the campaign the affiliate's own plan decides, and a campaign's is not looked at.
    expect(await resolve(T0, false)).toEqual({
      source: 'affiliate',
      plan: ownPlan,
      version: [1, '2026-02-21T12:00:00.000Z'],
      assignment: ownRow,
      checked: [
        ['affiliate', ownRow],
        ['brand', brandRow],
      ],
      explanation:
        "Own, version 1 (in force since 2026-02-21T12:00:00.000Z): the affiliate's own plan since 2026-05-22T12:00:00.000Z.",
      at: '2026-06-01T12:00:00.000Z',
    });
    // Six days ago the campaign's plan had not begun: the affiliate's decides, the campaign is passed.
    expect((await resolve(day(-6), true)).explanation).toBe(
      "Own, version 1 (in force since 2026-02-21T12:00:00.000Z): the affiliate's own plan since 2026-05-22T12:00:00.000Z; the campaign has no plan of its own.",
    );
    // Fifteen days ago only the brand default was in force, in its first version.
    expect(await resolve(day(-15), true)).toEqual({
      source: 'brand',
      plan: brandPlan,
      version: [1, '2026-02-21T12:00:00.000Z'],
      assignment: brandRow,
      checked: [
        ['campaign', null],
        ['affiliate', null],
        ['brand', brandRow],
      ],
      explanation:
        "Default, version 1 (in force since 2026-02-21T12:00:00.000Z): the brand's default plan since 2026-05-12T12:00:00.000Z; the campaign has no plan of its own, the affiliate has no plan of its own.",
      at: '2026-05-17T12:00:00.000Z',
    });
  });

  it('an assignment counts from its effective instant, and the latest in force wins', async () => {
    const w = await world();
    const first = await plan(w.brandId, 'First');
    const second = await plan(w.brandId, 'Second');
    const third = await plan(w.brandId, 'Third');
    const early = await assign(w.brandId, 'affiliate', first.id, -10, { affiliateId: w.affiliateId });
    // Written later but effective earlier: the one effective last is in force.
    await assign(w.brandId, 'affiliate', second.id, -20, { affiliateId: w.affiliateId });
    const resolve = (at: Date) =>
      resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId, at }).then(summary);
    expect([(await resolve(T0)).plan?.name, (await resolve(T0)).assignment]).toEqual(['First', early]);
    expect((await resolve(day(-10))).plan?.name).toBe('First');
    expect((await resolve(new Date(day(-10).getTime() - 1))).plan?.name).toBe('Second');
    // Two with one effective date: the one written last.
    const tie = await assign(w.brandId, 'affiliate', third.id, -10, { affiliateId: w.affiliateId });
    expect([(await resolve(T0)).plan?.name, (await resolve(T0)).assignment]).toEqual(['Third', tie]);
  });

  it('an ended assignment hands the decision to the next level', async () => {
    const w = await world();
    const p = await plan(w.brandId, 'Base');
    const brandRow = await assign(w.brandId, 'brand', p.id, -30);
    await assign(w.brandId, 'campaign', p.id, -20, { affiliateId: w.affiliateId, campaignId: w.campaignId });
    const ended = await assign(w.brandId, 'campaign', null, -10, {
      affiliateId: w.affiliateId,
      campaignId: w.campaignId,
    });
    const r = await resolvePlan({ db, affiliateId: w.affiliateId, campaignId: w.campaignId, at: T0 });
    expect(summary(r)).toMatchObject({
      source: 'brand',
      assignment: brandRow,
      checked: [
        ['campaign', ended],
        ['affiliate', null],
        ['brand', brandRow],
      ],
    });
    expect(r.assignment).toMatchObject({
      target: 'brand',
      brand_id: w.brandId,
      plan_id: p.id,
      affiliate_id: null,
    });
    expect(r.checked[0]?.assignment).toMatchObject({
      target: 'campaign',
      plan_id: null,
      campaign_id: w.campaignId,
    });
  });
});

describe('the version', () => {
  it('is the one in force at the instant, or none before the first', async () => {
    const w = await world();
    const p = await plan(w.brandId, 'Versions', [2, 5]);
    await assign(w.brandId, 'brand', p.id, -1);
    const resolve = (at: Date) => resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId, at });
    const before = await resolve(T0);
    expect([before.source, before.plan?.id, before.version]).toEqual(['brand', p.id, null]);
    expect(before.explanation).toBe(
      "Versions, no version in force yet: the brand's default plan since 2026-05-31T12:00:00.000Z; the affiliate has no plan of its own.",
    );
    expect(summary(await resolve(day(2))).version).toEqual([1, '2026-06-03T12:00:00.000Z']);
    const later = await resolve(day(6));
    expect([later.version?.version, later.version?.definition]).toEqual([2, { cpl: { amount: 200 } }]);
    expect(later.explanation).toBe(
      "Versions, version 2 (in force since 2026-06-06T12:00:00.000Z): the brand's default plan since 2026-05-31T12:00:00.000Z; the affiliate has no plan of its own.",
    );
  });

  it("is read from the decided plan, archived or not, and names the plan's currency", async () => {
    const w = await world();
    const p = await plan(w.brandId, 'Old');
    await db.updateTable('commission_plans').set({ status: 'archived' }).where('id', '=', p.id).execute();
    await plan(w.brandId, 'Noise', [-200, -1]);
    await assign(w.brandId, 'affiliate', p.id, -1, { affiliateId: w.affiliateId });
    const r = await resolvePlan({ db, affiliateId: w.affiliateId, brandId: w.brandId, at: T0 });
    expect([r.plan, r.version?.plan_id, r.version?.version]).toEqual([
      { id: p.id, name: 'Old', currency: 'EUR', status: 'archived' },
      p.id,
      1,
    ]);
  });
});
