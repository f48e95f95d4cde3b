import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { StaffUser } from '../../api/types.ts';
import { formatDateTime, sentenceCase } from '../../format.ts';
import type { RoleInfo } from './CreateStaffForm.tsx';

type Change = { role?: RoleInfo['role']; status?: 'active' | 'blocked'; managed_affiliates_only?: boolean };

export function StaffTable({ staff, roles }: { staff: StaffUser[]; roles: RoleInfo[] }) {
  return (
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
  );
}

function StaffRow({ staff, roles }: { staff: StaffUser; roles: RoleInfo[] }) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: Change) =>
      unwrap(api.PATCH('/api/v1/staff/{id}', { params: { path: { id: staff.id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
  return (
    <tr className={staff.status === 'blocked' ? 'revoked' : undefined}>
      <td>{staff.email}</td>
      <td>{staff.name || '—'}</td>
      <td>
        <select
          aria-label={`Role of ${staff.email}`}
          value={staff.role}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ role: event.target.value as RoleInfo['role'] })}
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
      <td>{staff.status}</td>
      <td>
        <button
          type="button"
          className={staff.status === 'active' ? 'button-danger' : 'button-secondary'}
          disabled={update.isPending}
          onClick={() => update.mutate({ status: staff.status === 'active' ? 'blocked' : 'active' })}
          aria-label={`${staff.status === 'active' ? 'Block' : 'Unblock'} ${staff.email}`}
        >
          {staff.status === 'active' ? 'Block' : 'Unblock'}
        </button>
      </td>
    </tr>
  );
}
