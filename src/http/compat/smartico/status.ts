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

/** The status table as Markdown, for /docs: both ways, and the move Affluent refuses. */
export function statusTableMarkdown(): string {
  return [
    '| aff_status_id | name | native (read) | native (written) |',
    '|---|---|---|---|',
    '| 1 | Pending | `pending` | refused (409): an account never returns to pending; the refusal is in the audit log |',
    '| 2 | Approved | `active` | `active` |',
    '| 3 | Declined | `declined` | `declined` (from pending only) |',
    '| 4 | Suspended | `suspended`, `inactive` | `suspended` (an inactive one stays inactive) |',
    '| 5 | ViewOnly | `view_only` | `view_only` |',
  ].join('\n');
}
