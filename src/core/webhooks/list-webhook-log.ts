import type { Db } from '../../db/index.ts';

export interface WebhookLogFilter {
  endpoint_id?: number;
  delivery_id?: number;
  message_id?: string;
  event_type?: string;
  outcome?: 'delivered' | 'retry' | 'failed';
  response_code?: number;
  from?: Date;
  to?: Date;
}

export interface WebhookAttempt {
  id: number;
  delivery_id: number;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  test: boolean;
  attempted_at: string;
  url: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'failed';
  response_code: number | null;
  response_ms: number | null;
  response_body: string | null;
  error: string | null;
  next_retry_at: string | null;
}

/** Every attempt to the operator's endpoints, newest first, filtered. */
export async function listWebhookLog(options: {
  db: Db;
  filter: WebhookLogFilter;
  limit: number;
  offset: number;
}): Promise<{ data: WebhookAttempt[]; total: number }> {
  const f = options.filter;
  let query = options.db.selectFrom('webhook_attempts');
  if (f.endpoint_id !== undefined) query = query.where('endpoint_id', '=', f.endpoint_id);
  if (f.delivery_id !== undefined) query = query.where('delivery_id', '=', BigInt(f.delivery_id));
  if (f.message_id !== undefined) query = query.where('message_id', '=', f.message_id);
  if (f.event_type !== undefined) query = query.where('event_type', '=', f.event_type);
  if (f.outcome !== undefined) query = query.where('outcome', '=', f.outcome);
  if (f.response_code !== undefined) query = query.where('response_code', '=', f.response_code);
  if (f.from !== undefined) query = query.where('attempted_at', '>=', f.from);
  if (f.to !== undefined) query = query.where('attempted_at', '<', f.to);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    data: rows.map((r) => ({
      ...r,
      id: Number(r.id),
      delivery_id: Number(r.delivery_id),
      attempted_at: r.attempted_at.toISOString(),
      next_retry_at: r.next_retry_at?.toISOString() ?? null,
    })),
  };
}
