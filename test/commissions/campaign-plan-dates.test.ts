/**
 * A campaign's plan changes from an effective date (PATCH /campaigns/:id with
 * commission_plan_effective_from): the engine pays each event under the assignment in force at
 * the event's time. Amounts are cents of EUR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandWithPlan, type EngineTest, engineApp, event, ok, send, uid } from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

const day = (d: string) => new Date(`2026-10-${d}T12:00:00Z`);

describe('a campaign plan with an effective date', () => {
  it('pays the events before the date under the brand default, those after under the campaign plan', async () => {
    // Brand default: 10% of each sale; the campaign's plan from 15 October: 20%.
    const s = await brandWithPlan(
      e,
      { sale_share: { percent: '10', duration: 'lifetime' } },
      { since: new Date('2026-01-01T00:00:00Z') },
    );
    const campaignPlan = await ok(
      await e.api('POST', '/commission-plans', {
        name: uid('Campaign plan'),
        brand_id: s.brand.id,
        currency: 'EUR',
        definition: { sale_share: { percent: '20', duration: 'lifetime' } },
        effective_from: '2026-01-01T00:00:00Z',
      }),
      201,
    );
    const changed = await ok(
      await e.api('PATCH', `/campaigns/${s.campaign.id}`, {
        commission_plan_id: campaignPlan.id,
        commission_plan_effective_from: '2026-10-15T00:00:00Z',
      }),
    );
    expect(changed.commission_plan_id).toBe(campaignPlan.id);
    const history = await ok(
      await e.api('GET', `/commission-plans/assignments?campaign_id=${s.campaign.id}`),
    );
    expect(
      history.data.map((a: { plan_id: number; effective_from: string }) => [a.plan_id, a.effective_from]),
    ).toEqual([[campaignPlan.id, '2026-10-15T00:00:00.000Z']]);

    const p = uid('p');
    const through = { affiliate_id: s.affiliateId, campaign_id: s.campaign.id };
    await send(e, [
      event(s.brand.id, p, 'sale', day('10'), { amount: 10_000, ...through }),
      event(s.brand.id, p, 'sale', day('20'), { amount: 10_000, ...through }),
    ]);
    const rows = await e.t.db
      .selectFrom('commissions')
      .select(['amount', 'plan_id', 'earned_at'])
      .where('brand_id', '=', s.brand.id)
      .orderBy('earned_at')
      .execute();
    // 10 October, before the date: the brand default, 10% of 10000 = 1000.
    // 20 October, after it: the campaign's plan, 20% of 10000 = 2000. Together 3000.
    expect(rows.map((r) => [Number(r.amount), r.plan_id])).toEqual([
      [1000, s.plan.id],
      [2000, campaignPlan.id],
    ]);

    // resolvePlan answers the same for either side of the date.
    const before = await ok(
      await e.api(
        'GET',
        `/commission-plans/resolve?affiliate_id=${s.affiliateId}&campaign_id=${s.campaign.id}&at=2026-10-14T23:59:59Z`,
      ),
    );
    const after = await ok(
      await e.api(
        'GET',
        `/commission-plans/resolve?affiliate_id=${s.affiliateId}&campaign_id=${s.campaign.id}&at=2026-10-15T00:00:00Z`,
      ),
    );
    expect([before.source, before.plan.id, after.source, after.plan.id]).toEqual([
      'brand',
      s.plan.id,
      'campaign',
      campaignPlan.id,
    ]);
  });

  it('refuses a date without a plan, or before the campaign’s last change, changing nothing', async () => {
    const s = await brandWithPlan(e, { cpl: { amount: 500 } }, { since: new Date('2026-01-01T00:00:00Z') });
    const alone = await e.api('PATCH', `/campaigns/${s.campaign.id}`, {
      commission_plan_effective_from: '2026-10-15T00:00:00Z',
    });
    expect(alone.statusCode, alone.body).toBe(422);
    expect(alone.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'commission_plan_effective_from',
    ]);
    await ok(
      await e.api('PATCH', `/campaigns/${s.campaign.id}`, {
        commission_plan_id: s.plan.id,
        commission_plan_effective_from: '2026-10-15T00:00:00Z',
      }),
    );
    const earlier = await e.api('PATCH', `/campaigns/${s.campaign.id}`, {
      commission_plan_id: null,
      commission_plan_effective_from: '2026-10-01T00:00:00Z',
    });
    expect(earlier.statusCode, earlier.body).toBe(422);
    const history = await ok(
      await e.api('GET', `/commission-plans/assignments?campaign_id=${s.campaign.id}`),
    );
    expect(history.data).toHaveLength(1);
    expect((await ok(await e.api('GET', `/campaigns/${s.campaign.id}`))).commission_plan_id).toBe(s.plan.id);
  });
});
