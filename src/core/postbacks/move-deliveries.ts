// A delivery's state after an attempt, the same for postbacks and the operator's webhooks.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AttemptOutcome {
  delivery_id: number | string | bigint;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'failed';
  response_code: number | null;
  attempted_at: string;
  next_retry_at: string | null;
}

/**
 * Moves each attempted delivery on in one statement: pending again with its next attempt's time
 * on a retry, else delivered or failed; the claim is released either way.
 */
export async function moveDeliveries(
  trx: Transaction<DB>,
  table: 'postback_deliveries' | 'webhook_deliveries',
  attempts: AttemptOutcome[],
): Promise<void> {
  if (!attempts.length) return;
  const moves = attempts.map((a) => ({
    id: String(a.delivery_id),
    state: a.outcome === 'retry' ? 'pending' : a.outcome,
    attempts: a.attempt,
    next_attempt_at: a.next_retry_at,
    last_status: a.response_code,
    finished_at: a.outcome === 'retry' ? null : a.attempted_at,
  }));
  await sql`update ${sql.table(table)} d set state = x.state, attempts = x.attempts,
      next_attempt_at = x.next_attempt_at, last_status = x.last_status, finished_at = x.finished_at,
      claimed_until = null
    from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb)
      as x(id bigint, state text, attempts integer, next_attempt_at timestamptz, last_status integer, finished_at timestamptz)
    where d.id = x.id`.execute(trx);
}
