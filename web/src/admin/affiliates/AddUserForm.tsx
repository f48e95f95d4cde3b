import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email', 'first_name', 'last_name', 'title', 'initial_password'] as const;
const EMPTY = { email: '', first_name: '', last_name: '', title: '', initial_password: '' };

export function AddUserForm({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [form, setForm] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/affiliates/{id}/users', {
          params: { path: { id } },
          body: { ...form, initial_password: form.initial_password || undefined },
        }),
      ),
    onSuccess: async () => {
      setForm(EMPTY);
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
  );
}
