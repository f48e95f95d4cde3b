import type { ApiKey } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';
import { RevokeButton } from './RevokeButton.tsx';

export function ApiKeyTable({ keys }: { keys: ApiKey[] }) {
  if (keys.length === 0) return <p className="muted">No API keys yet.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} className={key.revoked_at ? 'revoked' : undefined}>
            <td>{key.name}</td>
            <td>
              <code>{key.prefix}…</code>
            </td>
            <td>{key.scopes.join(', ')}</td>
            <td>{formatDateTime(key.created_at)}</td>
            <td>{formatDateTime(key.last_used_at, 'never')}</td>
            <td>
              {key.revoked_at ? `Revoked ${formatDateTime(key.revoked_at)}` : <RevokeButton apiKey={key} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
