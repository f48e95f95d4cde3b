import type { AffiliateStatus } from '../../../core/affiliates/status.ts';

/** MultiSafepay screening: pending before a decision, declined, approved for every approved status. */
export function toMultiSafepayStatus(status: AffiliateStatus): 'pending' | 'approved' | 'declined' {
  return status === 'pending' ? 'pending' : status === 'declined' ? 'declined' : 'approved';
}

export function fromMultiSafepayStatus(status: string): AffiliateStatus | null {
  if (status === 'pending') return 'pending';
  if (status === 'declined') return 'declined';
  return status === 'approved' ? 'active' : null;
}
