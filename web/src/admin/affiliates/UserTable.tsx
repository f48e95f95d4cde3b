import { type Column, DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../format.ts';
import { useAllows } from '../use-allows.ts';
import type { AffiliateUser } from './api.ts';
import { UserActions } from './UserActions.tsx';

const COLUMNS: Column<AffiliateUser>[] = [
  {
    label: 'Email',
    cell: (u) => (
      <>
        {u.email} {u.is_owner && <span className="badge">owner</span>}
      </>
    ),
  },
  { label: 'Name', cell: (u) => `${u.first_name} ${u.last_name}`.trim() || '—' },
  { label: 'Title', cell: (u) => u.title || '—' },
  {
    label: 'Status',
    cell: (u) => (
      <>
        {u.status} {u.locked && <span className="badge badge-bad">locked</span>}
      </>
    ),
  },
  { label: 'Password', cell: (u) => (u.has_password ? 'set' : 'not set yet') },
  { label: '2FA', cell: (u) => (u.two_factor_enabled ? 'on' : 'off') },
  { label: 'Added', cell: (u) => formatDateTime(u.created_at) },
];

const ACTIONS: Column<AffiliateUser> = {
  label: 'Actions',
  hiddenLabel: true,
  cell: (u) => <UserActions user={u} />,
};

export function UserTable({ users }: { users: AffiliateUser[] }) {
  const support = useAllows('support');
  return <DataTable rows={users} columns={support ? [...COLUMNS, ACTIONS] : COLUMNS} empty="No users yet." />;
}
