/**
 * Cash-outs: requested in the portal (recent 2FA, the account's payment method and its limits, at
 * most the available balance), then accepted, cancelled or refunded, each through one ledger entry,
 * and every other change refused with 409 naming the status. One affiliate never sees or moves
 * another's cash-outs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPartner, type IdentityTestApp } from '../identity/helpers.ts';
import {
  balanceOf,
  checkInvariantsAfterEach,
  fund,
  ledgerApp,
  ledgerSnapshot,
  verifyTwoFactor,
  type Wallet,
  walletPartner,
} from './helpers.ts';

let t: IdentityTestApp;
let a: Wallet;
let b: Wallet;
beforeAll(async () => {
  t = await ledgerApp();
  a = await walletPartner(t, 'casha');
  b = await walletPartner(t, 'cashb', 'skrill');
  await verifyTwoFactor(t, a);
  await verifyTwoFactor(t, b);
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

let keys = 0;
const withdraw = (w: { cookie: string }, payload: object, key = `k-${++keys}`) =>
  t.as(w.cookie, {
    method: 'POST',
    url: '/api/partner/v1/cash-outs',
    payload,
    headers: { 'idempotency-key': key },
  });
const operator = (id: number, verb: string, payload: object = {}) =>
  t.call(t.admin, { method: 'POST', url: `/api/v1/cash-outs/${id}/${verb}`, payload });
const mine = (w: { cookie: string }, url: string) => t.as(w.cookie, { url: `/api/partner/v1${url}` });

describe('a cash-out', () => {
  it('reserves on request, pays out on accept, and comes back on refund', async () => {
    await fund(t, a.affiliateId, 100_00, 'EUR');
    const asked = await withdraw(a, { currency: 'EUR', amount: 30_00 }, 'first');
    expect(asked.statusCode, asked.body).toBe(201);
    const cashOut = asked.json();
    expect(cashOut).toMatchObject({
      status: 'pending',
      amount: 3000,
      method: 'paypal',
      affiliate_id: a.affiliateId,
    });
    // 10000 - 3000 = 7000 available, 3000 reserved
    expect(await balanceOf(t, a.affiliateId)).toMatchObject({
      available: 7000,
      reserved: 3000,
      total: 10000,
    });

    const replay = await withdraw(a, { currency: 'EUR', amount: 30_00 }, 'first');
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(cashOut);
    const otherBody = await withdraw(a, { currency: 'EUR', amount: 31_00 }, 'first');
    expect(otherBody.statusCode).toBe(409);
    expect(otherBody.json().error.code).toBe('idempotency_conflict');
    expect((await balanceOf(t, a.affiliateId)).reserved).toBe(3000);

    const accepted = await operator(cashOut.id, 'accept', { payment_reference: 'PAYPAL-TX-1' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'success', payment_reference: 'PAYPAL-TX-1' });
    // reserved 3000 - 3000 = 0; paid 3000
    expect(await balanceOf(t, a.affiliateId)).toMatchObject({ available: 7000, reserved: 0, payments: 3000 });

    const refunded = await operator(cashOut.id, 'refund', { reason: 'PayPal returned it' });
    expect(refunded.statusCode, refunded.body).toBe(200);
    // available 7000 + 3000 = 10000; payments 3000 - 3000 = 0
    expect(await balanceOf(t, a.affiliateId)).toMatchObject({ available: 10000, reserved: 0, payments: 0 });
    const detail = (await mine(a, `/cash-outs/${cashOut.id}`)).json();
    expect(detail.status).toBe('refund');
    expect(
      detail.changes.map((c: { from_status: string; to_status: string }) => [c.from_status, c.to_status]),
    ).toEqual([
      [null, 'pending'],
      ['pending', 'success'],
      ['success', 'refund'],
    ]);
    const events = await t.db
      .selectFrom('affiliate_events')
      .select(['type', 'data'])
      .where('affiliate_id', '=', a.affiliateId)
      .where('type', 'in', ['cashout_requested', 'cashout_accepted', 'refund_made', 'cashout_cancelled'])
      .orderBy('id')
      .execute()
      .then((all) => all.filter((e) => (e.data as { cash_out_id: number }).cash_out_id === cashOut.id));
    expect(events.map((e) => e.type)).toEqual(['cashout_requested', 'cashout_accepted', 'refund_made']);
    expect(events[0]!.data).toMatchObject({ cash_out_id: cashOut.id, amount: '3000', method: 'paypal' });

    // Each change emailed the owner once (the replay sent nothing): 3000 minor units = 30.00 EUR.
    await t.jobs.runUntilIdle();
    const mail = await t.db
      .selectFrom('email_messages')
      .select(['template', 'subject', 'text_body'])
      .where('to_address', '=', a.email)
      .where('template', 'like', 'cash_out_%')
      .orderBy('id')
      .execute()
      .then((all) => all.filter((m) => m.text_body?.includes(`cash-out ${cashOut.id} of`)));
    expect(mail.map((m) => [m.template, m.subject])).toEqual([
      ['cash_out_pending', 'Your cash-out is requested'],
      ['cash_out_success', 'Your cash-out is paid'],
      ['cash_out_refund', 'Your cash-out came back'],
    ]);
    expect(mail[0]!.text_body).toContain(`Your cash-out ${cashOut.id} of 30.00 EUR (paypal) was requested`);
    expect(mail[1]!.text_body).toContain('Payment reference: PAYPAL-TX-1');
    expect(mail[2]!.text_body).toContain('Reason: PayPal returned it');
  });

  it('is cancelled by the affiliate or the operator while pending, funds released', async () => {
    await fund(t, a.affiliateId, 50_00, 'USD');
    const first = (await withdraw(a, { currency: 'USD', amount: 20_00 })).json();
    const second = (await withdraw(a, { currency: 'USD', amount: 15_00 })).json();
    // 5000 - 2000 - 1500 = 1500 available, 3500 reserved
    expect(await balanceOf(t, a.affiliateId, 'USD')).toMatchObject({ available: 1500, reserved: 3500 });
    const byAffiliate = await t.as(a.cookie, {
      method: 'POST',
      url: `/api/partner/v1/cash-outs/${first.id}/cancel`,
      payload: {},
    });
    expect(byAffiliate.statusCode, byAffiliate.body).toBe(200);
    expect(byAffiliate.json().status).toBe('cancelled');
    const byOperator = await operator(second.id, 'cancel', { reason: 'Payment details to be checked' });
    expect(byOperator.statusCode, byOperator.body).toBe(200);
    expect(byOperator.json().changes.at(-1)).toMatchObject({
      reason: 'Payment details to be checked',
      actor: { type: 'api_key' },
    });
    expect(await balanceOf(t, a.affiliateId, 'USD')).toMatchObject({ available: 5000, reserved: 0 });
  });

  it('refuses every change its status does not allow with 409 naming the status, and nothing changes', async () => {
    await fund(t, a.affiliateId, 40_00, 'CAD');
    const pending = (await withdraw(a, { currency: 'CAD', amount: 10_00 })).json();
    const paid = (await withdraw(a, { currency: 'CAD', amount: 10_00 })).json();
    const cancelled = (await withdraw(a, { currency: 'CAD', amount: 10_00 })).json();
    expect((await operator(paid.id, 'accept', { payment_reference: 'X1' })).statusCode).toBe(200);
    expect((await operator(cancelled.id, 'cancel')).statusCode).toBe(200);
    const refunded = (await withdraw(a, { currency: 'CAD', amount: 10_00 })).json();
    expect((await operator(refunded.id, 'accept', { payment_reference: 'X2' })).statusCode).toBe(200);
    expect((await operator(refunded.id, 'refund')).statusCode).toBe(200);
    const before = await ledgerSnapshot(t.db);
    const refused: [number, string, string][] = [
      [pending.id, 'refund', 'pending'],
      [paid.id, 'accept', 'success'],
      [paid.id, 'cancel', 'success'],
      [cancelled.id, 'accept', 'cancelled'],
      [cancelled.id, 'cancel', 'cancelled'],
      [cancelled.id, 'refund', 'cancelled'],
      [refunded.id, 'accept', 'refund'],
      [refunded.id, 'cancel', 'refund'],
      [refunded.id, 'refund', 'refund'],
    ];
    for (const [id, verb, status] of refused) {
      const res = await operator(id, verb, verb === 'accept' ? { payment_reference: 'again' } : {});
      expect(res.statusCode, `${verb} of a ${status} cash-out`).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'invalid_state', details: { status } });
      expect(res.json().error.message).toContain(`is ${status}`);
    }
    const byAffiliate = await t.as(a.cookie, {
      method: 'POST',
      url: `/api/partner/v1/cash-outs/${paid.id}/cancel`,
      payload: {},
    });
    expect(byAffiliate.statusCode).toBe(409);
    expect((await operator(pending.id, 'accept', { payment_reference: ' ' })).statusCode).toBe(422);
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });

  it('keeps within the method limits and the available balance, naming every problem', async () => {
    await fund(t, a.affiliateId, 20_00, 'AUD');
    const before = await ledgerSnapshot(t.db);
    // PayPal: at least 10.00, at most 10000.00 of the currency
    const small = await withdraw(a, { currency: 'AUD', amount: 9_99 });
    expect(small.statusCode).toBe(422);
    expect(small.json().error.details.fields).toEqual([
      { path: 'amount', message: 'must be at least 10.00 AUD for paypal' },
    ]);
    const big = await withdraw(a, { currency: 'AUD', amount: 10_000_01 });
    expect(big.json().error.details.fields).toEqual([
      { path: 'amount', message: 'must be at most 10000.00 AUD for paypal' },
    ]);
    const wrong = await withdraw(a, { currency: 'QQQ', amount: 0, method: 'skrill' });
    expect(
      wrong
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['amount', 'currency', 'method']);
    // 2000 available; 20.01 is more
    const over = await withdraw(a, { currency: 'AUD', amount: 20_01 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { balance: 2000, requested: 2001 },
    });
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });

  it('needs a payment method, 2FA confirmed recently and a portal session', async () => {
    const plain = await approvedPartner(t, 'cashnone');
    await fund(t, plain.affiliateId, 50_00);
    await t.db
      .updateTable('affiliates')
      .set({ api_access_enabled: true })
      .where('id', '=', a.affiliateId)
      .execute();
    const key = await t.as(a.cookie, {
      method: 'POST',
      url: '/api/partner/v1/api-keys',
      payload: { name: 'wallet' },
    });
    expect(key.statusCode, key.body).toBe(201);
    const before = await ledgerSnapshot(t.db);
    const no2fa = await withdraw(plain, { currency: 'EUR', amount: 20_00 });
    expect(no2fa.statusCode).toBe(403);
    expect(no2fa.json().error.details.reason).toBe('two_factor_required');
    const byKey = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/cash-outs',
      payload: { currency: 'EUR', amount: 20_00 },
      headers: { authorization: `Bearer ${key.json().key}` },
    });
    expect(byKey.statusCode).toBe(403);
    expect(await ledgerSnapshot(t.db)).toBe(before);

    const none = await walletPartner(t, 'cashnomethod');
    await t.call(t.admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${none.affiliateId}`,
      payload: { payment_method: { type: 'none', details: {} } },
    });
    await verifyTwoFactor(t, none);
    await fund(t, none.affiliateId, 50_00);
    const res = await withdraw(none, { currency: 'EUR', amount: 20_00 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields).toEqual([
      { path: 'method', message: 'add a payment method to the account before withdrawing' },
    ]);
  });

  it("never shows or moves another affiliate's cash-outs or balances", async () => {
    await fund(t, b.affiliateId, 80_00, 'EUR');
    const bCashOut = (await withdraw(b, { currency: 'EUR', amount: 25_00 })).json();
    expect(bCashOut.status).toBe('pending');
    await fund(t, a.affiliateId, 15_00, 'PLN');
    expect((await withdraw(a, { currency: 'PLN', amount: 10_00 })).statusCode).toBe(201);
    const before = await ledgerSnapshot(t.db);
    expect((await mine(a, `/cash-outs/${bCashOut.id}`)).statusCode).toBe(404);
    const cancel = await t.as(a.cookie, {
      method: 'POST',
      url: `/api/partner/v1/cash-outs/${bCashOut.id}/cancel`,
      payload: {},
    });
    expect(cancel.statusCode).toBe(404);
    const list = (await mine(a, '/cash-outs?page_size=500')).json();
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((c: { affiliate_id: number }) => c.affiliate_id === a.affiliateId)).toBe(true);
    const balances = (await mine(a, '/balances')).json().data;
    const bBalances = (await mine(b, '/balances')).json().data;
    // B: 8000 - 2500 = 5500 available, 2500 reserved; A's own PLN: 1500 - 1000 = 500 available
    expect(bBalances.find((x: { currency: string }) => x.currency === 'EUR')).toMatchObject({
      available: 5500,
      reserved: 2500,
    });
    expect(balances.find((x: { currency: string }) => x.currency === 'PLN')).toMatchObject({
      available: 500,
      reserved: 1000,
    });
    const tx = (await mine(a, '/balance-transactions?page_size=500')).json();
    expect(tx.data.length).toBeGreaterThan(0);
    const bEntries = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('affiliate_id', '=', b.affiliateId)
      .execute();
    expect(
      tx.data.filter((x: { entry_id: number }) => bEntries.some((e) => Number(e.id) === x.entry_id)),
    ).toEqual([]);
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });

  it('shows in the operator queue by status', async () => {
    await fund(t, b.affiliateId, 30_00, 'NOK');
    const queued = (await withdraw(b, { currency: 'NOK', amount: 12_00 })).json();
    const queue = (
      await t.call(t.admin, { url: `/api/v1/cash-outs?status=pending&affiliate_id=${b.affiliateId}` })
    ).json();
    expect(queue.data.length).toBeGreaterThan(0);
    expect(
      queue.data.every(
        (c: { status: string; affiliate_id: number }) =>
          c.status === 'pending' && c.affiliate_id === b.affiliateId,
      ),
    ).toBe(true);
    expect(queue.paging.total).toBe(queue.data.length);
    expect(queue.data.map((c: { id: number }) => c.id)).toContain(queued.id);
    const done = (
      await t.call(t.admin, {
        url: `/api/v1/cash-outs?status=success&status=refund&affiliate_id=${b.affiliateId}`,
      })
    ).json();
    expect(done.data.map((c: { id: number }) => c.id)).not.toContain(queued.id);
  });
});
