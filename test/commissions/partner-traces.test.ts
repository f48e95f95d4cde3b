/**
 * What affiliates see of a commission's trace is the operator's choice (PATCH /settings/program
 * `commission_trace_visibility`): the partner API shows nothing, the sentence, or the sentence and
 * the inputs, and never the structured trace's internals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, operatorApi } from '../events/api.ts';
import { seedBrand, uid } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';
import { event, send } from './engine-helpers.ts';

let t: IdentityTestApp;
let partner: Partner;
let api: ReturnType<typeof operatorApi>;

beforeAll(async () => {
  t = await createIdentityApp();
  api = operatorApi(
    () => t,
    () => t.admin,
  );
  partner = await approvedPartner(t);
  const events = await t.apiKey(['events']);
  const s = await seedBrand(t, t.admin);
  const plan = await ok(
    await api('POST', '/commission-plans', {
      name: uid('Plan'),
      brand_id: s.brand.id,
      currency: 'EUR',
      definition: { cpa: { amount: 3000, qualification: { min_first_deposit: 2000 } } },
      effective_from: '2026-01-01T00:00:00Z',
    }),
    201,
  );
  await ok(
    await api('PUT', `/brands/${s.brand.id}/commission-plan`, {
      plan_id: plan.id,
      effective_from: '2026-01-01T00:00:00Z',
    }),
    201,
  );
  const p = uid('p');
  await send({ t, events } as never, [
    event(s.brand.id, p, 'registration', new Date('2026-10-05T12:00:00Z'), {
      affiliate_id: partner.affiliateId,
    }),
    event(s.brand.id, p, 'deposit', new Date('2026-10-06T12:00:00Z'), { amount: 2500 }),
  ]);
}, 300_000);
afterAll(() => t.close());

const mine = async () => {
  const res = await t.as(partner.cookie, { url: '/api/partner/v1/commissions' });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(body.data).toHaveLength(1);
  return body.data[0];
};
const choose = async (v: string) =>
  ok(await api('PATCH', '/settings/program', { commission_trace_visibility: v }));

describe('commission trace visibility', () => {
  it('is the sentence by default, then what the operator chooses', async () => {
    expect((await ok(await api('GET', '/settings/program'))).commission_trace_visibility).toBe('sentence');
    const first = await mine();
    expect(first).toMatchObject({
      kind: 'cpa',
      amount: 3000,
      explanation: 'CPA 30.00 EUR: first deposit 25.00 ≥ 20.00',
      inputs: null,
    });
    expect(first.trace).toBeUndefined();

    expect((await choose('sentence_and_inputs')).commission_trace_visibility).toBe('sentence_and_inputs');
    const full = await mine();
    expect(full.explanation).toBe('CPA 30.00 EUR: first deposit 25.00 ≥ 20.00');
    // The inputs: the qualification with its check (2500 ≥ 2000), the formula; not the plan's internals.
    expect(full.inputs).toMatchObject({
      rule: 'cpa',
      formula: 'plan CPA amount = 3000',
      qualification: { checks: [{ rule: 'min_first_deposit', required: 2000, actual: '2500', met: true }] },
    });
    expect(full.inputs.plan).toBeUndefined();

    await choose('none');
    expect(await mine()).toMatchObject({ amount: 3000, explanation: null, inputs: null });
    await choose('sentence');
  });

  it('refuses an unknown choice and keeps the setting', async () => {
    const res = await api('PATCH', '/settings/program', { commission_trace_visibility: 'everything' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'commission_trace_visibility',
    ]);
    expect((await ok(await api('GET', '/settings/program'))).commission_trace_visibility).toBe('sentence');
  });
});
