/**
 * Automatic cash-out schedules: daily, monthly (the 1st), weekdays, dates 1-31 (29-31 on a shorter
 * month's last day), the amount the available balance less the reserve within min and max, at most
 * one per affiliate, currency and date, and a re-run requests nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCashOutSchedules } from '../../src/core/ledger/schedules/run-cash-out-schedules.ts';
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

let n = 0;
/** An affiliate with a Skrill method (limits 10.00-10,000.00 EUR), funded, and its schedule. */
async function scheduled(schedule: object, funded = 1000_00): Promise<{ w: Wallet; scheduleId: number }> {
  const w = await walletPartner(t, `sched${++n}`);
  await verifyTwoFactor(t, w);
  const method = await partner(w, 'POST', '/payment-methods', {
    type: 'skrill',
    details: { email: `s${n}@skrill.test` },
  });
  expect(method.statusCode, method.body).toBe(201);
  if (funded) await fund(t, w.affiliateId, funded);
  const saved = await partner(w, 'POST', '/cash-out-schedules', {
    currency: 'EUR',
    payment_method_id: method.json().id,
    min_amount: 10_00,
    max_amount: 10_000_00,
    ...schedule,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return { w, scheduleId: saved.json().id };
}

const cashOutsOf = async (w: Wallet) =>
  (await partner(w, 'GET', '/cash-outs')).json().data as {
    amount: number;
    scheduled_for: string;
    status: string;
  }[];
/** Runs the schedules on each date and answers the dates that got a cash-out of `w`. */
async function paidOn(w: Wallet, dates: string[]): Promise<string[]> {
  for (const date of dates) await runCashOutSchedules({ db: t.db, date });
  return (await cashOutsOf(w)).map((c) => c.scheduled_for).sort();
}

describe('an automatic cash-out schedule', () => {
  it('pays dates 29 to 31 on the last day of shorter months', async () => {
    const { w } = await scheduled({ frequency: 'dates', month_days: [31], max_amount: 10_00 });
    // Each run takes 10.00 EUR of the 1000.00 funded, so the balance never runs out.
    const dates = ['2027-02-27', '2027-02-28', '2027-03-30', '2027-03-31', '2027-04-29', '2027-04-30'];
    expect(await paidOn(w, dates)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
    const leap = await scheduled({ frequency: 'dates', month_days: [29, 30], max_amount: 10_00 });
    // 2028 is a leap year: 29 February exists, 30 falls on it too (one cash-out for the date).
    expect(await paidOn(leap.w, ['2028-02-28', '2028-02-29', '2028-03-01'])).toEqual(['2028-02-29']);
  });

  it('pays on chosen weekdays, monthly on the 1st, and daily', async () => {
    const weekly = await scheduled({ frequency: 'weekdays', weekdays: [3], max_amount: 10_00 });
    // 2027-03-03 and 2027-03-10 are Wednesdays.
    const week = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-10'];
    expect(await paidOn(weekly.w, week)).toEqual(['2027-03-03', '2027-03-10']);
    const monthly = await scheduled({ frequency: 'monthly', max_amount: 10_00 });
    expect(await paidOn(monthly.w, ['2027-05-31', '2027-06-01', '2027-06-02'])).toEqual(['2027-06-01']);
    const daily = await scheduled({ frequency: 'daily', max_amount: 10_00 });
    expect(await paidOn(daily.w, ['2027-07-01', '2027-07-02'])).toEqual(['2027-07-01', '2027-07-02']);
  });

  it('keeps the reserve, caps at the maximum and skips below the minimum', async () => {
    const { w, scheduleId } = await scheduled(
      { frequency: 'daily', min_amount: 100_00, max_amount: 300_00, reserve_amount: 250_00 },
      1000_00,
    );
    // Day 1: 1000.00 - 250.00 reserve = 750.00, capped at 300.00.
    await runCashOutSchedules({ db: t.db, date: '2027-08-01' });
    // Day 2: 700.00 - 250.00 = 450.00, capped at 300.00.
    await runCashOutSchedules({ db: t.db, date: '2027-08-02' });
    // Day 3: 400.00 - 250.00 = 150.00, at least the 100.00 minimum.
    await runCashOutSchedules({ db: t.db, date: '2027-08-03' });
    // Day 4: 250.00 - 250.00 = 0: below the minimum, nothing.
    const last = await runCashOutSchedules({ db: t.db, date: '2027-08-04' });
    // Other tests' daily schedules run on these dates too: only this affiliate's count.
    const amounts = (await cashOutsOf(w)).map((c) => c.amount).sort((x, y) => y - x);
    expect(amounts).toEqual([300_00, 300_00, 150_00]);
    expect(await balanceOf(t, w.affiliateId)).toMatchObject({ available: 250_00, reserved: 750_00 });
    expect(last.skipped).toContainEqual({
      schedule_id: scheduleId,
      reason: expect.stringMatching(/below the minimum/),
    });
  });

  it('requests at most one per affiliate, currency and date, however often it runs', async () => {
    const { w, scheduleId } = await scheduled({ frequency: 'daily', max_amount: 50_00 });
    await runCashOutSchedules({ db: t.db, date: '2027-09-01' });
    expect(await cashOutsOf(w)).toHaveLength(1);
    // Re-runs, one of them concurrent with another: nothing more.
    const again = await Promise.all([
      runCashOutSchedules({ db: t.db, date: '2027-09-01' }),
      runCashOutSchedules({ db: t.db, date: '2027-09-01' }),
    ]);
    // Other tests' daily schedules may run here too; this one's is skipped both times.
    for (const run of again)
      expect(run.skipped.find((s) => s.schedule_id === scheduleId)?.reason).toMatch(/already/);
    const mine = await cashOutsOf(w);
    expect(mine).toHaveLength(1);
    // 1000.00 funded - 50.00 = 950.00 available.
    expect(await balanceOf(t, w.affiliateId)).toMatchObject({ available: 950_00, reserved: 50_00 });
    // The database itself refuses a second automatic cash-out for the date.
    const row = await t.db
      .selectFrom('cash_outs')
      .selectAll()
      .where('affiliate_id', '=', w.affiliateId)
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(
      t.db
        .insertInto('cash_outs')
        .values({ ...copy, payment_details: JSON.stringify(copy.payment_details), idempotency_key: null })
        .execute(),
    ).rejects.toThrow();
  });

  it('refuses a bad schedule with every problem at once', async () => {
    const w = await walletPartner(t, 'schedbad');
    await verifyTwoFactor(t, w);
    const res = await partner(w, 'POST', '/cash-out-schedules', {
      currency: 'XXQ',
      payment_method_id: 999999,
      frequency: 'dates',
      month_days: [0, 32],
      min_amount: 500,
      max_amount: 100,
    });
    expect(res.statusCode).toBe(422);
    const paths = res
      .json()
      .error.details.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['currency', 'min_amount', 'month_days', 'payment_method_id']);
    expect((await partner(w, 'GET', '/cash-out-schedules')).json().data).toEqual([]);
  });
});
