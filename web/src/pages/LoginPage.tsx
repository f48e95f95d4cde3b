import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { meQuery } from '../api/queries.ts';
import { CardForm } from '../components/CardForm.tsx';
import { EMPTY_CREDENTIALS, SignInFields } from '../components/SignInFields.tsx';
import { useFormErrors } from '../forms/use-form-errors.ts';

const FIELDS = ['email', 'password'] as const;

/** Back office sign-in; returns to the page that sent the user here, if any. */
export function LoginPage() {
  const { redirect } = useSearch({ from: '/admin/login' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [credentials, setCredentials] = useState(EMPTY_CREDENTIALS);

  const login = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/login', { body: credentials })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      await navigate({ href: redirect ?? '/admin' });
    },
    onError: errors.fail,
  });

  function submit() {
    errors.reset();
    login.mutate();
  }

  return (
    <CardForm title="Sign in to the back office" summary={errors.summary} onSubmit={submit}>
      <SignInFields value={credentials} onChange={setCredentials} errors={errors} />
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </CardForm>
  );
}
