import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { afterCommit, inTransaction } from '../../db/transaction.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_IDS_PER_JOB, type WebhookEventType } from './webhook-events.ts';

/** JSON for a payload: bigints (money in minor units, ids) as decimal strings, dates as ISO. */
export const webhookJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Queues one platform event for every active endpoint subscribed to its type: call it in the
 * transaction of the change (outbox), so the event is sent exactly when the change committed.
 * The body is Standard Webhooks' `{ type, timestamp, data }`, the same message id for every
 * endpoint. With `jobs` the deliveries are sent at once; without, the minutely sweep sends them.
 * Answers how many deliveries were made (0 when no endpoint listens: one indexed read).
 */
export async function queueWebhookEvent(options: {
  db: Db;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  jobs?: JobQueue;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const messageId = `msg_${randomUUID().replaceAll('-', '')}`;
  const body = webhookJson({ type: options.type, timestamp: now.toISOString(), data: options.payload });
  return inTransaction(options.db, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      insert into webhook_deliveries (endpoint_id, message_id, event_type, payload, next_attempt_at)
      select id, ${messageId}, ${options.type}, ${body}, ${now} from webhook_endpoints
      where status = 'active' and deleted_at is null and ${options.type} = any(event_types)
      returning id`.execute(trx);
    const ids = rows.map((r) => Number(r.id));
    const jobs = options.jobs;
    if (jobs && ids.length) {
      for (let i = 0; i < ids.length; i += WEBHOOK_IDS_PER_JOB)
        await jobs.enqueue(trx, {
          name: WEBHOOK_DELIVER_JOB,
          data: { ids: ids.slice(i, i + WEBHOOK_IDS_PER_JOB) },
        });
      await afterCommit(trx, () => jobs.wake(WEBHOOK_DELIVER_JOB));
    }
    return ids.length;
  });
}
