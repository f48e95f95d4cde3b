import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event.ts';
import { queueBillApprovedEmail } from './bill-email.ts';
import { lockBill, moveCommissions, recordBillChange } from './bill-transition.ts';
import { type BillDetail, type BillScope, loadBill } from './bill-view.ts';

/**
 * Approves a pending or held bill, in one transaction: the amount to pay credits the affiliate's
 * available balance from the brand's commission expense (`postEntry`, cause `bill`, reference
 * `bill:<id>:approved`, so it is never credited twice), its commissions become billed, the
 * affiliate's events log says `bill_approved`, the email to the affiliate and the operator's
 * `bill.approved` webhooks are enqueued. A bill
 * whose commissions changed since it was issued (one rejected or reversed) must be regenerated
 * first: 409.
 */
export async function approveBill(options: {
  db: Db;
  actor: Actor;
  jobs: JobQueue;
  id: number;
  scope?: BillScope;
}): Promise<BillDetail> {
  const scope = options.scope ?? {};
  await inTransaction(options.db, async (trx) => {
    const bill = await lockBill(trx, options.id, scope, ['pending'], 'approved');
    const changed = await trx
      .selectFrom('bill_lines as l')
      .innerJoin('commissions as c', 'c.id', 'l.commission_id')
      .select(['c.id', 'c.status'])
      .where('l.bill_id', '=', bill.id)
      .where('c.status', '<>', 'approved')
      .orderBy('c.id')
      .execute();
    if (changed.length)
      throw new AppError(
        'invalid_state',
        'commissions of this bill are no longer approved: regenerate the bill (run its period again) before approving it',
        { commissions: changed.map((c) => ({ id: Number(c.id), status: c.status })) },
      );
    const now = new Date();
    let entryId: bigint | null = null;
    if (bill.amount_to_pay > 0n) {
      const posted = await postEntry({
        db: trx,
        actor: options.actor,
        cause: 'bill',
        reference: `bill:${bill.id}:approved`,
        affiliateId: bill.affiliate_id,
        causeReference: `bill:${bill.id}`,
        step: 'approved',
        memo: `Bill ${bill.id}, ${bill.period_start} to ${bill.period_end}`,
        postings: [
          {
            account: { kind: 'available', affiliateId: bill.affiliate_id, currency: bill.currency },
            amount: bill.amount_to_pay,
          },
          {
            account: { kind: 'commission_expense', brandId: bill.brand_id, currency: bill.currency },
            amount: -bill.amount_to_pay,
          },
        ],
      });
      entryId = BigInt(posted.entry.id);
    }
    await trx
      .updateTable('bills')
      .set({ status: 'approved', approved_at: now, updated_at: now, ledger_entry_id: entryId })
      .where('id', '=', bill.id)
      .execute();
    await moveCommissions(trx, bill.id, 'approved', 'billed', options.actor, now);
    await recordBillChange(trx, {
      billId: bill.id,
      action: 'approved',
      from: bill.status,
      to: 'approved',
      issuedAmount: bill.issued_amount,
      reason: null,
      actor: options.actor,
      now,
    });
    await recordAffiliateEvent(trx, {
      affiliateId: bill.affiliate_id,
      type: 'bill_approved',
      actor: options.actor,
      data: {
        bill_id: Number(bill.id),
        currency: bill.currency,
        amount: bill.amount_to_pay.toString(),
        entry_id: entryId === null ? null : Number(entryId),
      },
    });
    await queueBillApprovedEmail(options.jobs, trx, bill);
    await queueWebhookEvent({
      db: trx,
      type: 'bill.approved',
      jobs: options.jobs,
      payload: {
        bill_id: bill.id,
        affiliate_id: bill.affiliate_id,
        brand_id: bill.brand_id,
        plan_id: bill.plan_id,
        currency: bill.currency,
        period_start: bill.period_start,
        period_end: bill.period_end,
        issued_amount: bill.issued_amount,
        amount_to_pay: bill.amount_to_pay,
        ledger_entry_id: entryId,
      },
    });
  });
  return loadBill(options.db, options.id, scope);
}
