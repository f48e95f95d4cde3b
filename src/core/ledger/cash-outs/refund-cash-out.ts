import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { CashOutView } from './cash-out-view.ts';
import { STEPS, transition } from './transition.ts';

/** A paid cash-out came back (the payment bounced or was returned): its amount is available again. */
export function refundCashOut(options: {
  db: Db;
  actor: Actor;
  id: number;
  managerId?: number;
  jobs?: JobQueue;
  reason?: string | null;
}): Promise<CashOutView> {
  if ((options.reason ?? '').length > 500) throw AppError.field('reason', 'must be at most 500 characters');
  return transition({ ...options, step: STEPS.refund });
}
