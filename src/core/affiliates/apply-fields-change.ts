import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { loadAffiliateState } from './load-states.ts';
import { prepareChange } from './prepare-change.ts';
import { createReferences } from './references.ts';
import { saveAffiliate } from './save-affiliate.ts';
import type { AffiliateFields, AffiliateState, AffiliateWrite } from './state.ts';

/**
 * Shared by replace, patch and the compatibility adapters: lock the affiliate, compute its next
 * fields, validate (422 with every bad field; 409 for a forbidden status move), save with history.
 */
export async function applyFieldsChange({
  db,
  id,
  action,
  compute,
  ...ctx
}: AffiliateWrite & {
  id: number;
  /** The history entry's action: replaced, updated, ... */
  action: string;
  compute: (before: AffiliateState, now: Date) => AffiliateFields;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await loadAffiliateState(trx, id, { forUpdate: true });
    if (!before) throw AppError.notFound('affiliate');
    const now = new Date();
    const change = await prepareChange(
      createReferences(trx, ctx.managerId),
      before,
      compute(before, now),
      ctx.actor,
      now,
    );
    if (change.errors.length > 0) throw AppError.validation(change.errors);
    if (change.transitionError) {
      throw new AppError('invalid_state', change.transitionError, { field: 'status', from: before.status });
    }
    await saveAffiliate(trx, before, change.next, ctx, { action });
  });
}
