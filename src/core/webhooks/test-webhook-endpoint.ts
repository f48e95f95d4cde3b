import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import type { DeliverSettings } from '../postbacks/deliver-postbacks.ts';
import { deliverWebhooks } from './deliver-webhooks.ts';
import { listWebhookLog, type WebhookAttempt } from './list-webhook-log.ts';
import { newMessageId, webhookJson } from './queue-webhook-event.ts';
import { findEndpoint } from './webhook-endpoint.ts';

/**
 * Sends an endpoint a signed `webhook.test` message now and answers the attempt as logged
 * (marked `test`, tried once, whatever the endpoint's status).
 */
export async function testWebhookEndpoint(options: {
  db: Db;
  settings: DeliverSettings;
  id: number;
}): Promise<WebhookAttempt> {
  const endpoint = await findEndpoint(options.db, options.id);
  const now = new Date();
  const row = await options.db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: endpoint.id,
      message_id: newMessageId(),
      event_type: 'webhook.test',
      payload: webhookJson({
        type: 'webhook.test',
        timestamp: now.toISOString(),
        data: { endpoint_id: endpoint.id, message: 'A test message from Affluent' },
      }),
      test: true,
      next_attempt_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await deliverWebhooks({ db: options.db, settings: options.settings, ids: [id] });
  const { data } = await listWebhookLog({ db: options.db, filter: { delivery_id: id }, limit: 1, offset: 0 });
  if (!data[0]) throw new AppError('internal_error', 'the test attempt was not recorded');
  return data[0];
}
