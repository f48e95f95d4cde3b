import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { afterCommit, inTransaction } from '../../db/transaction.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_IDS_PER_JOB, type WebhookEventType } from './webhook-events.ts';

/** JSON for a payload: bigints (money in minor units, ids) as decimal strings, dates as ISO. */
export const webhookJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

export const newMessageId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * Queues one platform event for every active endpoint subscribed to its type: call it in the
 * transaction of the change (outbox), so the event is sent exactly when the change committed.
 * The body is Standard Webhooks' `{ type, timestamp, data }`, the same message id for every
 * endpoint. With `jobs` the deliveries are sent at once; without, the minutely sweep sends them.
 * Answers how many deliveries were made (0 when no endpoint listens, found by one read first).
 */
export function queueWebhookEvent(options: {
  db: Db;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  jobs?: JobQueue;
  now?: Date;
}): Promise<number> {
  return queueWebhookEvents({ ...options, payloads: [options.payload] });
}

/** Several events of one type (the engine's commissions of a batch) in one statement. */
export async function queueWebhookEvents(options: {
  db: Db;
  type: WebhookEventType;
  payloads: Record<string, unknown>[];
  jobs?: JobQueue;
  now?: Date;
}): Promise<number> {
  if (options.payloads.length === 0) return 0;
  // Most installations have no endpoint for most types: one indexed read spares the event
  // batch building and sending a message per commission or attribution for nobody.
  const listening = await sql`select 1 from webhook_endpoints
    where status = 'active' and deleted_at is null and ${options.type} = any(event_types) limit 1`.execute(
    options.db,
  );
  if (listening.rows.length === 0) return 0;
  const now = options.now ?? new Date();
  const messages = options.payloads.map((data) => ({
    message_id: newMessageId(),
    payload: webhookJson({ type: options.type, timestamp: now.toISOString(), data }),
  }));
  return inTransaction(options.db, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      insert into webhook_deliveries (endpoint_id, message_id, event_type, payload, next_attempt_at)
      select e.id, m.message_id, ${options.type}, m.payload, ${now}
      from webhook_endpoints e,
        jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as m(message_id text, payload text)
      where e.status = 'active' and e.deleted_at is null and ${options.type} = any(e.event_types)
      order by m.message_id, e.id
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
