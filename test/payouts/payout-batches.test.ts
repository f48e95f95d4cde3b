/**
 * Payout batches: the operator selects pending cash-outs into a batch (they can no longer be
 * cancelled), exports it as CSV and as SEPA pain.001.001.09, and marks it paid (every cash-out
 * success with the reference), or cancels it (pending and free again).
 */
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityTestApp } from '../identity/helpers.ts';
import {
  balanceOf,
  checkInvariantsAfterEach,
  fund,
  ledgerApp,
  verifyTwoFactor,
  type Wallet,
  walletPartner,
} from '../ledger/helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await ledgerApp();
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

const partner = (w: { cookie: string }, method: string, url: string, payload?: object) =>
  t.as(w.cookie, { method: method as 'GET', url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });
const operator = (method: string, url: string, payload?: object) =>
  t.call(t.admin, { method: method as 'GET', url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

let n = 0;
/** An affiliate with a verified bank account (funded 1000.00 EUR) and a pending cash-out to it. */
async function bankCashOut(iban: string, bic: string, amount: number): Promise<{ w: Wallet; id: number }> {
  const w = await walletPartner(t, `payout${++n}`);
  await verifyTwoFactor(t, w);
  const method = (
    await partner(w, 'POST', '/payment-methods', {
      type: 'bank_transfer',
      details: { account_holder: `Payee ${n} Ltd`, iban, bic },
    })
  ).json();
  const pdf = Buffer.from('%PDF-1.4\n').toString('base64');
  const up = await partner(w, 'POST', `/payment-methods/${method.id}/bank-statements`, {
    file_name: 's.pdf',
    content_base64: pdf,
  });
  expect((await operator('POST', `/bank-statements/${up.json().id}/approve`, {})).statusCode).toBe(200);
  await fund(t, w.affiliateId, 1000_00);
  const asked = await partner(w, 'POST', '/cash-outs', {
    currency: 'EUR',
    amount,
    payment_method_id: method.id,
  });
  expect(asked.statusCode, asked.body).toBe(201);
  return { w, id: asked.json().id };
}

describe('a payout batch', () => {
  it('exports CSV and pain.001, then pays every cash-out in it', async () => {
    const one = await bankCashOut('NL91ABNA0417164300', 'ABNANL2A', 120_50);
    const two = await bankCashOut('DE89370400440532013000', 'COBADEFFXXX', 79_50);
    const made = await operator('POST', '/payout-batches', {
      currency: 'EUR',
      cash_out_ids: [one.id, two.id],
      debtor_name: 'Operator BV',
      debtor_iban: 'NL02ABNA0123456789',
      debtor_bic: 'ABNANL2A',
    });
    expect(made.statusCode, made.body).toBe(201);
    const batch = made.json();
    // 120.50 + 79.50 = 200.00 EUR
    expect(batch).toMatchObject({ status: 'open', item_count: 2, total_amount: 200_00 });

    // In a batch, the affiliate can no longer cancel it.
    const cancel = await partner(one.w, 'POST', `/cash-outs/${one.id}/cancel`, {});
    expect(cancel.statusCode).toBe(409);
    // Nor can it join a second batch.
    const twice = await operator('POST', '/payout-batches', { currency: 'EUR', cash_out_ids: [one.id] });
    expect(twice.statusCode).toBe(422);

    const csv = await operator('GET', `/payout-batches/${batch.id}/payouts.csv`);
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.cash_out_id, r.amount, r.account, r.bic])).toEqual([
      [String(one.id), '120.50', 'NL91ABNA0417164300', 'ABNANL2A'],
      [String(two.id), '79.50', 'DE89370400440532013000', 'COBADEFFXXX'],
    ]);

    const xml = await operator('GET', `/payout-batches/${batch.id}/sepa.xml`);
    expect(xml.statusCode, xml.body).toBe(200);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml.body);
    expect(doc.Document['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    const init = doc.Document.CstmrCdtTrfInitn;
    expect(init.GrpHdr).toMatchObject({ NbOfTxs: '2', CtrlSum: '200.00', InitgPty: { Nm: 'Operator BV' } });
    const info = init.PmtInf;
    expect(info).toMatchObject({
      PmtMtd: 'TRF',
      NbOfTxs: '2',
      CtrlSum: '200.00',
      PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
      DbtrAcct: { Id: { IBAN: 'NL02ABNA0123456789' } },
      DbtrAgt: { FinInstnId: { BICFI: 'ABNANL2A' } },
      ChrgBr: 'SLEV',
    });
    expect(info.ReqdExctnDt.Dt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(info.CdtTrfTxInf).toHaveLength(2);
    expect(info.CdtTrfTxInf[0]).toMatchObject({
      PmtId: { EndToEndId: `CASHOUT-${one.id}` },
      Amt: { InstdAmt: { '#text': '120.50', '@_Ccy': 'EUR' } },
      CdtrAgt: { FinInstnId: { BICFI: 'ABNANL2A' } },
      Cdtr: { Nm: 'Payee 1 Ltd' },
      CdtrAcct: { Id: { IBAN: 'NL91ABNA0417164300' } },
    });

    const paid = await operator('POST', `/payout-batches/${batch.id}/pay`, {
      payment_reference: 'SEPA-2027-01',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().status).toBe('paid');
    expect(
      paid
        .json()
        .cash_outs.map((c: { status: string; payment_reference: string }) => [c.status, c.payment_reference]),
    ).toEqual([
      ['success', `SEPA-2027-01 #${one.id}`],
      ['success', `SEPA-2027-01 #${two.id}`],
    ]);
    // 1000.00 - 120.50 = 879.50 available, nothing reserved, 120.50 paid.
    expect(await balanceOf(t, one.w.affiliateId)).toMatchObject({
      available: 879_50,
      reserved: 0,
      payments: 120_50,
    });
    // The affiliate is emailed each change: requested, then paid with the reference.
    expect((await t.lastEmail(one.w.email, 'cash_out_pending')).text).toContain(
      `cash-out ${one.id} of 120.50 EUR`,
    );
    const paidMail = await t.lastEmail(one.w.email, 'cash_out_success');
    expect(paidMail.subject).toBe('Your cash-out is paid');
    expect(paidMail.text).toContain(`Payment reference: SEPA-2027-01 #${one.id}`);
    const again = await operator('POST', `/payout-batches/${batch.id}/pay`, { payment_reference: 'again' });
    expect(again.statusCode).toBe(409);
    const listed = (await operator('GET', '/payout-batches?status=paid')).json().data;
    expect(listed.map((b: { id: number }) => b.id)).toContain(batch.id);
  });

  it('refuses a SEPA file without bank accounts, and a cancelled batch frees its cash-outs', async () => {
    const w = await walletPartner(t, 'payoutpaypal');
    await verifyTwoFactor(t, w);
    await fund(t, w.affiliateId, 100_00);
    const asked = await partner(w, 'POST', '/cash-outs', { currency: 'EUR', amount: 20_00 });
    expect(asked.statusCode, asked.body).toBe(201);
    const batch = (
      await operator('POST', '/payout-batches', { currency: 'EUR', cash_out_ids: [asked.json().id] })
    ).json();
    const xml = await operator('GET', `/payout-batches/${batch.id}/sepa.xml`);
    expect(xml.statusCode).toBe(422);
    const paths = xml.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['debtor_iban', 'cash_outs.0']);
    const entries = () => t.db.selectFrom('ledger_entries').select('id').execute();
    const before = await entries();
    const cancelled = await operator('POST', `/payout-batches/${batch.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    // No money moved by the batch itself.
    expect(await entries()).toEqual(before);
    const freed = await partner(w, 'POST', `/cash-outs/${asked.json().id}/cancel`, {});
    expect(freed.statusCode, freed.body).toBe(200);
    expect(await balanceOf(t, w.affiliateId)).toMatchObject({ available: 100_00, reserved: 0 });
  });
});
