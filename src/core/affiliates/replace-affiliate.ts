import { applyFieldsChange } from './apply-fields-change.ts';
import { type AffiliateInput, mergeInput } from './merge-input.ts';
import { type AffiliateWrite, defaultFields } from './state.ts';

export interface ReplaceAffiliateInput extends AffiliateInput {
  name: string;
  status: NonNullable<AffiliateInput['status']>;
}

/**
 * Full replace (PUT): every field not given takes its default, exactly as on create (see
 * defaultFields), except applied_at, which keeps its value unless given. Users are not part of
 * the affiliate body and stay as they are. A payment detail equal to its masked reading keeps the
 * stored value, so a read-modify-write round trip does not wipe bank details.
 */
export async function replaceAffiliate({
  input,
  ...write
}: AffiliateWrite & { id: number; input: ReplaceAffiliateInput }): Promise<void> {
  await applyFieldsChange({
    ...write,
    action: 'replaced',
    compute: (before, now) =>
      mergeInput({ ...defaultFields(now), applied_at: before.applied_at }, input, before.payment_method),
  });
}
