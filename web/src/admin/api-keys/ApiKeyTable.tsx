import type { ApiKey } from '../../api/types.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
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
      empty="No API keys yet."
      rowClassName={(key) => (key.revoked_at ? 'revoked' : undefined)}
    />
  );
}
