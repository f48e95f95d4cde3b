import type { AffiliateStatus } from '../../../core/affiliates/status.ts';

/**
 * Commission Factory's AffiliateStatus (the merchant's relationship with an affiliate) against the
 * native statuses: the one table of this vendor's vocabulary, shown in /docs and the migration
 * guide. Commission Factory has no word for an account that was declined, switched off or
 * suspended: there the affiliate has no relationship with the merchant any more and is not in
 * the merchant's list, so those accounts are not served by this API at all (the native API has
 * them). Nothing in Affluent is "invited": the filter answers an empty list.
 */
export const COMMISSION_FACTORY_STATUSES = [
  {
    status: 'Approved',
    native: ['active', 'view_only'],
    meaning: 'joined and approved (view_only: approved, signs in but changes nothing)',
  },
  { status: 'Pending', native: ['pending'], meaning: 'applied, not yet reviewed' },
  { status: 'Invited', native: [], meaning: 'no native equivalent: always an empty list' },
] as const satisfies readonly { status: string; native: readonly AffiliateStatus[]; meaning: string }[];

export type CommissionFactoryStatus = (typeof COMMISSION_FACTORY_STATUSES)[number]['status'];

/** Native statuses this API leaves out (no Commission Factory relationship). */
export const UNSERVED_STATUSES: readonly AffiliateStatus[] = ['declined', 'inactive', 'suspended'];

/** Every native status the API serves. */
export const SERVED_STATUSES: readonly AffiliateStatus[] = COMMISSION_FACTORY_STATUSES.flatMap((s) => [
  ...s.native,
]);

/** The Commission Factory status of a served native status, or null for one it leaves out. */
export function toCommissionFactoryStatus(status: AffiliateStatus): CommissionFactoryStatus | null {
  return (
    COMMISSION_FACTORY_STATUSES.find((s) => (s.native as readonly string[]).includes(status))?.status ?? null
  );
}

/**
 * The native statuses a `status` filter names, or null for a word that is not one of Commission
 * Factory's. Case-insensitive like the .NET enum binding of the original.
 */
export function fromCommissionFactoryStatus(status: string): readonly AffiliateStatus[] | null {
  const found = COMMISSION_FACTORY_STATUSES.find(
    (s) => s.status.toLowerCase() === status.trim().toLowerCase(),
  );
  return found ? found.native : null;
}

/** The table as Markdown, for the route descriptions in /docs. */
export function statusTableMarkdown(): string {
  const rows = COMMISSION_FACTORY_STATUSES.map(
    (s) =>
      `| \`${s.status}\` | ${s.native.length ? s.native.map((n) => `\`${n}\``).join(', ') : '(none)'} | ${s.meaning} |`,
  );
  return [
    '| Commission Factory | native | meaning |',
    '|---|---|---|',
    ...rows,
    `| (not served) | ${UNSERVED_STATUSES.map((n) => `\`${n}\``).join(', ')} | no relationship with the merchant: left out of the list, 404 by id |`,
  ].join('\n');
}
