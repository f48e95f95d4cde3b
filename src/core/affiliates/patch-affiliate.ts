import { applyFieldsChange } from './apply-fields-change.ts';
import { type AffiliateInput, mergeInput } from './merge-input.ts';
import { type AffiliateWrite, type CustomTagAssignment, fieldsOf } from './state.ts';

/** One tag's value to set (null: take the tag off), the others kept as they are. */
export interface CustomTagValue {
  tag_id: number;
  value_id: number | null;
}

/**
 * Partial update (PATCH): only the given fields change. address, messengers (null removes one),
 * referral and billing merge key by key; billing.details and payment_method are replaced whole.
 * `customTagValues` sets single tags on the locked state (a vendor API naming one tag at a time)
 * where `input.custom_tags` replaces them all.
 */
export async function patchAffiliate({
  input,
  customTagValues = [],
  ...write
}: AffiliateWrite & {
  id: number;
  input: AffiliateInput;
  customTagValues?: CustomTagValue[];
}): Promise<void> {
  await applyFieldsChange({
    ...write,
    action: 'updated',
    compute: (before) => {
      const next = mergeInput(fieldsOf(before), input, before.payment_method);
      if (customTagValues.length === 0) return next;
      const byTag = new Map<number, CustomTagAssignment>(next.custom_tags.map((t) => [t.tag_id, t]));
      for (const { tag_id, value_id } of customTagValues) {
        if (value_id === null) byTag.delete(tag_id);
        else byTag.set(tag_id, { tag_id, value_id });
      }
      next.custom_tags = [...byTag.values()];
      return next;
    },
  });
}
