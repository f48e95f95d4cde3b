import type { Db } from '../../db/index.ts';
import { afterCommit, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { REPLAY_LIMIT } from '../postbacks/replay-postbacks.ts';
import { findEndpoint } from './webhook-endpoint.ts';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_IDS_PER_JOB } from './webhook-events.ts';

/**
 * Sends failed webhook deliveries again, once each, with their message id and body (a new
 * timestamp and signature): one delivery, or every failure of an endpoint made in [from, to).
 * Each gets a new attempt in the log, numbered after its last. Answers how many were queued.
 */
export async function replayWebhooks(options: {
  db: Db;
  jobs: JobQueue;
  deliveryId?: number;
  endpointId?: number;
  from?: Date;
  to?: Date;
}): Promise<{ queued: number }> {
  return inTransaction(options.db, async (trx) => {
    let query = trx
      .updateTable('webhook_deliveries')
      .set({ state: 'pending', next_attempt_at: new Date(), finished_at: null })
      .where('state', '=', 'failed')
      .where('test', '=', false);
    if (options.deliveryId !== undefined) {
      const found = await trx
        .selectFrom('webhook_deliveries')
        .select(['state', 'test'])
        .where('id', '=', String(options.deliveryId) as never)
        .executeTakeFirst();
      if (!found) throw AppError.notFound(`webhook delivery ${options.deliveryId}`);
      if (found.state !== 'failed' || found.test)
        throw new AppError(
          'invalid_state',
          `webhook delivery ${options.deliveryId} is ${found.test ? 'a test' : found.state}: only a failed delivery is replayed`,
        );
      query = query.where('id', '=', String(options.deliveryId) as never);
    } else {
      if (options.endpointId === undefined)
        throw AppError.field('endpoint_id', 'is required without a delivery id');
      await findEndpoint(trx, options.endpointId);
      const failed = trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('endpoint_id', '=', options.endpointId)
        .where('state', '=', 'failed')
        .where('test', '=', false)
        .$if(options.from !== undefined, (q) => q.where('created_at', '>=', options.from as Date))
        .$if(options.to !== undefined, (q) => q.where('created_at', '<', options.to as Date))
        .orderBy('id')
        .limit(REPLAY_LIMIT);
      query = query.where('id', 'in', failed);
    }
    const ids = (await query.returning('id').execute()).map((r) => Number(r.id));
    for (let i = 0; i < ids.length; i += WEBHOOK_IDS_PER_JOB)
      await options.jobs.enqueue(trx, {
        name: WEBHOOK_DELIVER_JOB,
        data: { ids: ids.slice(i, i + WEBHOOK_IDS_PER_JOB) },
      });
    if (ids.length) await afterCommit(trx, () => options.jobs.wake(WEBHOOK_DELIVER_JOB));
    return { queued: ids.length };
  });
}
