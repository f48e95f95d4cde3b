import type { Db } from '../../db/index.ts';
import { findEndpoint, toWebhookEndpoint, type WebhookEndpoint } from './webhook-endpoint.ts';

/** The operator's endpoints, newest first. */
export async function listWebhookEndpoints(options: {
  db: Db;
  limit: number;
  offset: number;
}): Promise<{ data: WebhookEndpoint[]; total: number }> {
  const base = options.db.selectFrom('webhook_endpoints').where('deleted_at', 'is', null);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toWebhookEndpoint), total: Number(count.n) };
}

export async function getWebhookEndpoint(options: { db: Db; id: number }): Promise<WebhookEndpoint> {
  return toWebhookEndpoint(await findEndpoint(options.db, options.id));
}
