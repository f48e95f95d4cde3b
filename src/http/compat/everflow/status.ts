import type { AffiliateStatus } from '../../../core/affiliates/status.ts';

export type EverflowStatus = 'active' | 'inactive' | 'pending' | 'suspended';

// Everflow knows active, inactive, pending and suspended. A declined application shows as
// inactive (it cannot run traffic) and view_only as active (it can sign in and see reports).
const TO_EVERFLOW: Record<AffiliateStatus, EverflowStatus> = {
  pending: 'pending',
  active: 'active',
  inactive: 'inactive',
  suspended: 'suspended',
  declined: 'inactive',
  view_only: 'active',
};

export function toEverflowStatus(status: AffiliateStatus): EverflowStatus {
  return TO_EVERFLOW[status];
}

export function fromEverflowStatus(status: string): AffiliateStatus | null {
  return (['active', 'inactive', 'pending', 'suspended'] as const).find((v) => v === status) ?? null;
}
