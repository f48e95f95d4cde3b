import { expect } from 'vitest';
import { brandWithPlan, type EngineTest, event, send, uid } from '../commissions/engine-helpers.ts';
import { insertClick } from '../events/helpers.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Midnight UTC `n` days ago: reports are asked in whole days and hours. */
export function dayAgo(n: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - n * DAY);
}
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export type Promo = {
  id: number;
  code: string;
  campaign_id: number;
  affiliate_id: number;
  brand_id: number;
  destination_link_id: number;
};

/** A brand paying CPL 5.00 and CPA 30.00 (on a first deposit of 10.00 or more) in EUR. */
export async function reportBrand(e: EngineTest) {
  return brandWithPlan(
    e,
    { cpl: { amount: 500 }, cpa: { amount: 3000, qualification: { min_first_deposit: 1000 } } },
    { since: dayAgo(60) },
  );
}

export async function clicks(
  e: EngineTest,
  promo: Promo,
  at: Date,
  n: number,
  extra: Record<string, unknown> = {},
) {
  for (let i = 0; i < n; i++) await insertClick(e.t, promo, new Date(at.getTime() + i * 1000), extra);
}

export async function report(e: EngineTest, body: Record<string, unknown>, key = e.admin) {
  const res = await e.t.call(key, { method: 'POST', url: '/api/v1/reports/performance', payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export { event, send, uid };
