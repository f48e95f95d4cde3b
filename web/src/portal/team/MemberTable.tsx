import { type Column, DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../format.ts';
import type { TeamMember } from '../types.ts';

export function MemberTable({ members, onSelect }: { members: TeamMember[]; onSelect(id: number): void }) {
  const columns: Column<TeamMember>[] = [
    {
      label: 'Email',
      cell: (m) =>
        m.is_owner ? (
          m.email
        ) : (
          <button type="button" className="link-button" onClick={() => onSelect(m.id)}>
            {m.email}
          </button>
        ),
    },
    {
      label: 'Name',
      cell: (m) => (
        <>
          {`${m.first_name} ${m.last_name}`.trim() || '—'}
          {m.is_owner && <span className="muted"> (owner)</span>}
        </>
      ),
    },
    { label: 'Created', cell: (m) => formatDateTime(m.created_at) },
    {
      label: 'Last sign-in',
      cell: (m) => formatDateTime(m.last_sign_in_at, m.has_password ? 'never' : 'password not set yet'),
    },
    { label: '2FA', cell: (m) => (m.two_factor_enabled ? 'on' : 'off') },
    {
      label: 'State',
      cell: (m) => (
        <>
          {m.status === 'blocked' && <span className="badge badge-bad">blocked</span>}
          {m.locked && <span className="badge badge-bad">locked</span>}
          {m.status === 'active' && !m.locked && <span className="badge badge-ok">active</span>}
        </>
      ),
    },
  ];
  return <DataTable rows={members} columns={columns} empty="No users yet." />;
}
