import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email', 'first_name', 'last_name', 'title', 'initial_password'] as const;

export function UsersTab({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ['affiliates', id, 'users'],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates/{id}/users', { params: { path: { id } } })),
  });
  const errors = useFormErrors(FIELDS);
  const empty = { email: '', first_name: '', last_name: '', title: '', initial_password: '' };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof empty) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/affiliates/{id}/users', {
          params: { path: { id } },
          body: { ...form, initial_password: form.initial_password || undefined },
        }),
      ),
    onSuccess: async () => {
      setForm(empty);
      await queryClient.invalidateQueries({ queryKey: ['affiliates', id] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    add.mutate();
  }

  return (
    <>
      <section className="panel" aria-label="Users">
        {users.isPending && <p className="muted">Loading…</p>}
        {users.data && users.data.data.length === 0 && <p className="muted">No users yet.</p>}
        {users.data && users.data.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Password</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {users.data.data.map((u) => (
                <tr key={u.id}>
                  <td>
                    {u.email} {u.is_owner && <span className="badge">owner</span>}
                  </td>
                  <td>{`${u.first_name} ${u.last_name}`.trim() || '—'}</td>
                  <td>{u.title || '—'}</td>
                  <td>{u.status}</td>
                  <td>{u.has_password ? 'set' : 'not set yet'}</td>
                  <td>{formatDateTime(u.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <form className="panel form" onSubmit={submit} noValidate>
        <h2>Add a user</h2>
        <FormSummary message={errors.summary} />
        <TextField
          label="User email"
          type="email"
          value={form.email}
          onChange={set('email')}
          error={errors.field('email')}
        />
        <TextField
          label="First name"
          value={form.first_name}
          onChange={set('first_name')}
          error={errors.field('first_name')}
        />
        <TextField
          label="Last name"
          value={form.last_name}
          onChange={set('last_name')}
          error={errors.field('last_name')}
        />
        <TextField label="Title" value={form.title} onChange={set('title')} error={errors.field('title')} />
        <TextField
          label="Initial password"
          type="password"
          value={form.initial_password}
          onChange={set('initial_password')}
          hint="Optional: without one, the user is emailed a link to set it. 8+ characters with upper and lower case and a symbol."
          error={errors.field('initial_password')}
        />
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add user'}
        </button>
      </form>
    </>
  );
}
