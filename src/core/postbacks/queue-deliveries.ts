// @internal: only core/postbacks imports this file.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { afterCommit } from '../../db/transaction.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { DELIVER_JOB, IDS_PER_JOB } from './job-names.ts';

/**
 * One deliver job per IDS_PER_JOB new deliveries, written in the caller's transaction (the
 * deliveries and their jobs commit together, or neither). Without a queue (a command-line run)
 * the rows alone are enough: the minutely sweep sends whatever is due. Once committed, as many
 * of this process's idle workers as there are jobs are woken, so the first attempts do not wait
 * for a poll and several workers share a large batch.
 */
export async function queueDeliveries(
  trx: Transaction<DB>,
  jobs: JobQueue | undefined,
  ids: number[],
): Promise<void> {
  if (!jobs || ids.length === 0) return;
  let count = 0;
  for (let i = 0; i < ids.length; i += IDS_PER_JOB, count++)
    await jobs.enqueue(trx, { name: DELIVER_JOB, data: { ids: ids.slice(i, i + IDS_PER_JOB) } });
  await afterCommit(trx, () => jobs.wake(DELIVER_JOB, count));
}
