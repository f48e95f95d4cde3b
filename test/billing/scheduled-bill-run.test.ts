/**
 * The scheduled bill run as the queue runs it: the `bills.run` job bills, for each affiliate with
 * automatic invoices, the period of its schedule that is due today; manual schedules and
 * affiliates without automatic invoices wait for an operator; a second run bills nothing twice.
 * Amounts in cents of EUR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duePeriod } from '../../src/core/billing/billing-periods.ts';
import { approvedPartner, type IdentityTestApp } from '../identity/helpers.ts';
import { billingApp, billsOf, brandWith, CPA_PLAN, cpa, setBilling } from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await billingApp();
}, 300_000);
afterAll(() => t.close());

const MONTHLY = { frequency: 'monthly', details: { day_of_month: 1 }, auto_invoice_start_date: '2024-01-01' };

describe('the scheduled bill run', () => {
  it('bills each automatic schedule its due period, leaves the others, and never bills twice', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Monthly on the 1st with no delay: the last whole month before today.
    const period = duePeriod({ frequency: 'monthly', day_of_month: 1 }, today, 0)!;
    const { brandId } = await brandWith(t, CPA_PLAN);
    const auto = await approvedPartner(t, 'sched-auto');
    const manual = await approvedPartner(t, 'sched-manual');
    const off = await approvedPartner(t, 'sched-off');
    await setBilling(t, auto.affiliateId, { ...MONTHLY, auto_invoice: true });
    await setBilling(t, manual.affiliateId, {
      frequency: 'manual',
      auto_invoice: true,
      auto_invoice_start_date: '2024-01-01',
    });
    await setBilling(t, off.affiliateId, { ...MONTHLY, auto_invoice: false });
    for (const p of [auto, manual, off]) {
      await cpa(t, brandId, p.affiliateId, period.start);
      await cpa(t, brandId, p.affiliateId, period.end);
    }
    // Earned today: after the period, in no bill yet (at the day's start: later hours of today
    // may still be in the future, which events refuse).
    await cpa(t, brandId, auto.affiliateId, today, true);

    await t.jobs.enqueue(t.db, { name: 'bills.run', data: {} });
    expect(await t.jobs.runUntilIdle()).toBeGreaterThanOrEqual(1);

    const bills = await billsOf(t, auto.affiliateId);
    // Two CPAs of 3000 in the period: 3000 + 3000 = 6000; today's CPA is not in it.
    expect(bills).toMatchObject([
      {
        period_start: period.start,
        period_end: period.end,
        currency: 'EUR',
        issued_amount: 6000,
        lines_count: 2,
      },
    ]);
    expect(bills).toHaveLength(1);
    expect(await billsOf(t, manual.affiliateId)).toEqual([]);
    expect(await billsOf(t, off.affiliateId)).toEqual([]);

    // The next morning's run (or a retry) finds the period billed.
    await t.jobs.enqueue(t.db, { name: 'bills.run', data: {} });
    await t.jobs.runUntilIdle();
    expect((await billsOf(t, auto.affiliateId)).map((b) => b.id)).toEqual(bills.map((b) => b.id));
  });
});
