// @internal: only core/postbacks imports this file.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { afterCommit } from '../../db/transaction.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { DELIVER_JOB, MAX_IDS_PER_JOB } from './job-names.ts';

/**
 * One deliver job per chunk of new deliveries, written in the caller's transaction (the
 * deliveries and their job commit together, or neither). Without a queue (a command-line run)
 * the rows alone are enough: the minutely sweep sends whatever is due. Once committed, this
 * process's workers are woken so the first attempt does not wait for a poll.
 */
export async function queueDeliveries(
  trx: Transaction<DB>,
  jobs: JobQueue | undefined,
  ids: number[],
): Promise<void> {
  if (!jobs || ids.length === 0) return;
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_JOB)
    await jobs.enqueue(trx, { name: DELIVER_JOB, data: { ids: ids.slice(i, i + MAX_IDS_PER_JOB) } });
  await afterCommit(trx, () => jobs.wake(DELIVER_JOB));
}
