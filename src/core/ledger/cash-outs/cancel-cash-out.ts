import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { CashOutView } from './cash-out-view.ts';
import { STEPS, transition } from './transition.ts';

/**
 * Cancels a pending cash-out, by the affiliate (`affiliateId`: its own only) or the operator: the
 * reserved funds go back to the available balance.
 */
export function cancelCashOut(options: {
  db: Db;
  actor: Actor;
  id: number;
  managerId?: number;
  jobs?: JobQueue;
  affiliateId?: number;
  reason?: string | null;
}): Promise<CashOutView> {
  if ((options.reason ?? '').length > 500) throw AppError.field('reason', 'must be at most 500 characters');
  return transition({ ...options, step: STEPS.cancel });
}
