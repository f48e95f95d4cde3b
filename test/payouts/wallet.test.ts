/**
 * The wallet's payment methods: one of each type, details checked per type (IBAN check digits,
 * BIC, emails, wallet addresses), masked when read back, added and deleted in the portal (recent
 * 2FA) and the back office, each in the events log; a bank account is paid to only once the
 * operator approved its statement; a cash-out keeps the details it was requested with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityTestApp } from '../identity/helpers.ts';
import {
  checkInvariantsAfterEach,
  fund,
  ledgerApp,
  ledgerSnapshot,
  verifyTwoFactor,
  type Wallet,
  walletPartner,
} from '../ledger/helpers.ts';

let t: IdentityTestApp;
let a: Wallet;
let b: Wallet;
beforeAll(async () => {
  t = await ledgerApp();
  a = await walletPartner(t, 'walleta');
  b = await walletPartner(t, 'walletb');
  await verifyTwoFactor(t, a);
  await verifyTwoFactor(t, b);
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

const IBAN = 'NL91ABNA0417164300';
const partner = (w: { cookie: string }, method: string, url: string, payload?: object) =>
  t.as(w.cookie, { method: method as 'GET', url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });
const operator = (method: string, url: string, payload?: object) =>
  t.call(t.admin, { method: method as 'GET', url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const events = async (affiliateId: number, type: string) =>
  t.db
    .selectFrom('affiliate_events')
    .select(['type', 'data'])
    .where('affiliate_id', '=', affiliateId)
    .where('type', '=', type)
    .execute();

describe('payment methods', () => {
  it('checks every field per type at once and changes nothing on a refusal', async () => {
    const before = await ledgerSnapshot(t.db);
    const methods = async () => t.db.selectFrom('wallet_payment_methods').selectAll().orderBy('id').execute();
    const methodsBefore = await methods();
    const bad = await partner(a, 'POST', '/payment-methods', {
      type: 'bank_transfer',
      details: { account_holder: '', iban: 'NL91ABNA0417164301', bic: 'ABN', extra: 'x' },
    });
    expect(bad.statusCode, bad.body).toBe(422);
    const paths = bad
      .json()
      .error.details.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['details.account_holder', 'details.bic', 'details.extra', 'details.iban']);
    const skrill = await partner(a, 'POST', '/payment-methods', {
      type: 'neteller',
      details: { email: 'nope' },
    });
    expect(skrill.statusCode).toBe(422);
    const crypto = await partner(a, 'POST', '/payment-methods', {
      type: 'coinspaid',
      details: { currency: 'USDT', wallet_address: 'not an address!' },
    });
    expect(crypto.json().error.details.fields).toEqual([
      { path: 'details.wallet_address', message: expect.stringContaining('wallet address') },
    ]);
    const unknown = await partner(a, 'POST', '/payment-methods', { type: 'cash', details: {} });
    expect(unknown.statusCode).toBe(422);
    expect(await ledgerSnapshot(t.db)).toBe(before);
    expect(await methods()).toEqual(methodsBefore);
  });

  it('adds one of each type, masked when read back, and logs additions and deletions', async () => {
    const added = await partner(a, 'POST', '/payment-methods', {
      type: 'bank_transfer',
      details: { account_holder: 'Wallet A BV', iban: 'nl91 abna 0417 1643 00', bic: 'abnanl2a' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      type: 'bank_transfer',
      verification: 'unverified',
      // Stored without spaces, shown with its last 4 characters only.
      details: { account_holder: 'Wallet A BV', iban: '**************4300', bic: 'ABNANL2A' },
    });
    const stored = await t.db
      .selectFrom('wallet_payment_methods')
      .select('details')
      .where('id', '=', added.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.details.iban).toBe(IBAN);
    const second = await partner(a, 'POST', '/payment-methods', {
      type: 'bank_transfer',
      details: { account_holder: 'Other', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    const skrill = await partner(a, 'POST', '/payment-methods', {
      type: 'skrill',
      details: { email: 'walleta@skrill.test' },
    });
    expect(skrill.statusCode, skrill.body).toBe(201);
    expect(skrill.json().details.email).toBe('w****@skrill.test');
    const list = (await partner(a, 'GET', '/payment-methods')).json().data;
    expect(list.map((m: { type: string }) => m.type)).toEqual(['bank_transfer', 'skrill']);
    // The operator sees the same masked wallet.
    const seen = (await operator('GET', `/affiliates/${a.affiliateId}/payment-methods`)).json().data;
    expect(seen).toEqual(list);

    const gone = await partner(a, 'DELETE', `/payment-methods/${skrill.json().id}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await partner(a, 'GET', '/payment-methods')).json().data).toHaveLength(1);
    // Deleted, the type may be added again.
    const again = await partner(a, 'POST', '/payment-methods', {
      type: 'skrill',
      details: { email: 'walleta2@skrill.test' },
    });
    expect(again.statusCode).toBe(201);
    expect((await events(a.affiliateId, 'payment_method_added')).length).toBe(3);
    const deleted = await events(a.affiliateId, 'payment_method_deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.data).toMatchObject({ type: 'skrill', details: { email: 'w****@skrill.test' } });
  });

  it("never shows or deletes another affiliate's method", async () => {
    const bs = await operator('POST', `/affiliates/${b.affiliateId}/payment-methods`, {
      type: 'webmoney',
      details: { purse: 'Z123456789012' },
    });
    expect(bs.statusCode, bs.body).toBe(201);
    const before = await ledgerSnapshot(t.db);
    expect((await partner(a, 'DELETE', `/payment-methods/${bs.json().id}`)).statusCode).toBe(404);
    expect((await partner(a, 'GET', `/payment-methods/${bs.json().id}/bank-statements`)).statusCode).toBe(
      404,
    );
    expect(
      (await partner(a, 'GET', '/payment-methods'))
        .json()
        .data.some((m: { id: number }) => m.id === bs.json().id),
    ).toBe(false);
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });
});

describe('a bank account', () => {
  it('is paid to only after the operator approved its statement, and the cash-out keeps its details', async () => {
    const w = await walletPartner(t, 'walletbank');
    await verifyTwoFactor(t, w);
    const method = (
      await partner(w, 'POST', '/payment-methods', {
        type: 'bank_transfer',
        details: { account_holder: 'Bank Holder', iban: IBAN, bic: 'ABNANL2A' },
      })
    ).json();
    await fund(t, w.affiliateId, 500_00);
    const early = await partner(w, 'POST', '/cash-outs', {
      currency: 'EUR',
      amount: 100_00,
      payment_method_id: method.id,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.fields[0].path).toBe('payment_method_id');

    const notPdf = await partner(w, 'POST', `/payment-methods/${method.id}/bank-statements`, {
      file_name: 'x.txt',
      content_base64: Buffer.from('hello').toString('base64'),
    });
    expect(notPdf.statusCode).toBe(422);
    const pdf = Buffer.from('%PDF-1.4\n% a statement\n').toString('base64');
    const up = await partner(w, 'POST', `/payment-methods/${method.id}/bank-statements`, {
      file_name: 'statement.pdf',
      content_base64: pdf,
    });
    expect(up.statusCode, up.body).toBe(201);
    expect((await partner(w, 'GET', '/payment-methods')).json().data[0].verification).toBe('pending');
    const queue = (await operator('GET', '/bank-statements?status=pending')).json().data;
    expect(queue.map((s: { id: number }) => s.id)).toContain(up.json().id);
    const file = await operator('GET', `/bank-statements/${up.json().id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const noReason = await operator('POST', `/bank-statements/${up.json().id}/decline`, {});
    expect(noReason.statusCode).toBe(422);
    const ok = await operator('POST', `/bank-statements/${up.json().id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect((await operator('POST', `/bank-statements/${up.json().id}/approve`, {})).statusCode).toBe(409);

    const asked = await partner(w, 'POST', '/cash-outs', {
      currency: 'EUR',
      amount: 100_00,
      payment_method_id: method.id,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      method: 'bank_transfer',
      payment_method_id: method.id,
      payment_details: { account_holder: 'Bank Holder', iban: '**************4300' },
    });
    // Deleting the method afterwards leaves the requested payout's copy as it was.
    expect((await partner(w, 'DELETE', `/payment-methods/${method.id}`)).statusCode).toBe(204);
    const row = await t.db
      .selectFrom('cash_outs')
      .select('payment_details')
      .where('id', '=', BigInt(asked.json().id))
      .executeTakeFirstOrThrow();
    expect(row.payment_details).toEqual({ account_holder: 'Bank Holder', iban: IBAN, bic: 'ABNANL2A' });
  });
});
