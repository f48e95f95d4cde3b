import type { AffiliateEvent } from '../api/types.ts';
import { formatDateTime, sentenceCase } from '../format.ts';
import { type Column, DataTable } from './DataTable.tsx';
import { EmptyState } from './EmptyState.tsx';
import { eventDetails } from './event-details.ts';

// Where the plain words of the type would read oddly; other types read as their words.
const LABELS: Record<string, string> = {
  two_factor_enabled: 'Two-factor authentication enabled',
  two_factor_disabled: 'Two-factor authentication disabled',
  api_key_created: 'API key created',
  api_key_revoked: 'API key revoked',
};

export const eventLabel = (type: string) => LABELS[type] ?? sentenceCase(type);

const COLUMNS: Column<AffiliateEvent>[] = [
  { label: 'ID', cell: (e) => e.id },
  { label: 'When', cell: (e) => formatDateTime(e.created_at) },
  { label: 'Event', cell: (e) => eventLabel(e.type) },
  { label: 'Details', cell: (e) => eventDetails(e.type, e.data) ?? '—' },
  { label: 'User', cell: (e) => e.user?.email ?? '—' },
  { label: 'By', cell: (e) => e.actor.name },
  { label: 'Address', cell: (e) => e.ip ?? '—' },
];

/** An affiliate's events log, as its users see it in the portal and the operator in the back office. */
export function EventsTable({ events }: { events: AffiliateEvent[] }) {
  return (
    <DataTable
      rows={events}
      columns={COLUMNS}
      empty={
        <EmptyState title="No events yet.">
          Sign-ins, password and two-factor changes, API keys and team changes are logged here as they happen.
        </EmptyState>
      }
    />
  );
}
