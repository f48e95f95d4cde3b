import type { AffiliateStatus } from '../../db/tables/affiliates.ts';

export type { AffiliateStatus };

/**
 * The one native status set. Each compatibility API maps its vendor's words onto it in
 * src/http/compat/<vendor>/status.ts, so the data keeps one meaning.
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
