import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { meQuery } from '../../api/queries.ts';
import type { StaffUser } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import type { RoleInfo } from './CreateStaffForm.tsx';

type Change = { role?: RoleInfo['role']; status?: 'active' | 'blocked'; managed_affiliates_only?: boolean };

export function StaffTable({ staff, roles }: { staff: StaffUser[]; roles: RoleInfo[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <StaffRow key={s.id} staff={s} roles={roles} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a change does to the person, named in the confirmation. */
function describe(change: Change, staff: StaffUser, roles: RoleInfo[]) {
  if (change.status === 'blocked')
    return {
      title: `Block ${staff.email}?`,
      body: 'They are signed out everywhere at once and cannot sign in again until someone unblocks them.',
      label: 'Block',
      danger: true,
    };
  if (change.status === 'active')
    return {
      title: `Unblock ${staff.email}?`,
      body: 'They can sign in again with their password, with the rights of their role.',
      label: 'Unblock',
      danger: false,
    };
  const role = roles.find((r) => r.role === change.role);
  return {
    title: `Make ${staff.email} ${sentenceCase(change.role ?? '').toLowerCase()}?`,
    body: `From their next request they can do what this role allows${role ? `: ${role.description}` : ''}; what their current role allowed and this one does not, they can no longer do.`,
    label: 'Change role',
    danger: false,
  };
}

function StaffRow({ staff, roles }: { staff: StaffUser; roles: RoleInfo[] }) {
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  const [asking, setAsking] = useState<Change | null>(null);
  const update = useMutation({
    mutationFn: (body: Change) =>
      unwrap(api.PATCH('/api/v1/staff/{id}', { params: { path: { id: staff.id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
  // Changing one's own role or blocking oneself would lock one out of this very page.
  const self = me.data?.staff?.id === staff.id;
  const selfReason = self ? 'This is you: another administrator can change your role or block you.' : null;
  const question = asking ? describe(asking, staff, roles) : null;
  return (
    <tr className={staff.status === 'blocked' ? 'revoked' : undefined}>
      <td>{staff.email}</td>
      <td>{staff.name || '—'}</td>
      <td>
        <select
          aria-label={`Role of ${staff.email}`}
          value={staff.role}
          disabled={update.isPending || self}
          title={selfReason ?? undefined}
          onChange={(event) => setAsking({ role: event.target.value as RoleInfo['role'] })}
        >
          {roles.map((r) => (
            <option key={r.role} value={r.role}>
              {sentenceCase(r.role)}
            </option>
          ))}
        </select>
        {staff.role === 'affiliate_manager' && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={staff.managed_affiliates_only}
              onChange={(event) => update.mutate({ managed_affiliates_only: event.target.checked })}
            />
            own affiliates only
          </label>
        )}
        {update.isError && <p className="field-error">{update.error.message}</p>}
      </td>
      <td>{formatDateTime(staff.last_login_at, 'never')}</td>
      <td data-testid="staff-status">
        {staff.status === 'blocked' ? (
          <span className="badge badge-bad">blocked</span>
        ) : staff.invited ? (
          <span className="badge status-pending" title="Invited by email; has not set a password yet">
            invited
          </span>
        ) : (
          <span className="badge badge-ok">active</span>
        )}
      </td>
      <td>
        <button
          type="button"
          className={staff.status === 'active' ? 'button-danger' : 'button-secondary'}
          disabled={update.isPending || self}
          onClick={() => setAsking({ status: staff.status === 'active' ? 'blocked' : 'active' })}
          aria-label={`${staff.status === 'active' ? 'Block' : 'Unblock'} ${staff.email}`}
          aria-describedby={self ? `self-${staff.id}` : undefined}
        >
          {staff.status === 'active' ? 'Block' : 'Unblock'}
        </button>
        {selfReason && (
          <span className="muted self-note" id={`self-${staff.id}`}>
            {selfReason}
          </span>
        )}
        {asking && question && (
          <ConfirmDialog
            title={question.title}
            confirmLabel={question.label}
            danger={question.danger}
            onCancel={() => setAsking(null)}
            onConfirm={() => {
              update.mutate(asking);
              setAsking(null);
            }}
          >
            <p>{question.body}</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
