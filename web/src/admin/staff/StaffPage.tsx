import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { EmptyState, focusForm } from '../../components/EmptyState.tsx';
import { CreateStaffForm } from './CreateStaffForm.tsx';
import { PortalSecurityPanel } from './PortalSecurityPanel.tsx';
import { StaffTable } from './StaffTable.tsx';

export const staffQuery = { queryKey: ['staff'], queryFn: () => unwrap(api.GET('/api/v1/staff')) };
export const rolesQuery = {
  queryKey: ['roles'],
  queryFn: () => unwrap(api.GET('/api/v1/roles')),
  staleTime: Infinity,
};

export function StaffPage() {
  const staff = useQuery(staffQuery);
  const roles = useQuery(rolesQuery);
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">Who works in the back office, and what their role lets them do.</p>
      {roles.data && <CreateStaffForm roles={roles.data.data} />}
      <section className="panel">
        <h2>Staff users</h2>
        {staff.isPending && <p className="muted">Loading…</p>}
        {staff.isError && <p className="form-summary">{staff.error.message}</p>}
        {staff.data && roles.data && <StaffTable staff={staff.data.data} roles={roles.data.data} />}
        {staff.data?.data.length === 1 && (
          <EmptyState
            title="Only you so far."
            action={
              <button type="button" onClick={() => focusForm('create-staff')}>
                Invite staff
              </button>
            }
          >
            Invite the people who manage affiliates, finance or support with the form above: each gets the
            rights of their role and an email to set a password.
          </EmptyState>
        )}
      </section>
      <PortalSecurityPanel />
    </>
  );
}
