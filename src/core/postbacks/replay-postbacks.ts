import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import type { Scope } from '../catalog/types.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { findDefinition } from './postback-access.ts';
import { queueDeliveries } from './queue-deliveries.ts';

/** At most this many failed deliveries replayed by one call. */
export const REPLAY_LIMIT = 10_000;

/**
 * Sends failed deliveries again, once each, with the URL they were made with: one delivery
 * (`deliveryId`), or every failure of a definition whose delivery was made in [from, to). Each
 * gets a new attempt in the log, numbered after its last. Answers how many were queued.
 */
export async function replayPostbacks(options: {
  db: Db;
  jobs: JobQueue;
  deliveryId?: number;
  definitionId?: number;
  from?: Date;
  to?: Date;
  scope?: Scope;
}): Promise<{ queued: number }> {
  const scope = options.scope ?? {};
  return inTransaction(options.db, async (trx) => {
    const now = new Date();
    let query = trx
      .updateTable('postback_deliveries')
      .set({ state: 'pending', next_attempt_at: now, finished_at: null })
      .where('state', '=', 'failed')
      .where('test', '=', false);
    if (scope.affiliateId !== undefined) query = query.where('affiliate_id', '=', scope.affiliateId);
    if (scope.managerId !== undefined)
      query = query.where('affiliate_id', 'in', managedAffiliateIds(trx, scope.managerId));
    if (options.deliveryId !== undefined) {
      const found = await trx
        .selectFrom('postback_deliveries')
        .select(['id', 'state', 'affiliate_id', 'test'])
        .where('id', '=', String(options.deliveryId) as never)
        .executeTakeFirst();
      const reachable =
        found &&
        (scope.affiliateId === undefined || found.affiliate_id === scope.affiliateId) &&
        (scope.managerId === undefined ||
          (await managedAffiliateIds(trx, scope.managerId)
            .where('affiliates.id', '=', found.affiliate_id)
            .executeTakeFirst()));
      if (!found || !reachable) throw AppError.notFound(`delivery ${options.deliveryId}`);
      if (found.state !== 'failed' || found.test)
        throw new AppError(
          'invalid_state',
          `delivery ${options.deliveryId} is ${found.test ? 'a test' : found.state}: only a failed delivery is replayed`,
        );
      query = query.where('id', '=', String(options.deliveryId) as never);
    } else {
      if (options.definitionId === undefined)
        throw AppError.field('definition_id', 'is required without a delivery id');
      await findDefinition(trx, options.definitionId, scope);
      query = query.where('definition_id', '=', options.definitionId);
      if (options.from) query = query.where('created_at', '>=', options.from);
      if (options.to) query = query.where('created_at', '<', options.to);
      query = query.where(
        'id',
        'in',
        sql<bigint>`(select id from postback_deliveries where definition_id = ${options.definitionId} and state = 'failed' order by id limit ${REPLAY_LIMIT})`,
      );
    }
    const rows = await query.returning('id').execute();
    const ids = rows.map((r) => Number(r.id));
    await queueDeliveries(trx, options.jobs, ids);
    return { queued: ids.length };
  });
}
