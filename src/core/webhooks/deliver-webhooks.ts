import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { WebhookDeliveriesTable } from '../../db/tables/webhooks.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { CLAIM_SECONDS, type DeliverSettings, nextStep } from '../postbacks/deliver-postbacks.ts';
import { affiliateLimiter } from '../postbacks/limiter.ts';
import { moveDeliveries } from '../postbacks/move-deliveries.ts';
import { sendRequest } from '../postbacks/send-request.ts';
import { webhookHeaders } from './sign-webhook.ts';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_IDS_PER_JOB } from './webhook-events.ts';

type Delivery = Selectable<WebhookDeliveriesTable>;

/**
 * Sends the operator's webhook deliveries that are due (those of `ids`, or any), with the
 * postbacks' sender, retry schedule and claims: each is claimed, signed with the endpoint's
 * secrets at this attempt's time, POSTed once, and its attempt appended to the log with the
 * delivery's new state. At least once: a process killed after sending and before recording
 * leaves the claim to run out, and the delivery (same webhook-id) is sent again.
 */
export async function deliverWebhooks(options: {
  db: Db;
  jobs?: JobQueue;
  settings: DeliverSettings;
  ids?: number[];
  limit?: number;
}): Promise<{ attempted: number; delivered: number }> {
  const { db, settings, ids } = options;
  if (ids && ids.length === 0) return { attempted: 0, delivered: 0 };
  const now = new Date();
  const { rows: claimed } = await sql<Delivery>`
    update webhook_deliveries set state = 'sending', claimed_until = ${new Date(now.getTime() + CLAIM_SECONDS * 1000)}
    where id in (
      select id from webhook_deliveries
      where ${ids ? sql`id = any(${ids.map(String)}::bigint[])` : sql`true`}
        and ((state = 'pending' and next_attempt_at <= ${now}) or (state = 'sending' and claimed_until < ${now}))
      order by id limit ${options.limit ?? WEBHOOK_IDS_PER_JOB}
      for update skip locked)
    returning *`.execute(db);
  if (claimed.length === 0) return { attempted: 0, delivered: 0 };
  const endpoints = new Map(
    (
      await db
        .selectFrom('webhook_endpoints')
        .select(['id', 'url', 'secret', 'previous_secret', 'previous_secret_until'])
        .where('id', 'in', [...new Set(claimed.map((d) => d.endpoint_id))])
        .execute()
    ).map((e) => [e.id, e]),
  );
  const attempts = await Promise.all(
    claimed.map((d) => {
      const endpoint = endpoints.get(d.endpoint_id)!;
      // Each endpoint has its own slots (negative keys: apart from the affiliates').
      return affiliateLimiter.run(-d.endpoint_id, settings.affiliateConcurrency, async () => {
        const attemptedAt = new Date();
        const headers = webhookHeaders(endpoint, { id: d.message_id, payload: d.payload }, attemptedAt);
        const result = await sendRequest(
          { method: 'POST', url: endpoint.url, body: d.payload, headers },
          settings.allowPrivate,
        );
        const attempt = d.attempts + 1;
        const { outcome, next } = nextStep(attempt, d.test, result.ok, attemptedAt);
        return {
          delivery_id: String(d.id),
          endpoint_id: d.endpoint_id,
          message_id: d.message_id,
          event_type: d.event_type,
          test: d.test,
          attempted_at: attemptedAt.toISOString(),
          url: endpoint.url,
          attempt,
          outcome,
          response_code: result.status,
          response_ms: result.ms,
          response_body: result.body,
          error: result.error,
          next_retry_at: next?.toISOString() ?? null,
        };
      });
    }),
  );
  await inTransaction(db, async (trx) => {
    await trx.insertInto('webhook_attempts').values(attempts).execute();
    await moveDeliveries(trx, 'webhook_deliveries', attempts);
    // Each retry as a job due at its time; the minutely sweep catches any a crash left behind.
    for (const a of attempts)
      if (options.jobs && a.next_retry_at)
        await options.jobs.enqueue(trx, {
          name: WEBHOOK_DELIVER_JOB,
          data: { ids: [Number(a.delivery_id)] },
          startAfter: new Date(a.next_retry_at),
        });
  });
  return { attempted: attempts.length, delivered: attempts.filter((a) => a.outcome === 'delivered').length };
}
