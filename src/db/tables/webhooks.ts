import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './foundation.ts';

type Int8 = ColumnType<bigint, bigint | number | string, bigint | number | string>;

/** The operator's webhook endpoint (migration 0031). */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  description: Generated<string>;
  event_types: string[];
  status: Generated<'active' | 'inactive'>;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  deleted_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  id: Generated<bigint>;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  payload: string;
  test: Generated<boolean>;
  state: Generated<'pending' | 'sending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  claimed_until: Date | null;
  last_status: number | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

/** Append-only: every attempt of a webhook delivery. */
export interface WebhookAttemptsTable {
  id: Generated<bigint>;
  delivery_id: Int8;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  test: Generated<boolean>;
  attempted_at: ColumnType<Date, Date | string, never>;
  url: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'failed';
  response_code: number | null;
  response_ms: number | null;
  response_body: string | null;
  error: string | null;
  next_retry_at: ColumnType<Date | null, Date | string | null, never>;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}
