import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { setupStatusQuery } from '../../api/queries.ts';
import { CardForm } from '../../components/CardForm.tsx';
import { EMPTY_PASSWORD, NewPasswordFields, passwordsMatch } from '../../components/NewPasswordFields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email', 'name', 'password', 'confirm'] as const;

export function SetupForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState(EMPTY_PASSWORD);

  const setup = useMutation({
    mutationFn: async () => {
      const body = { email, password: password.password };
      await unwrap(api.POST('/api/v1/setup', { body: { token, name, ...body } }));
      // Setup creates the account but no session; signing in straight away saves a step.
      await unwrap(api.POST('/api/v1/auth/login', { body }));
    },
    onSuccess: async () => {
      // Leave first: refetching the setup status while this page is shown would flash "Already set up".
      await navigate({ to: '/admin' });
      await queryClient.invalidateQueries({ queryKey: setupStatusQuery.queryKey });
    },
    onError: errors.fail,
  });

  function submit() {
    errors.reset();
    if (passwordsMatch(password, errors)) setup.mutate();
  }

  return (
    <CardForm title="Create the administrator" summary={errors.summary} onSubmit={submit}>
      <p className="muted">This account manages the platform. The setup link works only once.</p>
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
      <NewPasswordFields value={password} onChange={setPassword} errors={errors} />
      <button type="submit" disabled={setup.isPending}>
        {setup.isPending ? 'Creating…' : 'Create administrator'}
      </button>
    </CardForm>
  );
}
