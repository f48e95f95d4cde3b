import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { setupStatusQuery } from '../../api/queries.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email', 'name', 'password', 'confirm'] as const;

export function SetupForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  const setup = useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/api/v1/setup', { body: { token, email, name, password } }));
      // Setup creates the account but no session; signing in straight away saves a step.
      await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
    },
    onSuccess: async () => {
      // Leave first: refetching the setup status while this page is shown would flash "Already set up".
      await navigate({ to: '/admin' });
      await queryClient.invalidateQueries({ queryKey: setupStatusQuery.queryKey });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (password !== confirm) {
      errors.setField('confirm', 'does not match the password');
      return;
    }
    setup.mutate();
  }

  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>Create the administrator</h1>
        <p className="muted">This account manages the platform. The setup link works only once.</p>
        <FormSummary message={errors.summary} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={setEmail}
          error={errors.field('email')}
        />
        <TextField
          label="Name"
          autoComplete="name"
          value={name}
          onChange={setName}
          error={errors.field('name')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          hint="At least 8 characters, with an uppercase letter, a lowercase letter and a symbol."
          error={errors.field('password')}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={setConfirm}
          error={errors.field('confirm')}
        />
        <button type="submit" disabled={setup.isPending}>
          {setup.isPending ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </main>
  );
}
