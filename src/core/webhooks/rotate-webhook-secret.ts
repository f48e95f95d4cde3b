import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { newWebhookSecret } from './sign-webhook.ts';
import { findEndpoint, toWebhookEndpoint, type WebhookEndpoint } from './webhook-endpoint.ts';

export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 24 * 7;

/**
 * A new signing secret. The one it replaces still signs (a second `v1,` signature) for
 * `graceHours` (24 by default, 0 to stop at once), so receivers can switch without losing a
 * message. A secret rotated out earlier stops at once.
 */
export async function rotateWebhookSecret(options: {
  db: Db;
  id: number;
  graceHours?: number;
  now?: Date;
}): Promise<WebhookEndpoint & { secret: string }> {
  const grace = options.graceHours ?? DEFAULT_GRACE_HOURS;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_HOURS)
    throw AppError.field('grace_hours', `must be a whole number of hours from 0 to ${MAX_GRACE_HOURS}`);
  const now = options.now ?? new Date();
  return inTransaction(options.db, async (trx) => {
    const current = await findEndpoint(trx, options.id, true);
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({
        secret: newWebhookSecret(),
        previous_secret: grace > 0 ? current.secret : null,
        previous_secret_until: grace > 0 ? new Date(now.getTime() + grace * 3_600_000) : null,
        updated_at: now,
      })
      .where('id', '=', options.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...toWebhookEndpoint(row), secret: row.secret };
  });
}
