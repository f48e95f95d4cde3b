/**
 * Operator transparency: each change of the rules an affiliate is paid under (a plan version, a
 * plan (re)assignment, a brand's default plan, a re-attribution, a fraud hold and its release, a
 * bill correction) is in the affiliate's events log, with who made it and why, as the operator
 * and the affiliate read it, and its record is in the affiliate's own chain, which verifies alone.
 * Amounts in cents of EUR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../verifier/affluent-verify.mjs';
import { api, billingApp, billsOf, brandWith, CPA_PLAN, cpa, run, uid } from '../billing/helpers.ts';
import { ok } from '../events/api.ts';
import { post } from '../events/helpers.ts';
import {
  affiliateIdOf,
  approvedPartner,
  type IdentityTestApp,
  PASSWORD,
  type Partner,
  uniqueEmail,
} from '../identity/helpers.ts';

let t: IdentityTestApp;
let eventsKey: string;
beforeAll(async () => {
  t = await billingApp();
  eventsKey = await t.apiKey(['events']);
}, 300_000);
afterAll(() => t.close());

interface LoggedEvent {
  id: number;
  type: string;
  actor: { type: string; name: string };
  data: Record<string, unknown> & {
    reason?: string;
    chain?: { kind: string; ref_id?: string; ref_ids?: string[] };
  };
}
interface Link {
  kind: string;
  ref_id: string;
  body: Record<string, unknown>;
}

/** The affiliate's events of `type`, as the operator reads them. */
async function logged(affiliateId: number, type: string): Promise<LoggedEvent[]> {
  const res = await api(t, 'GET', `/affiliates/${affiliateId}/events?type=${type}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

/** The affiliate's whole chain, checked by the verifier against the published keys. */
async function chainOf(affiliateId: number): Promise<Link[]> {
  const res = await api(t, 'GET', `/affiliates/${affiliateId}/history/chain`);
  expect(res.statusCode, res.body).toBe(200);
  const chain = res.json();
  expect(await verifyChain(chain, chain.keys)).toMatchObject({ ok: true });
  return chain.links;
}
const linked = (links: Link[], kind: string, refId: string | number) =>
  links.find((l) => l.kind === kind && l.ref_id === String(refId));

/** A plan of the brand paying a CPA of `amount`, in force since 2026-01-01. */
const newPlan = async (brandId: number, amount: number) =>
  ok(
    await api(t, 'POST', '/commission-plans', {
      name: uid('Plan'),
      brand_id: brandId,
      currency: 'EUR',
      definition: { cpa: { ...CPA_PLAN.cpa, amount } },
      effective_from: '2026-01-01T00:00:00Z',
    }),
    201,
  );

describe('rule changes in the events log and the chain', () => {
  it("logs an affiliate's plan assignment, a new version of its plan and the plan's end, each in its chain", async () => {
    const p = await approvedPartner(t, 'rules-own');
    const { brandId } = await brandWith(t, CPA_PLAN);
    const plan = await newPlan(brandId, 4000);
    const assigned = await ok(
      await api(t, 'PUT', `/affiliates/${p.affiliateId}/commission-plan`, {
        plan_id: plan.id,
        reason: 'Top partner deal',
      }),
      201,
    );
    const [event] = await logged(p.affiliateId, 'plan_assigned').then((es) =>
      es.filter((e) => e.data.plan_id === plan.id),
    );
    expect(event).toMatchObject({
      actor: { type: 'api_key', name: 'test' },
      data: { target: 'affiliate', brand_id: brandId, reason: 'Top partner deal' },
    });
    expect(event!.data.chain).toEqual({ kind: 'plan_assignment', ref_id: String(assigned.id) });

    const v2 = await ok(
      await api(t, 'POST', `/commission-plans/${plan.id}/versions`, {
        definition: { cpa: { ...CPA_PLAN.cpa, amount: 4500 } },
        effective_from: '2030-01-01T00:00:00Z',
        note: 'Raise for 2030',
      }),
      201,
    );
    const [published] = await logged(p.affiliateId, 'plan_version_published');
    expect(published).toMatchObject({
      actor: { type: 'api_key' },
      data: { plan_id: plan.id, version: 2, via: 'affiliate', reason: 'Raise for 2030' },
    });

    const ended = await ok(
      await api(t, 'PUT', `/affiliates/${p.affiliateId}/commission-plan`, {
        plan_id: null,
        brand_id: brandId,
        reason: 'Deal over',
      }),
      201,
    );
    expect((await logged(p.affiliateId, 'plan_ended'))[0]).toMatchObject({ data: { reason: 'Deal over' } });

    const links = await chainOf(p.affiliateId);
    expect(linked(links, 'plan_assignment', assigned.id)?.body).toMatchObject({ reason: 'Top partner deal' });
    expect(linked(links, 'plan_assignment', ended.id)?.body).toMatchObject({
      reason: 'Deal over',
      plan_id: null,
    });
    // Version 1 came with the assignment (published before it), version 2 when it was published.
    const versions = links.filter((l) => l.kind === 'plan_version' && l.body.plan_id === plan.id);
    expect(versions.map((l) => l.body.version)).toEqual([1, 2]);
    expect(versions[1]?.body).toMatchObject({ note: 'Raise for 2030' });
    // The affiliate reads the same log in the portal.
    const own = await t.as(p.cookie, { url: '/api/partner/v1/events?type=plan_version_published' });
    expect(own.json().data.map((e: LoggedEvent) => e.data.reason)).toEqual(['Raise for 2030']);
  });

  it("puts a brand's default plan and its new versions in every admitted affiliate's log and chain", async () => {
    const early = await approvedPartner(t, 'rules-brand');
    const email = uniqueEmail('rules-applicant');
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/sign-up',
      payload: { email, password: PASSWORD, first_name: 'Ada', last_name: 'Applicant', terms_accepted: true },
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const applicant = await affiliateIdOf(t, email);
    const { brandId, planId } = await brandWith(t, CPA_PLAN);
    const [assignment] = (await logged(early.affiliateId, 'plan_assigned')).filter(
      (e) => e.data.brand_id === brandId,
    );
    expect(assignment).toMatchObject({ data: { target: 'brand', plan_id: planId } });
    const v2 = await ok(
      await api(t, 'POST', `/commission-plans/${planId}/versions`, {
        definition: { cpa: { ...CPA_PLAN.cpa, amount: 3500 } },
        effective_from: '2030-01-01T00:00:00Z',
        note: 'Brand-wide raise',
      }),
      201,
    );
    const [published] = (await logged(early.affiliateId, 'plan_version_published')).filter(
      (e) => e.data.plan_id === planId,
    );
    expect(published).toMatchObject({ data: { via: 'brand', version: 2, reason: 'Brand-wide raise' } });
    const links = await chainOf(early.affiliateId);
    expect(linked(links, 'plan_assignment', assignment!.data.chain!.ref_id!)?.body).toMatchObject({
      target: 'brand',
      brand_id: brandId,
    });
    expect(
      links.filter((l) => l.kind === 'plan_version' && l.body.plan_id === planId).map((l) => l.body.version),
    ).toEqual([1, 2]);

    // Admitted afterwards: the brand's rules in force (and the scheduled version) join its chain then.
    const late = await approvedPartner(t, 'rules-brand-late');
    const lateLinks = await chainOf(late.affiliateId);
    expect(linked(lateLinks, 'plan_assignment', assignment!.data.chain!.ref_id!)).toBeDefined();
    expect(
      lateLinks
        .filter((l) => l.kind === 'plan_version' && l.body.plan_id === planId)
        .map((l) => l.body.version),
    ).toContain(v2.version);
    // An applicant not yet admitted is reached by nothing.
    expect((await logged(applicant, 'plan_assigned')).filter((e) => e.data.brand_id === brandId)).toEqual([]);
  });

  it('logs a re-attribution with its reason for both affiliates, each chain holding the decision', async () => {
    const from = await approvedPartner(t, 'rules-from');
    const to = await approvedPartner(t, 'rules-to');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, from.affiliateId, '2026-03-05');
    const customer = await t.db
      .selectFrom('customers')
      .select('id')
      .where('brand_id', '=', brandId)
      .executeTakeFirstOrThrow();
    const moved = await api(t, 'POST', `/customers/${customer.id}/attribution`, {
      affiliate_id: to.affiliateId,
      reason: 'Proven duplicate account',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await logged(to.affiliateId, 'customer_attributed'))[0]).toMatchObject({
      actor: { type: 'api_key', name: 'test' },
      data: { reason: 'Proven duplicate account', previous_affiliate_id: from.affiliateId },
    });
    expect((await logged(from.affiliateId, 'customer_reattributed_away'))[0]).toMatchObject({
      data: { reason: 'Proven duplicate account', new_affiliate_id: to.affiliateId },
    });
    for (const p of [from, to]) {
      const decision = (await chainOf(p.affiliateId)).find(
        (l) => l.kind === 'attribution' && l.body.kind === 'reattribution',
      );
      expect(decision?.body).toMatchObject({
        affiliate_id: to.affiliateId,
        previous_affiliate_id: from.affiliateId,
        reason: 'Proven duplicate account',
      });
    }
  });

  it("logs a fraud rule's hold and the operator's release, naming the commission and the reason", async () => {
    const p = await approvedPartner(t, 'rules-fraud');
    const { brandId } = await brandWith(t, CPA_PLAN);
    const rule = await api(t, 'PUT', `/brands/${brandId}/fraud-rules/country_not_allowed`, {
      mode: 'hold',
      params: { countries: ['DE'] },
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const player = uid('fraud');
    const send = async (type: string, at: string, extra: Record<string, unknown>) => {
      const res = await post(t, eventsKey, {
        event_id: uid(type),
        type,
        brand_id: brandId,
        customer_id: player,
        occurred_at: at,
        ...extra,
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    // A first deposit of 25.00 over the 20.00 minimum: the CPA of 30.00 is approved at once.
    await send('registration', '2026-03-05T10:00:00Z', { affiliate_id: p.affiliateId, country: 'DE' });
    await send('deposit', '2026-03-05T11:00:00Z', { amount: 2500, currency: 'EUR' });
    // A deposit from FR trips the rule: the customer is held, and its approved CPA with it.
    await send('deposit', '2026-03-06T11:00:00Z', { amount: 1000, currency: 'EUR', country: 'FR' });
    const [held] = await logged(p.affiliateId, 'commissions_held');
    expect(held).toMatchObject({
      data: { to_status: 'on_hold', reason: 'customer held by fraud rule country_not_allowed', count: 1 },
    });
    const commissionId = (held!.data.commission_ids as string[])[0]!;
    const released = await api(t, 'POST', `/commissions/${commissionId}/release`, {
      reason: 'Checked the player',
    });
    expect(released.statusCode, released.body).toBe(200);
    const [release] = await logged(p.affiliateId, 'commissions_released');
    expect(release).toMatchObject({
      actor: { type: 'api_key', name: 'test' },
      data: { to_status: 'approved', reason: 'Checked the player', commission_ids: [commissionId] },
    });
    const links = await chainOf(p.affiliateId);
    for (const e of [held!, release!]) {
      const [ref] = e.data.chain!.ref_ids!;
      expect(linked(links, 'commission_status', ref!)?.body).toMatchObject({ reason: e.data.reason });
    }
  });

  it('logs a bill correction before and after approval with its comment, each in the chain', async () => {
    const p: Partner = await approvedPartner(t, 'rules-bill');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, p.affiliateId, '2026-03-05');
    await run(t, { period_start: '2026-03-01', period_end: '2026-03-31', affiliate_ids: [p.affiliateId] });
    const [bill] = await billsOf(t, p.affiliateId);
    const correct = async (body: Record<string, unknown>, key: string) => {
      const res = await api(t, 'POST', `/bills/${bill!.id}/corrections`, body, { 'idempotency-key': key });
      expect(res.statusCode, res.body).toBe(201);
    };
    await correct({ action: 'subtract', amount: 700, comment: 'Bonus abuse' }, uid('c'));
    expect((await api(t, 'POST', `/bills/${bill!.id}/approve`)).statusCode).toBe(200);
    await correct({ action: 'add', amount: 250, comment: 'Late deposit' }, uid('c'));
    const events = await logged(p.affiliateId, 'bill_corrected');
    // Newest first: +2.50 after approval, -7.00 before it.
    expect(events.map((e) => [e.data.action, e.data.amount, e.data.after_approval, e.data.reason])).toEqual([
      ['add', '250', true, 'Late deposit'],
      ['subtract', '700', false, 'Bonus abuse'],
    ]);
    expect(events[0]).toMatchObject({
      actor: { type: 'api_key', name: 'test' },
      data: { bill_id: bill!.id },
    });
    const links = await chainOf(p.affiliateId);
    for (const e of events)
      expect(linked(links, 'bill_correction', e.data.chain!.ref_id!)?.body).toMatchObject({
        comment: e.data.reason,
      });
  });
});
