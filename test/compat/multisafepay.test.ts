/**
 * MultiSafepay's partner API at /multisafepay/v1/json, through the API on seeded data: accounts
 * (list, get with open inquiries, update with its field limits), login URLs, balances and closing
 * balances (the ledger's end-of-day balances, a late entry included), charges, funds and payouts
 * idempotent by order_id, a payout reserved until completed or voided, auto payouts, inquiries,
 * messages, bank accounts and statements; refusals in MultiSafepay's shapes, changing nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { approvedPartner, type IdentityTestApp } from '../identity/helpers.ts';
import {
  checkInvariantsAfterEach,
  fund,
  ledgerApp,
  ledgerSnapshot,
  orderId,
  verifyTwoFactor,
  walletPartner,
} from '../ledger/helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await ledgerApp();
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

const BASE = '/multisafepay/v1/json';
function msp(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  payload?: object,
  key: string = t.admin,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `${BASE}${path}`,
    headers: { api_key: key, ...(payload ? { 'content-type': 'application/json' } : {}) },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
}
const operator = (method: string, url: string, payload?: object) =>
  t.call(t.admin, { method: method as 'GET', url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const attributes = (res: LightMyRequestResponse) =>
  res
    .json()
    .errors.map((e: { attribute: string }) => e.attribute)
    .sort();

/** An affiliate with a bank account verified by an approved statement (the partner side uploads it). */
async function bankPartner(label: string) {
  const w = await walletPartner(t, label);
  await verifyTwoFactor(t, w);
  const method = await t.as(w.cookie, {
    method: 'POST',
    url: '/api/partner/v1/payment-methods',
    payload: {
      type: 'bank_transfer',
      details: { account_holder: `${label} Holder BV`, iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
    },
  });
  expect(method.statusCode, method.body).toBe(201);
  const content = Buffer.from(`%PDF-1.4\n% statement of ${label}\n`);
  const up = await t.as(w.cookie, {
    method: 'POST',
    url: `/api/partner/v1/payment-methods/${method.json().id}/bank-statements`,
    payload: { file_name: 'statement.pdf', content_base64: content.toString('base64') },
  });
  expect(up.statusCode, up.body).toBe(201);
  const approved = await operator('POST', `/bank-statements/${up.json().id}/approve`, {});
  expect(approved.statusCode, approved.body).toBe(200);
  return { ...w, methodId: method.json().id as number, statementId: up.json().id as number, content };
}

describe('authentication and errors', () => {
  it('takes the key in the api_key header or query, refuses none (401) or too few scopes (403) in its shape', async () => {
    const p = await approvedPartner(t, 'mspauth');
    const read = await t.apiKey(['read']);
    const byQuery = await t.app.inject({ url: `${BASE}/accounts/${p.affiliateId}?api_key=${read}` });
    expect(byQuery.statusCode, byQuery.body).toBe(200);
    expect(byQuery.json()).toMatchObject({ success: true, data: { id: p.affiliateId } });
    const none = await t.app.inject({ url: `${BASE}/accounts/${p.affiliateId}` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({
      success: false,
      data: [],
      error_code: 401,
      error_info: expect.any(String),
    });
    const before = await ledgerSnapshot(t.db);
    const weak = await msp(
      'POST',
      `/accounts/${p.affiliateId}/funds`,
      {
        amount: 100,
        currency: 'EUR',
        description: 'Not allowed',
        order_id: orderId('msp'),
      },
      read,
    );
    expect(weak.statusCode).toBe(403);
    expect(weak.json()).toMatchObject({ success: false, data: [], error_code: 403 });
    expect(await ledgerSnapshot(t.db)).toBe(before);
    const missing = await msp('GET', '/accounts/2000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      success: false,
      data: [],
      error_code: 404,
      error_info: 'affiliate not found',
    });
  });
});

describe('accounts', () => {
  it('lists, gets and updates an account in its fields, with the field limits as 422s that change nothing', async () => {
    const p = await approvedPartner(t, 'mspaccount');
    const patched = await msp('PATCH', `/accounts/${p.affiliateId}`, {
      company_name: 'Tulip Media BV',
      address1: 'Damrak 1',
      address2: 'Floor 2',
      address3: null,
      apartment: '2B',
      city: 'Amsterdam',
      zipcode: '1012 LG',
      country: 'NL',
      coc_number: '12345678',
      vat_number: 'NL123456789B01',
      email: 'finance@tulip.example',
      phone: '+31201234567',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const expected = {
      id: p.affiliateId,
      company_name: 'Tulip Media BV',
      address1: 'Damrak 1',
      address2: 'Floor 2',
      address3: null,
      apartment: '2B',
      city: 'Amsterdam',
      zipcode: '1012 LG',
      country: 'NL',
      coc_number: '12345678',
      vat_number: 'NL123456789B01',
      email: 'finance@tulip.example',
      phone: '+31201234567',
      processing_options: {
        incoming_payment_enabled: true,
        outgoing_payment_enabled: false,
        credit_cards_enabled: false,
      },
      screening_status: 'approved',
      inquiries: [],
    };
    expect(patched.json()).toEqual({ success: true, data: expected });
    expect((await msp('GET', `/accounts/${p.affiliateId}`)).json().data).toEqual(expected);
    // The native record holds the same values under its own names.
    const native = (await operator('GET', `/affiliates/${p.affiliateId}`)).json();
    expect(native).toMatchObject({
      company_name: 'Tulip Media BV',
      company_registration_number: '12345678',
      address: { line1: 'Damrak 1', postal_code: '1012 LG', country_code: 'NL', apartment: '2B' },
    });

    const before = JSON.stringify(native);
    const tooLong = await msp('PATCH', `/accounts/${p.affiliateId}`, {
      email: `${'a'.repeat(60)}@x.example`,
      phone: '+3120123456789012',
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toMatchObject({ success: false, message: expect.any(String) });
    expect(attributes(tooLong)).toEqual(['email', 'phone']);
    expect(tooLong.json().errors[0]).toEqual({
      attribute: expect.any(String),
      details: 'validation_failed',
      message: expect.any(String),
      uri: `${BASE}/accounts/${p.affiliateId}`,
    });
    const badCountry = await msp('PATCH', `/accounts/${p.affiliateId}`, { country: 'XX' });
    expect(badCountry.statusCode).toBe(422);
    expect(attributes(badCountry)).toEqual(['country']);
    expect(JSON.stringify((await operator('GET', `/affiliates/${p.affiliateId}`)).json())).toBe(before);

    const page = await msp('GET', `/accounts?offset=0&limit=500`);
    expect(page.statusCode).toBe(200);
    expect(page.json().page.total).toBeGreaterThanOrEqual(1);
    expect(page.json().data.find((a: { id: number }) => a.id === p.affiliateId)).toEqual(
      (({ inquiries: _i, ...rest }) => rest)(expected),
    );
    expect((await msp('GET', '/accounts?limit=501')).statusCode).toBe(422);
    const one = await msp('GET', '/accounts?limit=1');
    expect(one.json().data).toHaveLength(1);
    expect(one.json().page.total).toBe(page.json().page.total);
  });

  it('approves a pending application through screening_status; an approved one is not declined', async () => {
    const created = await operator('POST', '/affiliates', { name: 'MSP screening', status: 'pending' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await msp('GET', `/accounts/${id}`)).json().data.screening_status).toBe('pending');
    const approved = await msp('PATCH', `/accounts/${id}`, { screening_status: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().data.screening_status).toBe('approved');
    expect((await operator('GET', `/affiliates/${id}`)).json().status).toBe('active');
    const declined = await msp('PATCH', `/accounts/${id}`, { screening_status: 'declined' });
    expect(declined.statusCode).toBe(422);
    expect(declined.json().errors).toEqual([
      {
        attribute: 'screening_status',
        details: 'invalid_state',
        message: expect.any(String),
        uri: `${BASE}/accounts/${id}`,
      },
    ]);
    expect((await operator('GET', `/affiliates/${id}`)).json().status).toBe('active');
  });

  it('creates a one-time login URL that signs the owner into the portal', async () => {
    const p = await approvedPartner(t, 'msplogin');
    const res = await msp('POST', `/accounts/${p.affiliateId}/login-urls`, { expires_in: '5m' });
    expect(res.statusCode, res.body).toBe(200);
    const { url, expires } = res.json().data;
    expect(url).toMatch(/^https?:\/\//);
    const minutes = (new Date(expires).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(3);
    expect(minutes).toBeLessThanOrEqual(5);
    const bad = await msp('POST', `/accounts/${p.affiliateId}/login-urls`, { expires_in: '5 parsecs' });
    expect(bad.statusCode).toBe(422);
    expect(attributes(bad)).toEqual(['expires_in']);
  });
});

describe('charges, funds and payouts', () => {
  it('apply once per order_id, answer the same transaction on a replay, and refuse another body with the order_id', async () => {
    const p = await approvedPartner(t, 'mspmoney');
    const order = orderId('mspfund');
    const body = { amount: 100_00, currency: 'EUR', description: 'Welcome', order_id: order, var1: 'x' };
    const first = await msp('POST', `/accounts/${p.affiliateId}/funds`, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      success: true,
      data: {
        transaction_id: expect.any(Number),
        order_id: order,
        account_id: p.affiliateId,
        type: 'fund',
        amount: 100_00,
        currency: 'EUR',
        description: 'Welcome',
        var1: 'x',
        var2: null,
        var3: null,
        status: 'completed',
        bankaccount_id: null,
        created: expect.any(String),
      },
    });
    const again = await msp('POST', `/accounts/${p.affiliateId}/funds`, body);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const before = await ledgerSnapshot(t.db);
    const other = await msp('POST', `/accounts/${p.affiliateId}/funds`, { ...body, amount: 200_00 });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors).toEqual([
      {
        attribute: 'order_id',
        details: 'idempotency_conflict',
        message: expect.any(String),
        uri: `${BASE}/accounts/${p.affiliateId}/funds`,
      },
    ]);
    const tooMuch = await msp('POST', `/accounts/${p.affiliateId}/charges`, {
      amount: 100_01,
      currency: 'EUR',
      description: 'Fee',
      order_id: orderId('mspcharge'),
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0]).toMatchObject({ attribute: 'amount', details: 'insufficient_funds' });
    const short = await msp('POST', `/accounts/${p.affiliateId}/charges`, {
      amount: 0,
      currency: 'EUR',
      description: 'x',
      order_id: orderId('mspcharge'),
    });
    expect(short.statusCode).toBe(422);
    expect(attributes(short)).toEqual(['amount', 'description']);
    expect(await ledgerSnapshot(t.db)).toBe(before);

    const charge = await msp('POST', `/accounts/${p.affiliateId}/charges`, {
      amount: 25_00,
      currency: 'EUR',
      description: 'Monthly fee',
      order_id: orderId('mspcharge'),
    });
    expect(charge.statusCode, charge.body).toBe(200);
    expect(charge.json().data).toMatchObject({ type: 'charge', amount: 25_00, status: 'completed' });
    const balances = await msp('GET', `/accounts/${p.affiliateId}/balances`);
    expect(balances.json()).toEqual({
      success: true,
      data: [
        {
          id: `${p.affiliateId}-EUR`,
          account_id: p.affiliateId,
          currency: 'EUR',
          amount_available: 75_00,
          amount_reserved: 0,
          modified: expect.any(String),
        },
      ],
      page: { total: 1 },
    });
  });

  it('reserve a payout until it completes or is voided, refuse one over the balance changing nothing', async () => {
    const w = await bankPartner('msppayout');
    await fund(t, w.affiliateId, 500_00);
    const noBank = await approvedPartner(t, 'mspnobank');
    await fund(t, noBank.affiliateId, 100_00);
    const before = await ledgerSnapshot(t.db);
    const over = await msp('POST', `/accounts/${w.affiliateId}/payouts`, {
      amount: 500_01,
      currency: 'EUR',
      description: 'Too much',
      order_id: orderId('msppayout'),
    });
    expect(over.statusCode, over.body).toBe(422);
    expect(over.json()).toMatchObject({
      success: false,
      errors: [{ attribute: 'amount', details: 'insufficient_funds' }],
    });
    const unverified = await msp('POST', `/accounts/${noBank.affiliateId}/payouts`, {
      amount: 50_00,
      currency: 'EUR',
      description: 'No bank',
      order_id: orderId('msppayout'),
    });
    expect(unverified.statusCode).toBe(422);
    expect(attributes(unverified)).toEqual(['bankaccount_id']);
    expect(await ledgerSnapshot(t.db)).toBe(before);

    const body = {
      amount: 200_00,
      currency: 'EUR',
      description: 'Payout March',
      order_id: orderId('msppayout'),
    };
    const paid = await msp('POST', `/accounts/${w.affiliateId}/payouts`, body);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().data).toMatchObject({
      type: 'payout',
      amount: 200_00,
      status: 'reserved',
      bankaccount_id: String(w.methodId),
      description: 'Payout March',
    });
    const replay = await msp('POST', `/accounts/${w.affiliateId}/payouts`, body);
    expect(replay.json()).toEqual(paid.json());
    const changed = await msp('POST', `/accounts/${w.affiliateId}/payouts`, {
      ...body,
      description: 'Another',
    });
    expect(changed.statusCode).toBe(422);
    expect(attributes(changed)).toEqual(['order_id']);
    const balance = async () => (await msp('GET', `/accounts/${w.affiliateId}/balances`)).json().data[0];
    expect(await balance()).toMatchObject({ amount_available: 300_00, amount_reserved: 200_00 });
    const id = paid.json().data.transaction_id;
    const native = (await operator('GET', `/cash-outs/${id}`)).json();
    expect(native).toMatchObject({ status: 'pending', method: 'bank_transfer', amount: 200_00 });

    const accepted = await operator('POST', `/cash-outs/${id}/accept`, { payment_reference: 'SEPA-1' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await balance()).toMatchObject({ amount_available: 300_00, amount_reserved: 0 });
    const second = await msp('POST', `/accounts/${w.affiliateId}/payouts`, {
      ...body,
      amount: 50_00,
      order_id: orderId('msppayout'),
    });
    expect(second.json().data.status).toBe('reserved');
    const voided = await operator('POST', `/cash-outs/${second.json().data.transaction_id}/cancel`, {
      reason: 'Wrong amount',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await balance()).toMatchObject({ amount_available: 300_00, amount_reserved: 0 });
  });
});

describe('closing balances', () => {
  it("equal the ledger's end-of-day balances, a late entry included, with the day's payout", async () => {
    const w = await bankPartner('mspclosing');
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(new Date('2026-04-01T10:00:00Z'));
      await fund(t, w.affiliateId, 100_00);
      vi.setSystemTime(new Date('2026-04-02T10:00:00Z'));
      const payout = await msp('POST', `/accounts/${w.affiliateId}/payouts`, {
        amount: 60_00,
        currency: 'EUR',
        description: 'April payout',
        order_id: orderId('mspclose'),
      });
      expect(payout.statusCode, payout.body).toBe(200);
      vi.setSystemTime(new Date('2026-04-03T09:00:00Z'));
      await t.jobs.enqueue(t.db, { name: 'ledger.close-days', data: {} });
      await t.jobs.runUntilIdle();
      const url = `/accounts/${w.affiliateId}/closing-balances?from=2026-04-01&until=2026-04-30`;
      const first = await msp('GET', url);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({
        success: true,
        data: [
          {
            account_id: w.affiliateId,
            closing_date: '2026-04-02',
            currency: 'EUR',
            amount: 40_00,
            amount_uncleared: 60_00,
            iban: '**************4300',
            bic: 'ABNANL2A',
            payout_amount: 60_00,
            payout_transaction_id: payout.json().data.transaction_id,
            status: 'reserved',
          },
          {
            account_id: w.affiliateId,
            closing_date: '2026-04-01',
            currency: 'EUR',
            amount: 100_00,
            amount_uncleared: 0,
            iban: null,
            bic: null,
            payout_amount: 0,
            payout_transaction_id: null,
            status: 'completed',
          },
        ],
        page: { total: 2 },
      });
      // A correction of 1 April that reaches the ledger after the day was closed.
      vi.setSystemTime(new Date('2026-04-01T23:59:00Z'));
      const late = await operator('POST', `/affiliates/${w.affiliateId}/corrections`, {
        amount: 5_00,
        currency: 'EUR',
        reason: 'Late',
        order_id: orderId('msplate'),
      });
      expect(late.statusCode, late.body).toBe(201);
      vi.setSystemTime(new Date('2026-04-03T09:30:00Z'));
      await t.jobs.enqueue(t.db, { name: 'ledger.close-days', data: {} });
      await t.jobs.runUntilIdle();
      const after = (await msp('GET', url)).json();
      expect(
        after.data.map((r: { closing_date: string; amount: number }) => [r.closing_date, r.amount]),
      ).toEqual([
        ['2026-04-02', 45_00],
        ['2026-04-01', 105_00],
      ]);
      // The same figures as the native end-of-day balances of the available account.
      const native = (
        await operator(
          'GET',
          `/affiliates/${w.affiliateId}/closing-balances?from=2026-04-01&until=2026-04-30`,
        )
      ).json().data;
      expect(
        native
          .filter((c: { account: string }) => c.account === 'available')
          .map((c: { day: string; closing_balance: number }) => [c.day, c.closing_balance]),
      ).toEqual([
        ['2026-04-02', 45_00],
        ['2026-04-01', 105_00],
      ]);
      const paged = (await msp('GET', `${url}&offset=1&limit=1`)).json();
      expect(paged.data.map((r: { closing_date: string }) => r.closing_date)).toEqual(['2026-04-01']);
      expect(paged.page.total).toBe(2);
      const bad = await msp(
        'GET',
        `/accounts/${w.affiliateId}/closing-balances?from=2026-04-05&until=2026-04-01`,
      );
      expect(bad.statusCode).toBe(422);
      expect(attributes(bad)).toEqual(['until']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('auto payouts', () => {
  it('set per currency on weekdays or at the end of the month, with a minimum and a reserve', async () => {
    const w = await bankPartner('mspauto');
    const set = await msp('POST', `/accounts/${w.affiliateId}/autopayouts/eur`, {
      schedule: ['mon', 'thu'],
      min_amount: 50_00,
      min_balance_amount: 10_00,
    });
    expect(set.statusCode, set.body).toBe(200);
    const expected = {
      account_id: w.affiliateId,
      currency: 'EUR',
      schedule: ['mon', 'thu'],
      bankaccount_id: String(w.methodId),
      min_amount: 50_00,
      min_balance_amount: 10_00,
      enabled: true,
      modified: expect.any(String),
    };
    expect(set.json().data).toEqual(expected);
    expect((await msp('GET', `/accounts/${w.affiliateId}/autopayouts/EUR`)).json().data).toEqual(expected);
    const native = (await operator('GET', `/affiliates/${w.affiliateId}/cash-out-schedules`)).json();
    expect(JSON.stringify(native)).toContain('"weekdays":[1,4]');
    const monthly = await msp('POST', `/accounts/${w.affiliateId}/autopayouts/EUR`, {
      schedule: ['end-of-month'],
      bankaccount_id: String(w.methodId),
    });
    expect(monthly.json().data).toMatchObject({ schedule: ['end-of-month'], min_amount: 0 });
    const list = (await msp('GET', `/accounts/${w.affiliateId}/autopayouts`)).json();
    expect(list.data).toHaveLength(1);
    expect(list.page.total).toBe(1);
    const before = JSON.stringify(list);
    const both = await msp('POST', `/accounts/${w.affiliateId}/autopayouts/EUR`, {
      schedule: ['mon', 'end-of-month'],
    });
    expect(both.statusCode).toBe(422);
    expect(attributes(both)).toEqual(['schedule']);
    const badDay = await msp('POST', `/accounts/${w.affiliateId}/autopayouts/EUR`, { schedule: ['someday'] });
    expect(badDay.statusCode).toBe(422);
    const unknown = await msp('POST', `/accounts/${w.affiliateId}/autopayouts/XYZ`, { schedule: ['mon'] });
    expect(unknown.statusCode).toBe(422);
    expect(attributes(unknown)).toEqual(['currency']);
    const list2 = (await msp('GET', `/accounts/${w.affiliateId}/autopayouts`)).json();
    expect(JSON.stringify(list2)).toBe(before);
    expect((await msp('GET', `/accounts/${w.affiliateId}/autopayouts/USD`)).statusCode).toBe(404);
  });
});

describe('inquiries, messages and banking data', () => {
  it("show the open inquiries on the account, messages, bank accounts and statements, another account's as 404", async () => {
    const w = await bankPartner('mspcorr');
    const other = await approvedPartner(t, 'mspcorrother');
    const inquiry = await operator('POST', `/affiliates/${w.affiliateId}/inquiries`, {
      subject: 'Proof of address',
      expected_reply: 'A utility bill of the last 3 months',
    });
    expect(inquiry.statusCode, inquiry.body).toBe(201);
    const item = {
      id: inquiry.json().id,
      account_id: w.affiliateId,
      expected_reply: 'A utility bill of the last 3 months',
      created: expect.any(String),
      subject: 'Proof of address',
      status: 'open',
      due_date: null,
    };
    expect((await msp('GET', `/accounts/${w.affiliateId}`)).json().data.inquiries).toEqual([item]);
    expect((await msp('GET', `/accounts/${w.affiliateId}/inquiries`)).json()).toEqual({
      success: true,
      data: [item],
      page: { total: 1 },
    });
    expect((await msp('GET', `/accounts/${w.affiliateId}/inquiries/${item.id}`)).json().data).toEqual(item);
    expect((await msp('GET', `/accounts/${other.affiliateId}/inquiries/${item.id}`)).statusCode).toBe(404);

    const sent = await operator('POST', `/affiliates/${w.affiliateId}/messages`, {
      subject: 'Welcome',
      body: 'Hello from the program',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const message = {
      id: sent.json().id,
      account_id: w.affiliateId,
      sender: 'partner',
      sender_name: expect.any(String),
      subject: 'Welcome',
      body: 'Hello from the program',
      attachments: [],
      read: false,
      read_at: null,
      created: expect.any(String),
    };
    expect((await msp('GET', `/accounts/${w.affiliateId}/messages`)).json()).toEqual({
      success: true,
      data: [message],
      page: { total: 1 },
    });
    expect((await msp('GET', `/accounts/${w.affiliateId}/messages/${message.id}`)).json().data).toEqual(
      message,
    );
    expect((await msp('GET', `/accounts/${other.affiliateId}/messages/${message.id}`)).statusCode).toBe(404);

    const bank = {
      id: String(w.methodId),
      account_id: w.affiliateId,
      currency: null,
      holder_name: 'mspcorr Holder BV',
      iban: '**************4300',
      bic: 'ABNANL2A',
      verified: true,
      verification: 'approved',
    };
    expect((await msp('GET', `/accounts/${w.affiliateId}/bank-accounts`)).json()).toEqual({
      success: true,
      data: [bank],
      page: { total: 1 },
    });
    expect((await msp('GET', `/bank-accounts/${w.methodId}`)).json().data).toEqual(bank);
    const statements = (await msp('GET', `/bank-accounts/${w.methodId}/bank-statements`)).json();
    expect(statements.data.map((s: { id: string }) => s.id)).toEqual([String(w.statementId)]);
    const statement = (await msp('GET', `/bank-statements/${w.statementId}`)).json().data;
    expect(statement).toMatchObject({
      id: String(w.statementId),
      bankaccount_id: String(w.methodId),
      filename: 'statement.pdf',
      mime_type: 'application/pdf',
      status: 'approved',
    });
    expect(Buffer.from(statement.encoded_content, 'base64').equals(w.content)).toBe(true);
    expect((await msp('GET', '/bank-statements/2000000000')).json()).toMatchObject({
      success: false,
      error_code: 404,
    });
  });
});

describe('sites and categories', () => {
  it('add, list, get and update a site with its field limits, and list the fixed categories', async () => {
    const p = await approvedPartner(t, 'mspsites');
    const categories = (await msp('GET', '/categories')).json();
    expect(categories.data[0]).toEqual({ code: 100, description: 'Gifts and gadgets' });
    expect(categories.data.at(-1)).toEqual({ code: 999, description: 'Adult' });
    expect(categories.page.total).toBe(categories.data.length);
    const added = await msp('POST', `/accounts/${p.affiliateId}/sites`, {
      name: 'Tulip Deals',
      url: 'https://tulip.example',
      notification_url: 'https://tulip.example/notify',
      price_from: 5_00,
      price_till: 250_00,
      support_email: 'help@tulip.example',
      support_phone: '+31201234567',
      category: 101,
    });
    expect(added.statusCode, added.body).toBe(200);
    const expected = {
      id: expect.any(Number),
      account_id: p.affiliateId,
      name: 'Tulip Deals',
      url: 'https://tulip.example',
      notification_url: 'https://tulip.example/notify',
      price_from: 5_00,
      price_till: 250_00,
      support_email: 'help@tulip.example',
      support_phone: '+31201234567',
      api_key: null,
      category: 101,
      price_currency: 'EUR',
      review_status: 'pending',
      created: expect.any(String),
      modified: expect.any(String),
    };
    expect(added.json().data).toEqual(expected);
    const id = added.json().data.id;
    expect((await msp('GET', `/sites/${id}`)).json().data).toEqual(expected);
    expect((await msp('GET', `/accounts/${p.affiliateId}/sites`)).json()).toEqual({
      success: true,
      data: [expected],
      page: { total: 1 },
    });
    const sites = async () => t.db.selectFrom('affiliate_sites').selectAll().orderBy('id').execute();
    const before = JSON.stringify(await sites(), (_k, v) => (typeof v === 'bigint' ? `${v}` : v));
    const bad = await msp('POST', `/accounts/${p.affiliateId}/sites`, {
      name: 'x'.repeat(121),
      url: 'https://tulip.example',
      category: 101,
    });
    expect(bad.statusCode).toBe(422);
    expect(attributes(bad)).toEqual(['name']);
    const wrong = await msp('PATCH', `/sites/${id}`, { category: 42, price_from: 300_00 });
    expect(wrong.statusCode).toBe(422);
    expect(attributes(wrong)).toEqual(['category', 'price_till']);
    expect(JSON.stringify(await sites(), (_k, v) => (typeof v === 'bigint' ? `${v}` : v))).toBe(before);
    const updated = await msp('PATCH', `/sites/${id}`, { name: 'Tulip Deals NL', support_phone: null });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().data).toMatchObject({ name: 'Tulip Deals NL', support_phone: null, category: 101 });
    expect((await msp('GET', '/sites/2000000000')).statusCode).toBe(404);
  });
});
