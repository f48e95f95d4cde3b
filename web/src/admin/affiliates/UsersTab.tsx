import { useQuery } from '@tanstack/react-query';
import { useAllows } from '../use-allows.ts';
import { AddUserForm } from './AddUserForm.tsx';
import { usersQuery } from './api.ts';
import { UserTable } from './UserTable.tsx';

export function UsersTab({ id }: { id: number }) {
  const users = useQuery(usersQuery(id));
  const write = useAllows('write');
  return (
    <>
      <section className="panel" aria-label="Users">
        {users.isPending && <p className="muted">Loading…</p>}
        {users.isError && <p className="form-summary">{users.error.message}</p>}
        {users.data && <UserTable users={users.data.data} />}
      </section>
      {write && <AddUserForm id={id} />}
    </>
  );
}
