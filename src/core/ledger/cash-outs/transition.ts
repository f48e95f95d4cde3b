// @internal: the one path of a cash-out's status changes
import type { Db } from '../../../db/index.ts';
import type { CashOutStatus, LedgerAccountKind } from '../../../db/tables/ledger.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueWebhookEvent } from '../../webhooks/queue-webhook-event.ts';
import { postEntry } from '../post-entry.ts';
import { queueCashOutEmail } from './cash-out-email.ts';
import { type CashOutView, loadCashOut } from './cash-out-view.ts';

export interface Step {
  /** The entry's step and the event's verb. */
  step: 'accepted' | 'cancelled' | 'refunded';
  from: CashOutStatus;
  to: CashOutStatus;
  /** Money moves from this account to `credit`. */
  debit: LedgerAccountKind;
  credit: LedgerAccountKind;
  event: string;
}

export const STEPS = {
  accept: {
    step: 'accepted',
    from: 'pending',
    to: 'success',
    debit: 'reserved',
    credit: 'payouts_clearing',
    event: 'cashout_accepted',
  },
  cancel: {
    step: 'cancelled',
    from: 'pending',
    to: 'cancelled',
    debit: 'reserved',
    credit: 'available',
    event: 'cashout_cancelled',
  },
  refund: {
    step: 'refunded',
    from: 'success',
    to: 'refund',
    debit: 'payouts_clearing',
    credit: 'available',
    event: 'refund_made',
  },
} as const satisfies Record<string, Step>;

const operatorKinds = new Set<string>(['payouts_clearing']);

/**
 * Locks the cash-out, refuses a change its status does not allow (409 naming the status), moves
 * the money by one ledger entry, and appends the change and the affiliate's event.
 */
export async function transition(options: {
  db: Db;
  actor: Actor;
  id: number;
  step: Step;
  /** Only this affiliate's cash-out (the partner API): another's is not found. */
  affiliateId?: number;
  /** A limited manager's: only cash-outs of their affiliates. */
  managerId?: number;
  reason?: string | null;
  paymentReference?: string | null;
  /** Emails the affiliate about the change (a job in the same transaction). */
  jobs?: JobQueue;
}): Promise<CashOutView> {
  const { step } = options;
  return inTransaction(options.db, async (trx) => {
    let q = trx.selectFrom('cash_outs').selectAll().where('id', '=', BigInt(options.id));
    if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
    if (options.managerId !== undefined)
      q = q.where('affiliate_id', 'in', managedAffiliateIds(trx, options.managerId));
    const row = await q.forUpdate().executeTakeFirst();
    if (!row) throw AppError.notFound('cash-out');
    if (row.status !== step.from) {
      throw new AppError(
        'invalid_state',
        `the cash-out is ${row.status}: only a ${step.from} cash-out can be ${step.step}`,
        { status: row.status },
      );
    }
    if (step.step === 'cancelled' && row.payout_batch_id !== null) {
      throw new AppError(
        'invalid_state',
        `the cash-out is in payout batch ${row.payout_batch_id}: take it out of the batch before cancelling it`,
        { status: row.status, payout_batch_id: row.payout_batch_id },
      );
    }
    const account = (kind: LedgerAccountKind) =>
      operatorKinds.has(kind)
        ? { kind, currency: row.currency }
        : { kind, currency: row.currency, affiliateId: row.affiliate_id };
    const reason = options.reason?.trim() || null;
    const { entry } = await postEntry({
      db: trx,
      actor: options.actor,
      cause: 'cash_out',
      step: step.step,
      reference: `cash_out:${row.id}:${step.step}`,
      causeReference: `cash_out:${row.id}`,
      affiliateId: row.affiliate_id,
      memo: `Cash-out ${row.id} ${step.step}${reason ? `: ${reason}` : ''}`,
      postings: [
        { account: account(step.debit), amount: -row.amount },
        { account: account(step.credit), amount: row.amount },
      ],
    });
    const now = new Date();
    await trx
      .updateTable('cash_outs')
      .set({
        status: step.to,
        updated_at: now,
        ...(step.to === 'success' ? { payment_reference: options.paymentReference ?? null } : {}),
        ...(step.to !== 'refund' ? { finished_at: now } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('cash_out_changes')
      .values({
        cash_out_id: row.id,
        from_status: step.from,
        to_status: step.to,
        reason,
        entry_id: BigInt(entry.id),
        ...actorColumns(options.actor),
        actor_name: options.actor.name.slice(0, 200),
        created_at: now,
      })
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: step.event,
      actor: options.actor,
      data: {
        cash_out_id: Number(row.id),
        currency: row.currency,
        amount: row.amount.toString(),
        method: row.method,
        ...(reason ? { reason } : {}),
        ...(options.paymentReference ? { payment_reference: options.paymentReference } : {}),
      },
    });
    await queueWebhookEvent({
      db: trx,
      type: 'cash_out.changed',
      payload: {
        id: row.id,
        affiliate_id: row.affiliate_id,
        from_status: step.from,
        status: step.to,
        currency: row.currency,
        amount: row.amount,
        method: row.method,
        reason,
        payment_reference: step.to === 'success' ? (options.paymentReference ?? null) : row.payment_reference,
      },
    });
    await queueCashOutEmail(options.jobs, trx, {
      affiliateId: row.affiliate_id,
      cashOutId: Number(row.id),
      status: step.to,
      amount: row.amount,
      currency: row.currency,
      method: row.method,
      reference: options.paymentReference ?? null,
      reason,
    });
    return loadCashOut(trx, Number(row.id));
  });
}
