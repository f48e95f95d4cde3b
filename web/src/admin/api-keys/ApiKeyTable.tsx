import type { ApiKey } from '../../api/types.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { EmptyState, focusForm } from '../../components/EmptyState.tsx';
import { formatDateTime } from '../../format.ts';
import { RevokeButton } from './RevokeButton.tsx';

const COLUMNS: Column<ApiKey>[] = [
  { label: 'Name', cell: (key) => key.name },
  { label: 'Key', cell: (key) => <code>{key.prefix}…</code> },
  { label: 'Scopes', cell: (key) => key.scopes.join(', ') },
  { label: 'Created', cell: (key) => formatDateTime(key.created_at) },
  { label: 'Last used', cell: (key) => formatDateTime(key.last_used_at, 'never') },
  {
    label: 'Actions',
    hiddenLabel: true,
    cell: (key) =>
      key.revoked_at ? `Revoked ${formatDateTime(key.revoked_at)}` : <RevokeButton apiKey={key} />,
  },
];

export function ApiKeyTable({ keys }: { keys: ApiKey[] }) {
  return (
    <DataTable
      rows={keys}
      columns={COLUMNS}
      empty={
        <EmptyState
          title="No API keys yet."
          action={
            <button type="button" onClick={() => focusForm('create-api-key')}>
              Create a key
            </button>
          }
        >
          Another system (a casino platform, a reporting tool) calls the operator API with a key: name it and
          choose its scopes in the form above.
        </EmptyState>
      }
      rowClassName={(key) => (key.revoked_at ? 'revoked' : undefined)}
    />
  );
}
