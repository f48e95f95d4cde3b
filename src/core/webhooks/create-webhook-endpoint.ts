import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { newWebhookSecret } from './sign-webhook.ts';
import { endpointProblems, toWebhookEndpoint, type WebhookEndpoint } from './webhook-endpoint.ts';

/** An operator's endpoint, with its signing secret (answered here and on rotation only). */
export async function createWebhookEndpoint(options: {
  db: Db;
  input: { url: string; event_types: string[]; description?: string; status?: 'active' | 'inactive' };
}): Promise<WebhookEndpoint & { secret: string }> {
  const { input } = options;
  const problems = endpointProblems(input);
  if (problems.length) throw AppError.validation(problems);
  const row = await options.db
    .insertInto('webhook_endpoints')
    .values({
      url: input.url,
      description: input.description ?? '',
      event_types: [...new Set(input.event_types)],
      status: input.status ?? 'active',
      secret: newWebhookSecret(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toWebhookEndpoint(row), secret: row.secret };
}
