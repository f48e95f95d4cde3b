import type { Db } from '../../db/index.ts';
import { applyFieldsChange } from './apply-fields-change.ts';
import { type AffiliateInput, mergeInput } from './merge-input.ts';
import { type ChangeContext, fieldsOf } from './state.ts';

/**
 * Partial update (PATCH): only the given fields change. address, messengers (null removes one),
 * referral and billing merge key by key; billing.details and payment_method are replaced whole.
 */
export async function patchAffiliate(
  db: Db,
  id: number,
  input: AffiliateInput,
  ctx: ChangeContext,
): Promise<void> {
  await applyFieldsChange(db, id, ctx, 'updated', (before) =>
    mergeInput(fieldsOf(before), input, before.payment_method),
  );
}
