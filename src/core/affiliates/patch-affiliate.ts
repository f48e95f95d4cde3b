import { applyFieldsChange } from './apply-fields-change.ts';
import { type AffiliateInput, mergeInput } from './merge-input.ts';
import { type AffiliateWrite, fieldsOf } from './state.ts';

/**
 * Partial update (PATCH): only the given fields change. address, messengers (null removes one),
 * referral and billing merge key by key; billing.details and payment_method are replaced whole.
 */
export async function patchAffiliate({
  input,
  ...write
}: AffiliateWrite & { id: number; input: AffiliateInput }): Promise<void> {
  await applyFieldsChange({
    ...write,
    action: 'updated',
    compute: (before) => mergeInput(fieldsOf(before), input, before.payment_method),
  });
}
