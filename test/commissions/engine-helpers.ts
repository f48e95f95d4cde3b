import { expect } from 'vitest';
import { ago, DAY, ok, operatorApi } from '../events/api.ts';
import { seedBrand, uid } from '../events/helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

export { ago, DAY, ok, uid };

export interface EngineTest {
  t: TestApp;
  admin: string;
  events: string;
  api: ReturnType<typeof operatorApi>;
}

export async function engineApp(): Promise<EngineTest> {
  const t = await createTestApp();
  const admin = await t.apiKey(['admin']);
  const events = await t.apiKey(['events']);
  return {
    t,
    admin,
    events,
    api: operatorApi(
      () => t,
      () => admin,
    ),
  };
}

/**
 * A brand with an affiliate whose brand default is a plan of `definition` (EUR), in force since
 * `since` (default 60 days ago).
 */
export async function brandWithPlan(
  e: EngineTest,
  definition: Record<string, unknown>,
  options: { since?: Date; binding?: 'keep' | 'latest' } = {},
) {
  const s = await seedBrand(e.t, e.admin);
  const since = options.since ?? ago(60 * DAY);
  const plan = await ok(
    await e.api('POST', '/commission-plans', {
      name: uid('Plan'),
      brand_id: s.brand.id,
      currency: 'EUR',
      definition,
      effective_from: since.toISOString(),
      ...(options.binding ? { customer_binding: options.binding } : {}),
    }),
    201,
  );
  await ok(
    await e.api('PUT', `/brands/${s.brand.id}/commission-plan`, {
      plan_id: plan.id,
      effective_from: since.toISOString(),
    }),
    201,
  );
  return { ...s, plan };
}

/** Sends events (one batch); every item must be created. */
export async function send(e: EngineTest, items: Record<string, unknown>[]) {
  const res = await e.t.call(e.events, { method: 'POST', url: '/api/v1/events', payload: { events: items } });
  expect(res.statusCode, res.body).toBe(200);
  const results = res.json().results as { status: string; event?: { id: number } }[];
  expect(
    results.map((r) => r.status),
    res.body,
  ).toEqual(items.map(() => 'created'));
  return results.map((r) => r.event as { id: number; customer_ref: number });
}

/** An event of `customer` at `at`, for the brand, attributed to the affiliate named. */
export function event(
  brandId: number,
  customer: string,
  type: string,
  at: Date,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const money = ['deposit', 'withdrawal', 'sale', 'refund', 'chargeback'].includes(type);
  return {
    type,
    event_id: uid(type),
    brand_id: brandId,
    customer_id: customer,
    occurred_at: at.toISOString(),
    ...(money || type === 'activity' ? { currency: 'EUR' } : {}),
    ...extra,
  };
}

/** The commissions of a brand as stored, oldest first. */
export async function commissionsOf(t: TestApp, brandId: number) {
  return t.db.selectFrom('commissions').selectAll().where('brand_id', '=', brandId).orderBy('id').execute();
}
