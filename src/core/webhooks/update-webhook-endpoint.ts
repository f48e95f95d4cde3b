import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import {
  endpointProblems,
  findEndpoint,
  toWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEndpointInput,
} from './webhook-endpoint.ts';

/** Changes an endpoint's URL, description, event types or status (inactive: nothing new is queued). */
export async function updateWebhookEndpoint(options: {
  db: Db;
  id: number;
  input: WebhookEndpointInput;
}): Promise<WebhookEndpoint> {
  const { input } = options;
  return inTransaction(options.db, async (trx) => {
    await findEndpoint(trx, options.id, true);
    const problems = endpointProblems(input);
    if (problems.length) throw AppError.validation(problems);
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.event_types !== undefined ? { event_types: [...new Set(input.event_types)] } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', options.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWebhookEndpoint(row);
  });
}
