import { formatDateTime } from '../../format.ts';
import type { TeamMember } from '../types.ts';

export function MemberTable({ members, onSelect }: { members: TeamMember[]; onSelect(id: number): void }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Name</th>
          <th scope="col">Created</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">2FA</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.id}>
            <td>
              {m.is_owner ? (
                m.email
              ) : (
                <button type="button" className="link-button" onClick={() => onSelect(m.id)}>
                  {m.email}
                </button>
              )}
            </td>
            <td>
              {`${m.first_name} ${m.last_name}`.trim() || '—'}
              {m.is_owner && <span className="muted"> (owner)</span>}
            </td>
            <td>{formatDateTime(m.created_at)}</td>
            <td>{formatDateTime(m.last_sign_in_at, m.has_password ? 'never' : 'password not set yet')}</td>
            <td>{m.two_factor_enabled ? 'on' : 'off'}</td>
            <td>
              {m.status === 'blocked' && <span className="badge badge-bad">blocked</span>}
              {m.locked && <span className="badge badge-bad">locked</span>}
              {m.status === 'active' && !m.locked && <span className="badge badge-ok">active</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
