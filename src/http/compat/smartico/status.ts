import type { AffiliateStatus } from '../../../core/affiliates/status.ts';

// Smartico aff_status_id: 1 Pending, 2 Approved, 3 Declined, 4 Suspended, 5 ViewOnly. Inactive has
// no Smartico number; it shows as Suspended (2 would claim it may run traffic).
const TO_SMARTICO: Record<AffiliateStatus, 1 | 2 | 3 | 4 | 5> = {
  pending: 1,
  active: 2,
  declined: 3,
  suspended: 4,
  inactive: 4,
  view_only: 5,
};
const FROM_SMARTICO: Record<number, AffiliateStatus> = {
  1: 'pending',
  2: 'active',
  3: 'declined',
  4: 'suspended',
  5: 'view_only',
};
const SMARTICO_NAMES: Record<number, string> = {
  1: 'Pending',
  2: 'Approved',
  3: 'Declined',
  4: 'Suspended',
  5: 'ViewOnly',
};

/** Smartico's `aff_status_id` and its name for a native status. */
export function toSmarticoStatus(status: AffiliateStatus): { id: 1 | 2 | 3 | 4 | 5; name: string } {
  const id = TO_SMARTICO[status];
  return { id, name: SMARTICO_NAMES[id]! };
}

export function fromSmarticoStatus(id: number): AffiliateStatus | null {
  return FROM_SMARTICO[id] ?? null;
}
