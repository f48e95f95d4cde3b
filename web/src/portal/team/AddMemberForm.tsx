import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email', 'first_name', 'last_name'] as const;

export function AddMemberForm() {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/users', { body: { email, first_name: firstName, last_name: lastName } }),
      ),
    onSuccess: async () => {
      setEmail('');
      setFirstName('');
      setLastName('');
      await queryClient.invalidateQueries({ queryKey: ['portal', 'team'] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    add.mutate();
  }

  return (
    <form id="add-member" className="panel form" onSubmit={submit} noValidate>
      <h2>New user</h2>
      <p className="muted">
        They get an email with a link to set their password, then sign in with their own credentials.
      </p>
      <FormSummary message={errors.summary} />
      <TextField
        label="Email"
        type="email"
        required
        value={email}
        onChange={setEmail}
        error={errors.field('email')}
      />
      <TextField
        label="First name"
        value={firstName}
        onChange={setFirstName}
        error={errors.field('first_name')}
      />
      <TextField
        label="Last name"
        value={lastName}
        onChange={setLastName}
        error={errors.field('last_name')}
      />
      <button type="submit" disabled={add.isPending}>
        Add user
      </button>
      {add.isSuccess && (
        <p role="status">{add.data.email} was added; the set-password email is on its way.</p>
      )}
    </form>
  );
}
