import { expect } from 'vitest';
import { ok } from '../events/api.ts';
import { post, seedBrand, uid } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

export { uid };

export function billingApp() {
  return createIdentityApp({
    RATE_LIMIT_PER_KEY: '100000',
    RATE_LIMIT_PER_USER: '100000',
    RATE_LIMIT_PER_IP: '100000',
  });
}

export const api = (
  t: IdentityTestApp,
  method: string,
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) =>
  t.call(t.admin, {
    method: method as 'GET',
    url: `/api/v1${url}`,
    ...(payload ? { payload: payload as object } : {}),
    ...(headers ? { headers } : {}),
  });

let eventsKey: string | undefined;

/** A brand whose default plan pays RevShare of `revshare` (EUR), in force since 2026-01-01. */
export const revshareBrand = (
  t: IdentityTestApp,
  revshare: Record<string, unknown> = { basis: 'ngr', rate: '25' },
) => brandWith(t, { revshare });

/** One customer's bets and wins on `day` for the affiliate: GGR = bets − wins. */
export async function activity(
  t: IdentityTestApp,
  brandId: number,
  affiliateId: number,
  day: string,
  bets: number,
  wins: number,
) {
  eventsKey ??= await t.apiKey(['events']);
  const res = await post(t, eventsKey, {
    event_id: uid('e'),
    currency: 'EUR',
    type: 'activity',
    brand_id: brandId,
    customer_id: uid('p'),
    affiliate_id: affiliateId,
    occurred_at: `${day}T12:00:00Z`,
    period_start: day,
    activity: { bets, wins },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

/** Finalizes the brand's RevShare of a month: approved commissions, as bills take them. */
export async function finalize(t: IdentityTestApp, brandId: number, start: string, end: string) {
  await ok(
    await api(t, 'POST', '/commissions/revshare/finalize', {
      period_start: start,
      period_end: end,
      brand_id: brandId,
    }),
  );
}

export async function setBilling(
  t: IdentityTestApp,
  affiliateId: number,
  billing: Record<string, unknown>,
  currency?: string,
) {
  const res = await api(t, 'PATCH', `/affiliates/${affiliateId}`, {
    billing,
    ...(currency ? { default_currency: currency } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
}

export async function run(t: IdentityTestApp, body: Record<string, unknown>) {
  const res = await api(t, 'POST', '/bills/run', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function billsOf(t: IdentityTestApp, affiliateId: number) {
  const res = await api(t, 'GET', `/bills?affiliate_id=${affiliateId}&page_size=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Record<string, any>[];
}

export async function bill(t: IdentityTestApp, id: number) {
  return ok(await api(t, 'GET', `/bills/${id}`));
}

/** A partner (signed-up, approved, signed in) with its RevShare commissions of March 2026 on a new brand. */
export async function partnerWithMarch(t: IdentityTestApp, label: string, ggr: [number, number][]) {
  const p: Partner = await approvedPartner(t, label);
  const brand = await revshareBrand(t);
  for (const [i, [bets, wins]] of ggr.entries())
    await activity(t, brand.brandId, p.affiliateId, `2026-03-${10 + i}`, bets, wins);
  await finalize(t, brand.brandId, '2026-03-01', '2026-03-31');
  return { ...p, ...brand };
}

/** What a refusal must leave as it was: bills, their lines, corrections and changes, commissions, the ledger. */
export async function billingSnapshot(t: IdentityTestApp): Promise<string> {
  const out: unknown[] = [];
  for (const table of [
    'bills',
    'bill_lines',
    'bill_changes',
    'bill_corrections',
    'commissions',
    'commission_status_changes',
    'ledger_entries',
    'ledger_postings',
    'ledger_accounts',
    'affiliate_events',
  ] as const)
    out.push(
      await t.db
        .selectFrom(table)
        .selectAll()
        .orderBy('id' as never)
        .execute(),
    );
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

let players = 0;
/**
 * A CPA of 30.00 EUR for the affiliate, earned on `day` (registration, then a first deposit of
 * 25.00 the same day, over the plan's 20.00 minimum; no hold, so approved at once): at 10:00 and
 * 11:00, or with `dayStart` (for today, whose 10:00 may be in the future) at 00:00:00 and 00:00:01.
 */
export async function cpa(
  t: IdentityTestApp,
  brandId: number,
  affiliateId: number,
  day: string,
  dayStart = false,
) {
  eventsKey ??= await t.apiKey(['events']);
  const customer = `cpa-${++players}-${process.pid}`;
  for (const [type, extra] of [
    ['registration', { affiliate_id: affiliateId }],
    ['deposit', { amount: 2500, currency: 'EUR' }],
  ] as const) {
    const res = await post(t, eventsKey, {
      event_id: uid(type),
      type,
      brand_id: brandId,
      customer_id: customer,
      occurred_at: dayStart
        ? `${day}T00:00:0${type === 'registration' ? '0' : '1'}Z`
        : `${day}T${type === 'registration' ? '10' : '11'}:00:00Z`,
      ...extra,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
  }
}

export const CPA_PLAN = {
  cpa: { amount: 3000, hold_days: 0, qualification: { min_first_deposit: 2000, within_days: 7 } },
};

/** A brand whose default plan pays `definition` (EUR) since 2026-01-01. */
export async function brandWith(t: IdentityTestApp, definition: Record<string, unknown>) {
  const s = await seedBrand(t, t.admin);
  const plan = await ok(
    await api(t, 'POST', '/commission-plans', {
      name: uid('Plan'),
      brand_id: s.brand.id,
      currency: 'EUR',
      definition,
      effective_from: '2026-01-01T00:00:00Z',
    }),
    201,
  );
  await ok(
    await api(t, 'PUT', `/brands/${s.brand.id}/commission-plan`, {
      plan_id: plan.id,
      effective_from: '2026-01-01T00:00:00Z',
    }),
    201,
  );
  return { brandId: s.brand.id as number, planId: plan.id as number };
}
