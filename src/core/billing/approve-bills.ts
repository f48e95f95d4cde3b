import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { approveBill } from './approve-bill.ts';
import type { BillScope } from './bill-view.ts';

export interface BulkOutcome {
  id: number;
  status: 'approved' | 'refused';
  error?: { code: string; message: string };
}

/**
 * Approves several bills, each in its own transaction (in id order), so one that cannot be
 * approved (already approved, commissions changed, another manager's) refuses alone and says why.
 */
export async function approveBills(options: {
  db: Db;
  actor: Actor;
  jobs: JobQueue;
  ids: number[];
  scope?: BillScope;
}): Promise<BulkOutcome[]> {
  const ids = [...new Set(options.ids)].sort((a, b) => a - b);
  if (!ids.length) throw AppError.field('ids', 'must name at least one bill');
  const out: BulkOutcome[] = [];
  for (const id of ids) {
    try {
      await approveBill({ ...options, id });
      out.push({ id, status: 'approved' });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out.push({ id, status: 'refused', error: { code: error.code, message: error.message } });
    }
  }
  return out;
}
