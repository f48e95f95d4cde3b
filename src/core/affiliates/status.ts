import type { AffiliateStatus } from '../../db/tables/affiliates.ts';

export type { AffiliateStatus };

/**
 * The one native status set. Every vendor vocabulary maps onto it here, so each compatibility API
 * shows its own words while the data keeps one meaning.
 */
export const AFFILIATE_STATUSES = [
  'pending',
  'active',
  'inactive',
  'suspended',
  'declined',
  'view_only',
] as const satisfies readonly AffiliateStatus[];

/** Statuses an account is in once approved: entering one from pending/declined is the approval. */
export const APPROVED_STATUSES: readonly AffiliateStatus[] = ['active', 'inactive', 'suspended', 'view_only'];

/**
 * Allowed moves. Nothing returns to pending; a declined application can still be approved; an
 * approved account is switched off with inactive or suspended, never "declined" after the fact.
 */
const TRANSITIONS: Record<AffiliateStatus, readonly AffiliateStatus[]> = {
  pending: ['active', 'inactive', 'view_only', 'declined'],
  declined: ['active', 'view_only'],
  active: ['inactive', 'suspended', 'view_only'],
  inactive: ['active', 'suspended', 'view_only'],
  suspended: ['active', 'inactive', 'view_only'],
  view_only: ['active', 'inactive', 'suspended'],
};

export function allowedTransitions(from: AffiliateStatus): readonly AffiliateStatus[] {
  return TRANSITIONS[from];
}

/** Why `from -> to` is refused, or null when it is allowed (staying put is always allowed). */
export function transitionProblem(from: AffiliateStatus, to: AffiliateStatus): string | null {
  if (from === to || TRANSITIONS[from].includes(to)) return null;
  if (to === 'pending') return `an account never returns to pending (it is ${from})`;
  return `cannot change status from ${from} to ${to}; allowed: ${TRANSITIONS[from].join(', ')}`;
}

export function isApproval(from: AffiliateStatus | null, to: AffiliateStatus): boolean {
  return APPROVED_STATUSES.includes(to) && (from === null || from === 'pending' || from === 'declined');
}

// Everflow knows active, inactive, pending and suspended. A declined application shows as
// inactive (it cannot run traffic) and view_only as active (it can sign in and see reports).
const TO_EVERFLOW: Record<AffiliateStatus, 'active' | 'inactive' | 'pending' | 'suspended'> = {
  pending: 'pending',
  active: 'active',
  inactive: 'inactive',
  suspended: 'suspended',
  declined: 'inactive',
  view_only: 'active',
};

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

// Commission Factory names Pending, Approved, Declined, Suspended and Inactive ("..." in the doc).
const TO_COMMISSION_FACTORY: Record<AffiliateStatus, string> = {
  pending: 'Pending',
  active: 'Approved',
  view_only: 'Approved',
  declined: 'Declined',
  suspended: 'Suspended',
  inactive: 'Inactive',
};

export const statusMap = {
  toEverflow: (s: AffiliateStatus) => TO_EVERFLOW[s],
  fromEverflow: (s: string): AffiliateStatus | null =>
    (['active', 'inactive', 'pending', 'suspended'] as const).find((v) => v === s) ?? null,
  toSmartico: (s: AffiliateStatus) => ({ id: TO_SMARTICO[s], name: SMARTICO_NAMES[TO_SMARTICO[s]]! }),
  fromSmartico: (id: number): AffiliateStatus | null => FROM_SMARTICO[id] ?? null,
  toCommissionFactory: (s: AffiliateStatus) => TO_COMMISSION_FACTORY[s],
  fromCommissionFactory: (s: string): AffiliateStatus | null => {
    const found = Object.entries(TO_COMMISSION_FACTORY).find(([, v]) => v.toLowerCase() === s.toLowerCase());
    return (found?.[0] as AffiliateStatus | undefined) ?? null;
  },
  /** MultiSafepay screening: pending before a decision, declined, approved for every approved status. */
  toMultiSafepay: (s: AffiliateStatus): 'pending' | 'approved' | 'declined' =>
    s === 'pending' ? 'pending' : s === 'declined' ? 'declined' : 'approved',
  fromMultiSafepay: (s: string): AffiliateStatus | null =>
    s === 'pending' ? 'pending' : s === 'declined' ? 'declined' : s === 'approved' ? 'active' : null,
};
