import { afterEach, expect, vi } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import {
  approvedPartner,
  createIdentityApp,
  enableTwoFactor,
  type IdentityTestApp,
  type Partner,
  totpCode,
} from '../identity/helpers.ts';
import { expectLedgerInvariants } from '../support/ledger-invariants.ts';

export { expectLedgerInvariants };

/** What a refusal must leave as it was: the ledger, cash-outs and the events log. */
export async function ledgerSnapshot(db: Db): Promise<string> {
  const out: unknown[] = [];
  for (const table of [
    'ledger_accounts',
    'ledger_entries',
    'ledger_postings',
    'cash_outs',
    'cash_out_changes',
    'affiliate_events',
  ] as const) {
    out.push(
      await db
        .selectFrom(table)
        .selectAll()
        .orderBy('id' as never)
        .execute(),
    );
  }
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export interface Wallet extends Partner {
  secret: string;
}

/** An approved affiliate with a PayPal payment method, 2FA on and confirmed recently in its session. */
export async function walletPartner(t: IdentityTestApp, label: string, method = 'paypal'): Promise<Wallet> {
  const p = await approvedPartner(t, label);
  const details =
    method === 'paypal'
      ? { paypal_reception_method: 'email', reception_identifier: `${label}@paypal.test` }
      : { email: `${label}@skrill.test` };
  const set = await t.call(t.admin, {
    method: 'PATCH',
    url: `/api/v1/affiliates/${p.affiliateId}`,
    payload: { payment_method: { type: method, details } },
  });
  expect(set.statusCode, set.body).toBe(200);
  const { secret } = await enableTwoFactor(t, p.cookie);
  vi.useRealTimers();
  return { ...p, secret };
}

/**
 * Confirms a fresh code in the session (step-up for financial actions): two time steps past the
 * one 2FA was turned on in, so the code was never used; the clock goes back to real time after.
 */
export async function verifyTwoFactor(t: IdentityTestApp, w: Wallet) {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime((Math.ceil(Date.now() / 30_000) + 2) * 30_000 + 1_000);
  const res = await t.as(w.cookie, {
    method: 'POST',
    url: '/api/partner/v1/two-factor/verify',
    payload: { code: totpCode(w.secret) },
  });
  vi.useRealTimers();
  expect(res.statusCode, res.body).toBeLessThan(300);
}

export function ledgerApp() {
  return createIdentityApp({
    RATE_LIMIT_PER_KEY: '100000',
    RATE_LIMIT_PER_USER: '100000',
    RATE_LIMIT_PER_IP: '100000',
  });
}

/** Every test of the file leaves the ledger sound. */
export function checkInvariantsAfterEach(get: () => IdentityTestApp | undefined) {
  afterEach(async () => {
    vi.useRealTimers();
    const t = get();
    if (t) await expectLedgerInvariants(t.db);
  });
}

let orders = 0;
export const orderId = (label = 'order') => `${label}-${++orders}-${process.pid}`;

/** Funds `affiliateId` through the operator API and checks it was applied. */
export async function fund(t: IdentityTestApp, affiliateId: number, amount: number, currency = 'EUR') {
  const res = await t.call(t.admin, {
    method: 'POST',
    url: `/api/v1/affiliates/${affiliateId}/funds`,
    payload: { amount, currency, description: 'Welcome bonus', order_id: orderId('fund') },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function balanceOf(t: IdentityTestApp, affiliateId: number, currency = 'EUR') {
  const res = await t.call(t.admin, { url: `/api/v1/affiliates/${affiliateId}/balances` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data.find((b: { currency: string }) => b.currency === currency) ?? null;
}
