import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import type { Scope } from '../catalog/types.ts';
import { AppError } from '../errors.ts';
import { type Postback, toPostback } from './postback.ts';
import { findDefinition } from './postback-access.ts';
import { checkPostback, type PostbackInput } from './postback-input.ts';

/**
 * Changes a definition: the fields given replace the stored ones and the whole is checked again.
 * Turning it active again clears an automatic disable and its count of failures. Deliveries
 * already made keep the URL they were made with.
 */
export async function updatePostback(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: Partial<PostbackInput>;
  scope?: Scope;
}): Promise<Postback> {
  const { input } = options;
  return inTransaction(options.db, async (trx) => {
    const row = await findDefinition(trx, options.id, options.scope ?? {}, true);
    const scopeChanged = input.scope !== undefined && input.scope !== row.scope;
    const merged: PostbackInput = {
      name: input.name ?? row.name,
      scope: input.scope ?? row.scope,
      campaign_id:
        input.campaign_id !== undefined ? input.campaign_id : scopeChanged ? null : row.campaign_id,
      promo_id: input.promo_id !== undefined ? input.promo_id : scopeChanged ? null : row.promo_id,
      trigger: input.trigger ?? row.trigger,
      plan_id: input.plan_id !== undefined ? input.plan_id : row.plan_id,
      delivery: input.delivery ?? row.delivery,
      status: input.status ?? row.status,
      url: input.url ?? row.url,
    };
    // A promo-scoped definition keeps its promo's campaign unless the caller names another.
    if (merged.scope === 'promo' && input.campaign_id === undefined) merged.campaign_id = null;
    const { state, problems } = await checkPostback(trx, row.affiliate_id, merged);
    if (problems.length) throw AppError.validation(problems);
    const reactivated = state.status === 'active' && row.status !== 'active';
    const updated = await trx
      .updateTable('postback_definitions')
      .set({
        ...state,
        updated_at: new Date(),
        ...(reactivated ? { consecutive_failures: 0, disabled_at: null, disabled_reason: null } : {}),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPostback(updated);
  });
}
