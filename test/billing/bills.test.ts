/**
 * Bills through the API: commissions in (CPA events, RevShare finalization), POST /bills/run,
 * review, correct, approve (the balance credited through the ledger), mark paid. Every amount is
 * worked out by hand beside it, in cents of EUR.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { approvedPartner, type IdentityTestApp } from '../identity/helpers.ts';
import { balanceOf } from '../ledger/helpers.ts';
import { expectLedgerInvariants } from '../support/ledger-invariants.ts';
import {
  activity,
  api,
  bill,
  billingApp,
  billingSnapshot,
  billsOf,
  brandWith,
  CPA_PLAN,
  cpa,
  finalize,
  revshareBrand,
  run,
  setBilling,
} from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await billingApp();
}, 300_000);
afterAll(() => t.close());
afterEach(async () => {
  await expectLedgerInvariants(t.db);
});

const MARCH = { period_start: '2026-03-01', period_end: '2026-03-31' };
const APRIL = { period_start: '2026-04-01', period_end: '2026-04-30' };

describe('a bill', () => {
  it('is issued from the approved commissions, approved into the balance, corrected after, and paid', async () => {
    const p = await approvedPartner(t, 'billa');
    const { brandId, planId } = await brandWith(t, CPA_PLAN);
    await setBilling(t, p.affiliateId, { payment_terms_days: 14 });
    await cpa(t, brandId, p.affiliateId, '2026-03-05');
    await cpa(t, brandId, p.affiliateId, '2026-03-31');
    // Earned in April: not in March's bill.
    await cpa(t, brandId, p.affiliateId, '2026-04-01');

    const result = await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    expect(result).toMatchObject({
      affiliates: 1,
      bills_issued: 1,
      bills_regenerated: 0,
      rolled_over: 0,
      waiting: 0,
    });
    const [listed, ...others] = await billsOf(t, p.affiliateId);
    expect(others).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    // 3000 + 3000 = 6000
    expect(listed).toMatchObject({
      brand_id: brandId,
      plan_id: planId,
      currency: 'EUR',
      ...MARCH,
      issued_amount: 6000,
      amount_to_pay: 6000,
      status: 'pending',
      lines_count: 2,
      issued_on: today,
      due_date: due,
      hidden: false,
    });

    const hook = await api(t, 'POST', '/webhooks', {
      url: 'https://hooks.example/bills',
      event_types: ['bill.approved'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const approved = await api(t, 'POST', `/bills/${listed!.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', amount_to_pay: 6000 });
    const deliveries = await t.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('endpoint_id', '=', hook.json().id)
      .execute();
    expect(deliveries.map((d) => d.event_type)).toEqual(['bill.approved']);
    expect(JSON.parse(String(deliveries[0]!.payload)).data).toMatchObject({
      bill_id: String(listed!.id),
      amount_to_pay: '6000',
      currency: 'EUR',
    });
    expect(approved.json().ledger_entry_id).toEqual(expect.any(Number));
    expect(await balanceOf(t, p.affiliateId)).toMatchObject({ available: 6000, commissions: 6000 });
    const statuses = await t.db
      .selectFrom('commissions')
      .select('status')
      .where('affiliate_id', '=', p.affiliateId)
      .orderBy('earned_at')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['billed', 'billed', 'approved']);
    const events = await t.db
      .selectFrom('affiliate_events')
      .select(['type', 'data'])
      .where('affiliate_id', '=', p.affiliateId)
      .where('type', '=', 'bill_approved')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ bill_id: listed!.id, amount: '6000', currency: 'EUR' });
    await t.jobs.runUntilIdle();
    const mail = await t.db
      .selectFrom('email_messages')
      .select(['to_address', 'subject', 'text_body'])
      .where('template', '=', 'bill_approved')
      .where('to_address', '=', p.email)
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Bill ${listed!.id} approved: 60.00 EUR added to your balance`);

    // Approving again is refused and changes nothing.
    const before = await billingSnapshot(t);
    const again = await api(t, 'POST', `/bills/${listed!.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');
    expect(await billingSnapshot(t)).toBe(before);

    // After approval a correction is a ledger entry of its own: 6000 − 1500 = 4500.
    const corrected = await api(
      t,
      'POST',
      `/bills/${listed!.id}/corrections`,
      { action: 'subtract', amount: 1500, comment: 'Duplicate player' },
      { 'idempotency-key': `fix-${listed!.id}` },
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ amount_to_pay: 4500, issued_amount: 6000 });
    expect(corrected.json().corrections).toMatchObject([
      { action: 'subtract', amount: 1500, comment: 'Duplicate player', after_approval: true },
    ]);
    expect((await balanceOf(t, p.affiliateId)).available).toBe(4500);
    const replay = await api(
      t,
      'POST',
      `/bills/${listed!.id}/corrections`,
      { action: 'subtract', amount: 1500, comment: 'Duplicate player' },
      { 'idempotency-key': `fix-${listed!.id}` },
    );
    expect(replay.statusCode).toBe(201);
    expect((await balanceOf(t, p.affiliateId)).available).toBe(4500);

    // More than the bill pays cannot be taken back (4500 − 4501 < 0): 422, nothing changed.
    const snapshot = await billingSnapshot(t);
    const tooMuch = await api(t, 'POST', `/bills/${listed!.id}/corrections`, {
      action: 'subtract',
      amount: 4501,
      comment: 'Everything and more',
    });
    expect(tooMuch.statusCode, tooMuch.body).toBe(422);
    expect(tooMuch.json().error.details.fields).toMatchObject([{ path: 'amount' }]);
    expect(await billingSnapshot(t)).toBe(snapshot);

    const paid = await api(t, 'POST', `/bills/${listed!.id}/mark-paid`, {});
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paid_at: expect.any(String) });
    const billed = await t.db
      .selectFrom('commissions')
      .select('status')
      .where('affiliate_id', '=', p.affiliateId)
      .where('status', '=', 'paid')
      .execute();
    expect(billed).toHaveLength(2);

    const pdf = await api(t, 'GET', `/bills/${listed!.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is regenerated before approval, never duplicated, and a rerun changes nothing', async () => {
    const p = await approvedPartner(t, 'billr');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, p.affiliateId, '2026-03-10');
    await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    const [first] = await billsOf(t, p.affiliateId);
    // Before approval a correction changes the amount to pay: 3000 + 500 = 3500.
    const added = await api(t, 'POST', `/bills/${first!.id}/corrections`, {
      action: 'add',
      amount: 500,
      comment: 'Late traffic bonus',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ issued_amount: 3000, amount_to_pay: 3500 });
    expect(await balanceOf(t, p.affiliateId)).toBeNull();

    // A March event arrives late: the rerun puts it on the same bill (3000 + 3000 = 6000; to pay 6000 + 500).
    await cpa(t, brandId, p.affiliateId, '2026-03-20');
    const rerun = await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    expect(rerun).toMatchObject({ bills_issued: 0, bills_regenerated: 1 });
    const bills = await billsOf(t, p.affiliateId);
    expect(bills.map((b) => [b.id, b.issued_amount, b.amount_to_pay, b.lines_count])).toEqual([
      [first!.id, 6000, 6500, 2],
    ]);

    const before = await billingSnapshot(t);
    const idle = await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    expect(idle).toMatchObject({ bills_issued: 0, bills_regenerated: 0, bills_unchanged: 1 });
    expect(await billingSnapshot(t)).toBe(before);

    const approved = await api(t, 'POST', '/bills/approve', { ids: [first!.id, 999_999_999] });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().data).toMatchObject([
      { id: first!.id, status: 'approved' },
      { id: 999_999_999, status: 'refused', error: { code: 'not_found' } },
    ]);
    expect((await balanceOf(t, p.affiliateId)).available).toBe(6500);
    // Approved: a rerun leaves it as it is.
    await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    const lines = await t.db
      .selectFrom('bill_lines')
      .select('commission_id')
      .where('bill_id', '=', BigInt(first!.id))
      .execute();
    expect(lines).toHaveLength(2);
    expect((await bill(t, first!.id)).changes.map((c: { action: string }) => c.action)).toEqual([
      'issued',
      'regenerated',
      'approved',
    ]);
  });

  it('below the threshold waits and rolls into the next period', async () => {
    const p = await approvedPartner(t, 'billt');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await setBilling(t, p.affiliateId, { invoice_amount_threshold: 5000 }, 'EUR');
    await cpa(t, brandId, p.affiliateId, '2026-03-10');
    // 3000 < 5000: rolled over, no bill.
    expect(await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] })).toMatchObject({
      bills_issued: 0,
      rolled_over: 1,
    });
    expect(await billsOf(t, p.affiliateId)).toEqual([]);
    await cpa(t, brandId, p.affiliateId, '2026-04-10');
    // March's 3000 + April's 3000 = 6000 ≥ 5000: one April bill with both lines.
    expect(await run(t, { ...APRIL, affiliate_ids: [p.affiliateId] })).toMatchObject({
      bills_issued: 1,
      rolled_over: 0,
    });
    const bills = await billsOf(t, p.affiliateId);
    expect(bills.map((b) => [b.period_start, b.issued_amount, b.lines_count])).toEqual([
      ['2026-04-01', 6000, 2],
    ]);
  });

  it("compares with the threshold converted from the affiliate's default currency, and waits without a rate", async () => {
    for (const code of ['CHF', 'NOK'])
      expect((await api(t, 'PATCH', `/currencies/${code}`, { enabled: true })).statusCode).toBe(200);
    // 1 EUR = 0.8 CHF on 2026-03-20, so 1 CHF = 1 / 0.8 = 1.25 EUR.
    const rates = [{ base: 'EUR', quote: 'CHF', date: '2026-03-20', rate: '0.8' }];
    expect((await api(t, 'POST', '/exchange-rates', { rates })).statusCode).toBe(200);
    const { brandId } = await brandWith(t, CPA_PLAN);

    const chf = await approvedPartner(t, 'billx');
    // 28.00 CHF = 28.00 × 1.25 = 35.00 EUR: the EUR bill needs 3500 cents.
    await setBilling(t, chf.affiliateId, { invoice_amount_threshold: 2800 }, 'CHF');
    await cpa(t, brandId, chf.affiliateId, '2026-03-10');
    // 3000 cents ≥ 2800 unconverted, but 3000 < 3500: it waits.
    expect(await run(t, { ...MARCH, affiliate_ids: [chf.affiliateId] })).toMatchObject({
      bills_issued: 0,
      rolled_over: 1,
    });
    await cpa(t, brandId, chf.affiliateId, '2026-04-10');
    // 3000 + 3000 = 6000 ≥ 3500 (April's last day uses the same latest rate): billed.
    expect(await run(t, { ...APRIL, affiliate_ids: [chf.affiliateId] })).toMatchObject({ bills_issued: 1 });
    expect((await billsOf(t, chf.affiliateId)).map((b) => [b.currency, b.issued_amount])).toEqual([
      ['EUR', 6000],
    ]);

    // No EUR/NOK rate on or before March 31: the threshold of 1.00 NOK cannot be judged, the sum waits.
    const nok = await approvedPartner(t, 'billn');
    await setBilling(t, nok.affiliateId, { invoice_amount_threshold: 100 }, 'NOK');
    await cpa(t, brandId, nok.affiliateId, '2026-03-11');
    expect(await run(t, { ...MARCH, affiliate_ids: [nok.affiliateId] })).toMatchObject({
      bills_issued: 0,
      rolled_over: 1,
    });
    const nokRate = [{ base: 'EUR', quote: 'NOK', date: '2026-03-31', rate: '11.5' }];
    expect((await api(t, 'POST', '/exchange-rates', { rates: nokRate })).statusCode).toBe(200);
    // 1.00 NOK = 1 / 11.5 EUR ≈ 0.09 EUR (9 cents): 3000 ≥ 9, billed on the rerun.
    expect(await run(t, { ...MARCH, affiliate_ids: [nok.affiliateId] })).toMatchObject({ bills_issued: 1 });
  });

  it('waits for the generation delay, and is hidden when the settings say so', async () => {
    const p = await approvedPartner(t, 'billd');
    const { brandId } = await brandWith(t, CPA_PLAN);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const start = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await setBilling(t, p.affiliateId, {
      invoice_generation_delay_days: 3,
      invoices_hidden_by_default: true,
    });
    await cpa(t, brandId, p.affiliateId, start);
    // Ended yesterday: the bill may be generated 1 + 3 days after, not today.
    expect(
      await run(t, { period_start: start, period_end: yesterday, affiliate_ids: [p.affiliateId] }),
    ).toMatchObject({ bills_issued: 0, waiting: 1 });
    const early = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await run(t, { period_start: start, period_end: early, affiliate_ids: [p.affiliateId] }),
    ).toMatchObject({
      bills_issued: 1,
      waiting: 0,
    });
    const [hidden] = await billsOf(t, p.affiliateId);
    expect(hidden).toMatchObject({ hidden: true, issued_on: today });
    const mine = await t.as(p.cookie, { url: '/api/partner/v1/bills' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data).toEqual([]);
    expect((await t.as(p.cookie, { url: `/api/partner/v1/bills/${hidden!.id}` })).statusCode).toBe(404);

    // Reviewed, the operator shows it: the affiliate sees it; showing it again records nothing more.
    const shown = await api(t, 'POST', `/bills/${hidden!.id}/show`, { reason: 'reviewed' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ hidden: false, status: 'pending' });
    expect((await api(t, 'POST', `/bills/${hidden!.id}/show`, {})).json()).toMatchObject({ hidden: false });
    const seen = await t.as(p.cookie, { url: '/api/partner/v1/bills' });
    expect(seen.json().data.map((b: { id: number }) => b.id)).toEqual([hidden!.id]);
    expect((await t.as(p.cookie, { url: `/api/partner/v1/bills/${hidden!.id}` })).statusCode).toBe(200);

    // Hidden again: gone from the portal, and both changes are in the bill's history.
    const again = await api(t, 'POST', `/bills/${hidden!.id}/hide`, {});
    expect(again.json()).toMatchObject({ hidden: true });
    expect((await t.as(p.cookie, { url: '/api/partner/v1/bills' })).json().data).toEqual([]);
    const changes = (await bill(t, hidden!.id)).changes.map(
      (c: { action: string; from_status: string; to_status: string; reason: string | null }) => [
        c.action,
        c.from_status,
        c.to_status,
        c.reason,
      ],
    );
    expect(changes.filter(([action]: string[]) => action === 'shown' || action === 'hidden')).toEqual([
      ['shown', 'pending', 'pending', 'reviewed'],
      ['hidden', 'pending', 'pending', null],
    ]);
    expect((await api(t, 'POST', '/bills/999999999/show', {})).statusCode).toBe(404);
  });

  it('on hold cannot be approved until released; cancelled, its commissions are not billed again', async () => {
    const p = await approvedPartner(t, 'billh');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, p.affiliateId, '2026-03-10');
    await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    const [b] = await billsOf(t, p.affiliateId);
    expect((await api(t, 'POST', `/bills/${b!.id}/hold`, { reason: 'Checking traffic' })).json().status).toBe(
      'on_hold',
    );
    const before = await billingSnapshot(t);
    const refused = await api(t, 'POST', `/bills/${b!.id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(await billingSnapshot(t)).toBe(before);
    expect((await api(t, 'POST', `/bills/${b!.id}/release`, {})).json().status).toBe('pending');
    expect((await api(t, 'POST', `/bills/${b!.id}/cancel`, { reason: 'Fraud' })).json().status).toBe(
      'cancelled',
    );
    expect(await balanceOf(t, p.affiliateId)).toBeNull();
    // The cancelled bill keeps its line: April's run finds nothing to bill.
    expect(await run(t, { ...APRIL, affiliate_ids: [p.affiliateId] })).toMatchObject({ bills_issued: 0 });
    const overdraw = await api(t, 'POST', `/bills/${b!.id}/corrections`, {
      action: 'add',
      amount: 1,
      comment: 'x',
    });
    expect(overdraw.statusCode).toBe(422);
  });

  it('refuses a bad correction before approval with every field, and changes nothing', async () => {
    const p = await approvedPartner(t, 'billc');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, p.affiliateId, '2026-03-10');
    await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
    const [b] = await billsOf(t, p.affiliateId);
    const before = await billingSnapshot(t);
    const bad = await api(t, 'POST', `/bills/${b!.id}/corrections`, {
      action: 'double',
      amount: 0,
      comment: ' ',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['action', 'amount', 'comment']);
    // 3000 − 3001 would be below 0.
    const below = await api(t, 'POST', `/bills/${b!.id}/corrections`, {
      action: 'subtract',
      amount: 3001,
      comment: 'Too much',
    });
    expect(below.statusCode).toBe(422);
    expect(await billingSnapshot(t)).toBe(before);
  });
});

describe('negative RevShare carry-over', () => {
  it('lowers the next bill with carry-over, and not for an affiliate with no_negative_carry_over', async () => {
    const { brandId } = await revshareBrand(t, { basis: 'ngr', rate: '25', carry_over: true });
    const carries = await approvedPartner(t, 'carry');
    const resets = await approvedPartner(t, 'reset');
    const patched = await api(t, 'PATCH', `/affiliates/${resets.affiliateId}`, {
      no_negative_carry_over: true,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    for (const p of [carries, resets]) {
      // March: GGR 100000 − 140000 = −40000, 25 % = −10000: pays 0.
      await activity(t, brandId, p.affiliateId, '2026-03-10', 100_000, 140_000);
      // April: GGR 160000 − 100000 = 60000, 25 % = 15000.
      await activity(t, brandId, p.affiliateId, '2026-04-10', 160_000, 100_000);
    }
    await finalize(t, brandId, '2026-03-01', '2026-03-31');
    await finalize(t, brandId, '2026-04-01', '2026-04-30');
    const ids = [carries.affiliateId, resets.affiliateId];
    expect(await run(t, { ...MARCH, affiliate_ids: ids })).toMatchObject({ bills_issued: 0 });
    expect(await run(t, { ...APRIL, affiliate_ids: ids })).toMatchObject({ bills_issued: 2 });
    // With carry-over: 15000 − 10000 = 5000. Without: 15000 (March's −10000 is forgotten).
    expect((await billsOf(t, carries.affiliateId)).map((b) => b.issued_amount)).toEqual([5000]);
    expect((await billsOf(t, resets.affiliateId)).map((b) => b.issued_amount)).toEqual([15000]);
  });
});

describe('the partner API', () => {
  it("lists and reads the affiliate's own bills and PDF, never another's", async () => {
    const a = await approvedPartner(t, 'papa');
    const b = await approvedPartner(t, 'papb');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, a.affiliateId, '2026-03-10');
    await cpa(t, brandId, b.affiliateId, '2026-03-11');
    await run(t, { ...MARCH, affiliate_ids: [a.affiliateId, b.affiliateId] });
    const [billA] = await billsOf(t, a.affiliateId);
    const [billB] = await billsOf(t, b.affiliateId);
    const mine = await t.as(a.cookie, { url: '/api/partner/v1/bills' });
    expect(mine.json().data.map((x: { id: number }) => x.id)).toEqual([billA!.id]);
    const detail = await t.as(a.cookie, { url: `/api/partner/v1/bills/${billA!.id}` });
    expect(detail.json()).toMatchObject({
      id: billA!.id,
      issued_amount: 3000,
      lines: [{ amount: 3000, kind: 'cpa' }],
    });
    const pdf = await t.as(a.cookie, { url: `/api/partner/v1/bills/${billA!.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    for (const url of [`/bills/${billB!.id}`, `/bills/${billB!.id}/pdf`])
      expect((await t.as(a.cookie, { url: `/api/partner/v1${url}` })).statusCode).toBe(404);
  });
});
