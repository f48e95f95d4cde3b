import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { meQuery } from '../api/queries.ts';
import { FormSummary } from '../components/FormSummary.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFormErrors } from '../forms/use-form-errors.ts';

const FIELDS = ['email', 'password'] as const;

/** Back office sign-in; returns to the page that sent the user here, if any. */
export function LoginPage() {
  const { redirect } = useSearch({ from: '/admin/login' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/login', { body: { email, password } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      await navigate({ href: redirect ?? '/admin' });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    login.mutate();
  }

  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>Sign in to the back office</h1>
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
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={errors.field('password')}
        />
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
