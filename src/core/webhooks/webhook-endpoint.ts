import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { WebhookEndpointsTable } from '../../db/tables/webhooks.ts';
import { AppError, type FieldError } from '../errors.ts';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.ts';

export interface WebhookEndpoint {
  id: number;
  url: string;
  description: string;
  event_types: string[];
  status: 'active' | 'inactive';
  /** Until when the previous secret still signs after a rotation (null: only one secret). */
  previous_secret_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookEndpointInput {
  url?: string;
  description?: string;
  event_types?: string[];
  status?: 'active' | 'inactive';
}

export const toWebhookEndpoint = (row: Selectable<WebhookEndpointsTable>): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  event_types: row.event_types,
  status: row.status,
  previous_secret_until:
    row.previous_secret_until && row.previous_secret_until > new Date()
      ? row.previous_secret_until.toISOString()
      : null,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

/** Every problem of the input at once: an http(s) URL, known event types (at least one). */
export function endpointProblems(input: WebhookEndpointInput): FieldError[] {
  const problems: FieldError[] = [];
  if (input.url !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(input.url);
    } catch {}
    if (!url || !['http:', 'https:'].includes(url.protocol))
      problems.push({ path: 'url', message: 'must be an http:// or https:// URL' });
  }
  if (input.event_types !== undefined) {
    if (input.event_types.length === 0)
      problems.push({ path: 'event_types', message: 'must list at least one event type' });
    input.event_types.forEach((type, i) => {
      if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type))
        problems.push({
          path: `event_types/${i}`,
          message: `"${type}" is not an event type: one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
        });
    });
  }
  return problems;
}

/** The endpoint (not deleted), or a 404. */
export async function findEndpoint(db: Db, id: number, lock = false) {
  let query = db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`webhook endpoint ${id}`);
  return row;
}
