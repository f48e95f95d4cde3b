import type { AffiliateStatus } from '../../../core/affiliates/status.ts';

// Commission Factory names Pending, Approved, Declined, Suspended and Inactive ("..." in the doc).
const TO_COMMISSION_FACTORY: Record<AffiliateStatus, string> = {
  pending: 'Pending',
  active: 'Approved',
  view_only: 'Approved',
  declined: 'Declined',
  suspended: 'Suspended',
  inactive: 'Inactive',
};

export function toCommissionFactoryStatus(status: AffiliateStatus): string {
  return TO_COMMISSION_FACTORY[status];
}

export function fromCommissionFactoryStatus(status: string): AffiliateStatus | null {
  const found = Object.entries(TO_COMMISSION_FACTORY).find(
    ([, v]) => v.toLowerCase() === status.toLowerCase(),
  );
  return (found?.[0] as AffiliateStatus | undefined) ?? null;
}
