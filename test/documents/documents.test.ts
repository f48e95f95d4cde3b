import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { addPaymentMethod } from '../../src/core/ledger/wallet/add-payment-method.ts';
import { uploadBankStatement } from '../../src/core/ledger/wallet/upload-bank-statement.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;

type Method = 'GET' | 'POST' | 'DELETE';
const op = (method: Method, url: string, payload?: object) =>
  t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const portal = (who: Partner, method: Method, url: string, payload?: object) =>
  t.as(who.cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });

const PDF = Buffer.from('%PDF-1.4\n% a passport scan\n');

async function upload(who: Partner, kind = 'identity') {
  const res = await portal(who, 'POST', '/documents', {
    kind,
    description: 'Passport',
    file_name: 'passport.pdf',
    content_base64: PDF.toString('base64'),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const row = (id: number) =>
  t.db.selectFrom('affiliate_documents').selectAll().where('id', '=', id).executeTakeFirst();

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'doca');
  b = await approvedPartner(t, 'docb');
});
afterAll(async () => {
  await t.close();
});

describe('documents', () => {
  it('uploads a document that waits, which the operator approves; its file reads back', async () => {
    const doc = await upload(a);
    expect(doc).toMatchObject({
      source: 'document',
      kind: 'identity',
      status: 'pending',
      affiliate_id: a.affiliateId,
    });
    const file = await op('GET', `/documents/${doc.id}/file`);
    expect(Buffer.from(file.rawPayload).equals(PDF)).toBe(true);
    const pending = (await op('GET', `/affiliates/${a.affiliateId}/documents?status=pending`)).json().data;
    expect(pending.map((d: { id: number }) => d.id)).toContain(doc.id);
    const approved = await op('POST', `/documents/${doc.id}/decide`, { status: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decided_by: expect.any(String) });
    const mine = (await portal(a, 'GET', '/documents')).json().data;
    expect(
      mine.find((d: { id: number; source: string }) => d.id === doc.id && d.source === 'document').status,
    ).toBe('approved');
    // Decided: neither deleted nor decided again.
    expect((await portal(a, 'DELETE', `/documents/${doc.id}`)).statusCode).toBe(409);
    expect(
      (await op('POST', `/documents/${doc.id}/decide`, { status: 'declined', comment: 'No' })).statusCode,
    ).toBe(409);
    expect(await row(doc.id)).toMatchObject({ status: 'approved', decision_comment: null });
  });

  it('declines with a comment only, and deletes a pending document', async () => {
    const doc = await upload(a, 'proof_of_address');
    const bare = await op('POST', `/documents/${doc.id}/decide`, { status: 'declined' });
    expect(bare.statusCode).toBe(422);
    expect((await row(doc.id))?.status).toBe('pending');
    const declined = await op('POST', `/documents/${doc.id}/decide`, {
      status: 'declined',
      comment: 'Too blurry',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decision_comment: 'Too blurry' });

    const other = await upload(a, 'tax_form');
    expect((await portal(a, 'DELETE', `/documents/${other.id}`)).statusCode).toBe(204);
    expect(await row(other.id)).toBeUndefined();
  });

  it('refuses a bad kind and a file that is no PDF or image, storing nothing', async () => {
    const before = await t.db
      .selectFrom('affiliate_documents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('affiliate_id', '=', b.affiliateId)
      .executeTakeFirstOrThrow();
    const res = await portal(b, 'POST', '/documents', {
      kind: 'selfie',
      file_name: 'x.txt',
      content_base64: Buffer.from('hello').toString('base64'),
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['content_base64', 'kind']);
    const after = await t.db
      .selectFrom('affiliate_documents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('affiliate_id', '=', b.affiliateId)
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('lists a bank account statement among the documents; approving it verifies the account', async () => {
    const method = await addPaymentMethod({
      db: t.db,
      actor: SYSTEM,
      affiliateId: b.affiliateId,
      input: {
        type: 'bank_transfer',
        details: { account_holder: 'B Docs', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
      },
    });
    const statement = await uploadBankStatement({
      db: t.db,
      actor: SYSTEM,
      dataDir: t.app.deps.config.dataDir,
      affiliateId: b.affiliateId,
      paymentMethodId: method.id,
      fileName: 'statement.pdf',
      file: PDF,
    });
    const listed = (await portal(b, 'GET', '/documents')).json().data;
    expect(
      listed.find(
        (d: { source: string; id: number }) => d.source === 'bank_statement' && d.id === statement.id,
      ),
    ).toMatchObject({ kind: 'bank_statement', payment_method_id: method.id, status: 'pending' });
    const approved = await op('POST', `/bank-statements/${statement.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const verified = await t.db
      .selectFrom('wallet_payment_methods')
      .select('verification')
      .where('id', '=', method.id)
      .executeTakeFirstOrThrow();
    expect(verified.verification).toBe('approved');
    const after = (await op('GET', `/affiliates/${b.affiliateId}/documents`)).json().data;
    expect(
      after.find(
        (d: { source: string; id: number }) => d.source === 'bank_statement' && d.id === statement.id,
      ).status,
    ).toBe('approved');
  });

  it("does not let one affiliate read, delete or see another's document", async () => {
    // a has a document of its own whatever ran before (tests run in any order).
    await upload(a);
    const doc = await upload(b);
    expect((await portal(a, 'GET', `/documents/${doc.id}/file`)).statusCode).toBe(404);
    expect((await portal(a, 'DELETE', `/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await row(doc.id))?.status).toBe('pending');
    const mine = (await portal(a, 'GET', '/documents?page_size=500')).json();
    expect(mine.data.length).toBe(mine.paging.total);
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((d: { affiliate_id: number }) => d.affiliate_id === a.affiliateId)).toBe(true);
    // Documents and bank statements number their ids apart: a's statement may share doc's id.
    expect(mine.data.map((d: { source: string; id: number }) => `${d.source}:${d.id}`)).not.toContain(
      `document:${doc.id}`,
    );
  });

  it("pages documents and bank statements together, newest first, counting only the affiliate's", async () => {
    const c = await approvedPartner(t, 'docpage');
    const first = await upload(c, 'identity');
    const method = await addPaymentMethod({
      db: t.db,
      actor: SYSTEM,
      affiliateId: c.affiliateId,
      input: {
        type: 'bank_transfer',
        details: { account_holder: 'C Docs', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
      },
    });
    const statement = await uploadBankStatement({
      db: t.db,
      actor: SYSTEM,
      dataDir: t.app.deps.config.dataDir,
      affiliateId: c.affiliateId,
      paymentMethodId: method.id,
      fileName: 'statement.pdf',
      file: PDF,
    });
    const second = await upload(c, 'tax_form');
    const third = await upload(c, 'other');
    // Another affiliate's document is in neither the pages nor the total.
    await upload(b, 'other');
    const key = (d: { source: string; id: number }) => `${d.source}:${d.id}`;
    const newestFirst = [
      `document:${third.id}`,
      `document:${second.id}`,
      `bank_statement:${statement.id}`,
      `document:${first.id}`,
    ];

    const page1 = (await portal(c, 'GET', '/documents?page=1&page_size=3')).json();
    expect(page1.paging).toEqual({ page: 1, page_size: 3, total: 4 });
    expect(page1.data.map(key)).toEqual(newestFirst.slice(0, 3));
    const page2 = (await portal(c, 'GET', '/documents?page=2&page_size=3')).json();
    expect(page2.paging).toEqual({ page: 2, page_size: 3, total: 4 });
    expect(page2.data.map(key)).toEqual(newestFirst.slice(3));
    // No page_size: the default of 50 holds all four.
    const all = (await portal(c, 'GET', '/documents')).json();
    expect(all.paging).toEqual({ page: 1, page_size: 50, total: 4 });
    expect(all.data.map(key)).toEqual(newestFirst);

    // The operator's lists page the same way, filters included in the total.
    const ofC = (await op('GET', `/affiliates/${c.affiliateId}/documents?page=2&page_size=2`)).json();
    expect(ofC.paging).toEqual({ page: 2, page_size: 2, total: 4 });
    expect(ofC.data.map(key)).toEqual(newestFirst.slice(2));
    const pending = (
      await op('GET', `/documents?affiliate_id=${c.affiliateId}&status=pending&page_size=1`)
    ).json();
    expect(pending.paging).toEqual({ page: 1, page_size: 1, total: 4 });
    expect(pending.data.map(key)).toEqual(newestFirst.slice(0, 1));
  });

  it('refuses a page size over 500 and a page below 1, naming the field', async () => {
    const fields = (res: {
      statusCode: number;
      json(): { error: { details: { fields: { path: string }[] } } };
    }) => {
      expect(res.statusCode).toBe(422);
      return res.json().error.details.fields.map((f) => f.path);
    };
    expect(fields(await portal(a, 'GET', '/documents?page_size=501'))).toEqual(['page_size']);
    expect(fields(await portal(a, 'GET', '/documents?page=0'))).toEqual(['page']);
    expect(fields(await op('GET', '/documents?page_size=501'))).toEqual(['page_size']);
    expect(fields(await op('GET', `/affiliates/${a.affiliateId}/documents?page_size=0`))).toEqual([
      'page_size',
    ]);
    expect((await portal(a, 'GET', '/documents?page_size=500')).statusCode).toBe(200);
  });
});
