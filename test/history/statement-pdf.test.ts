/**
 * A bill's signed statement as a PDF (portal and back office): the chain range, the checkpoint,
 * the totals per measure and every link of the range, read back from the PDF's text. Amounts in
 * cents of EUR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, billingApp, billsOf, brandWith, CPA_PLAN, cpa, run } from '../billing/helpers.ts';
import { approvedPartner, type IdentityTestApp } from '../identity/helpers.ts';
import { pdfText } from './pdf-text.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await billingApp();
}, 300_000);
afterAll(() => t.close());

/** An approved March bill of two CPAs (3000 + 3000 = 6000) with a +500 correction and a -200 one. */
async function billed(label: string) {
  const p = await approvedPartner(t, label);
  const { brandId } = await brandWith(t, CPA_PLAN);
  await cpa(t, brandId, p.affiliateId, '2026-03-05');
  await cpa(t, brandId, p.affiliateId, '2026-03-20');
  await run(t, { period_start: '2026-03-01', period_end: '2026-03-31', affiliate_ids: [p.affiliateId] });
  const [bill] = await billsOf(t, p.affiliateId);
  expect((await api(t, 'POST', `/bills/${bill!.id}/approve`)).statusCode).toBe(200);
  for (const [i, c] of [
    { action: 'add', amount: 500, comment: 'Late deposit' },
    { action: 'subtract', amount: 200, comment: 'Chargeback' },
  ].entries()) {
    const res = await api(t, 'POST', `/bills/${bill!.id}/corrections`, c, {
      'idempotency-key': `pdf-${bill!.id}-${i}`,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  return { ...p, billId: bill!.id };
}

describe('statement PDF', () => {
  it('prints the statement’s range, checkpoint, totals and every link, for the affiliate and the operator', async () => {
    const p = await billed('stmt-pdf');
    const json = await t.as(p.cookie, { url: `/api/partner/v1/bills/${p.billId}/statement` });
    expect(json.statusCode, json.body).toBe(200);
    const statement = json.json();

    const res = await t.as(p.cookie, { url: `/api/partner/v1/bills/${p.billId}/statement/pdf` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="statement-bill-${p.billId}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    const printedFor = (label: string) => text[text.indexOf(label) + 1];

    expect(text).toContain(`STATEMENT OF BILL ${p.billId}`);
    expect(printedFor('Affiliate')).toBe(String(p.affiliateId));
    expect(printedFor('Period')).toBe('2026-03-01 to 2026-03-31');
    // The same chain as the JSON statement: nothing was written to it between the two calls.
    expect(printedFor('Range')).toBe(`links ${statement.range.from_seq} to ${statement.range.to_seq}`);
    expect(printedFor('Previous hash')).toBe(statement.range.prev_hash);
    expect(printedFor('Checkpoint hash')).toBe(statement.checkpoint.hash);
    expect(printedFor('Checkpoint key')).toBe(statement.checkpoint.key_id);
    expect(printedFor('Statement SHA-256')).toMatch(/^[0-9a-f]{64}$/);
    // Lines 3000 + 3000 = 6000, all CPA; corrections +500 and -200: 6000 + 500 - 200 = 6300.
    expect(printedFor('Lines')).toBe('2');
    expect(printedFor('Lines: cpa')).toBe('60.00 EUR');
    expect(printedFor('Lines amount')).toBe('60.00 EUR');
    expect(printedFor('Corrections added')).toBe('5.00 EUR');
    expect(printedFor('Corrections subtracted')).toBe('-2.00 EUR');
    expect(printedFor('Amount to pay')).toBe('63.00 EUR');
    // Each link: its number, kind, record and hash, in order.
    for (const l of statement.links) {
      const at = text.lastIndexOf(l.hash); // the last link's is the checkpoint's too
      expect(at, `link ${l.seq}`).toBeGreaterThan(0);
      expect(text.slice(at - 3, at)).toEqual([String(l.seq), l.kind, l.ref_id]);
    }
    const full = statement.links.filter((l: { body?: unknown }) => l.body !== undefined).length;
    expect(text).toContain(
      `${full} records behind the bill in full in the JSON statement, ${statement.links.length - full} other links by hash.`,
    );

    const operator = await api(t, 'GET', `/bills/${p.billId}/statement/pdf`);
    expect(operator.statusCode, operator.body).toBe(200);
    expect(pdfText(operator.rawPayload)).toContain('63.00 EUR');
  });

  it('is another affiliate’s bill: not found, as the bill itself', async () => {
    const p = await billed('stmt-pdf-own');
    const other = await approvedPartner(t, 'stmt-pdf-other');
    const res = await t.as(other.cookie, { url: `/api/partner/v1/bills/${p.billId}/statement/pdf` });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    const missing = await api(t, 'GET', '/bills/2147483000/statement/pdf');
    expect(missing.statusCode).toBe(404);
  });
});
