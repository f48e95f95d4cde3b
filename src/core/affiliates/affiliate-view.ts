// @internal: only core/affiliates imports this file.
import type { ExtraPermission } from './extra-permissions.ts';
import type { AffiliateState } from './state.ts';

type Hidden =
  | 'traffic_source_ids'
  | 'custom_tags'
  | 'billing'
  | 'payment_method'
  | 'signup_info'
  | 'extra_permissions';

/** What a read returns at the top level; the parts kept in other tables are relationships. */
export type AffiliateView = Omit<AffiliateState, Hidden> & {
  extra_permissions: ExtraPermission[];
  relationships: Record<string, unknown>;
};

export function toAffiliateView(state: AffiliateState): AffiliateView {
  const {
    traffic_source_ids,
    custom_tags,
    billing,
    payment_method,
    signup_info,
    extra_permissions,
    ...base
  } = state;
  // Stored values passed validation against the same list.
  return { ...base, extra_permissions: extra_permissions as ExtraPermission[], relationships: {} };
}
