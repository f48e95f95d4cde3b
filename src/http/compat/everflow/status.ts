import type { AffiliateStatus } from '../../../core/affiliates/status.ts';

export const EVERFLOW_STATUSES = ['active', 'inactive', 'pending', 'suspended'] as const;
export type EverflowStatus = (typeof EVERFLOW_STATUSES)[number];

/**
 * Everflow's account statuses against the native ones: the one table of this vendor's statuses,
 * shown in /docs and the migration guide. Everflow has no "declined" and no "view only": a
 * declined application reads as inactive (it cannot run traffic), view_only as active (it signs
 * in and sees its reports).
 */
export const EVERFLOW_STATUS_TABLE = [
  {
    status: 'active',
    native: ['active', 'view_only'],
    write: 'active (view_only kept when already view_only)',
  },
  {
    status: 'inactive',
    native: ['inactive', 'declined'],
    write: 'inactive; on a pending application: declined (see below); declined kept when already declined',
  },
  { status: 'pending', native: ['pending'], write: 'pending on create; an account never returns to pending' },
  { status: 'suspended', native: ['suspended'], write: 'suspended' },
] as const satisfies readonly { status: EverflowStatus; native: readonly AffiliateStatus[]; write: string }[];

export function toEverflowStatus(status: AffiliateStatus): EverflowStatus {
  return EVERFLOW_STATUS_TABLE.find((s) => (s.native as readonly string[]).includes(status))!.status;
}

export function isEverflowStatus(word: string): word is EverflowStatus {
  return (EVERFLOW_STATUSES as readonly string[]).includes(word);
}

/** The native statuses an `account_status` filter matches. */
export function nativeStatusesOf(status: EverflowStatus): AffiliateStatus[] {
  return [...EVERFLOW_STATUS_TABLE.find((s) => s.status === status)!.native];
}

/**
 * The native status an Everflow write asks for. Sending the word the current status reads as
 * keeps it (a read-modify-write round trip changes nothing). Everflow users set a pending
 * application to inactive to turn it down: that is the native decline (no approval recorded,
 * and it reads back as inactive), where the native pending → inactive would approve the account
 * and switch it off. Everything else is the word itself, checked by the native lifecycle.
 */
export function nativeStatusFor(word: EverflowStatus, current: AffiliateStatus | null): AffiliateStatus {
  if (current !== null && toEverflowStatus(current) === word) return current;
  if (word === 'inactive' && current === 'pending') return 'declined';
  return word;
}

export function statusTableMarkdown(): string {
  return [
    '| Everflow | native (read) | an Everflow write sets |',
    '|---|---|---|',
    ...EVERFLOW_STATUS_TABLE.map(
      (s) => `| \`${s.status}\` | ${s.native.map((n) => `\`${n}\``).join(', ')} | ${s.write} |`,
    ),
  ].join('\n');
}
