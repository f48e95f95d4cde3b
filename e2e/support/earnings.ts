import { expect } from 'vitest';
import type { ApiCall } from './app.ts';
import type { TestServer } from './server.ts';

const now = new Date();
const lastMonth = (day: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, 12));

/**
 * Two CPAs of 30.00 EUR earned by the affiliate last month (approved at once: no hold period),
 * through a new brand whose default plan pays them: last month's bill run bills 60.00 EUR.
 */
export async function earnTwoCpasLastMonth(
  server: TestServer,
  operator: ApiCall,
  affiliateId: number,
  brandName: string,
): Promise<void> {
  const brand = await operator('POST', '/api/v1/brands', { name: brandName, base_currency: 'EUR' });
  expect(brand.status, JSON.stringify(brand.json)).toBe(201);
  const since = lastMonth(-60).toISOString();
  const plan = await operator('POST', '/api/v1/commission-plans', {
    name: `CPA EUR ${brandName}`,
    brand_id: brand.json.id,
    currency: 'EUR',
    definition: { cpa: { amount: 3000, hold_days: 0, qualification: { min_first_deposit: 2000 } } },
    effective_from: since,
  });
  expect(plan.status, JSON.stringify(plan.json)).toBe(201);
  const assigned = await operator('PUT', `/api/v1/brands/${brand.json.id}/commission-plan`, {
    plan_id: plan.json.id,
    effective_from: since,
    reason: 'Launch terms for the brand',
  });
  expect(assigned.status).toBe(201);
  const key = await operator('POST', '/api/v1/api-keys', { name: `S2S ${brandName}`, scopes: ['events'] });
  const events = [1, 2].flatMap((n) => [
    {
      type: 'registration',
      event_id: `r${n}`,
      brand_id: brand.json.id,
      customer_id: `p${n}`,
      affiliate_id: affiliateId,
      occurred_at: lastMonth(n + 4).toISOString(),
    },
    {
      type: 'deposit',
      event_id: `d${n}`,
      brand_id: brand.json.id,
      customer_id: `p${n}`,
      amount: 2500,
      currency: 'EUR',
      occurred_at: lastMonth(n + 5).toISOString(),
    },
  ]);
  const sent = await fetch(`${server.baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.json.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(sent.status, await sent.text()).toBe(200);
}
