import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { CashOutView } from './cash-out-view.ts';
import { STEPS, transition } from './transition.ts';

/** The operator has paid a pending cash-out: reserved to payouts clearing, with the payment's reference. */
export function acceptCashOut(options: {
  db: Db;
  actor: Actor;
  id: number;
  managerId?: number;
  jobs?: JobQueue;
  paymentReference: string;
}): Promise<CashOutView> {
  const reference = options.paymentReference.trim();
  if (!reference) throw AppError.field('payment_reference', 'is required: the reference of the payment made');
  if (reference.length > 200) throw AppError.field('payment_reference', 'must be at most 200 characters');
  return transition({ ...options, step: STEPS.accept, paymentReference: reference });
}
