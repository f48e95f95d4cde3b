import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email', 'password', 'code'] as const;

const NOTICES: Record<string, string> = {
  link_invalid: 'That sign-in link is invalid, expired or already used. Sign in with your password instead.',
  account_unavailable: 'That account cannot use the portal right now.',
};

const reasonOf = (error: unknown) =>
  error instanceof ApiError ? (error.details as { reason?: string } | null)?.reason : undefined;

/** Portal sign-in: email and password, then the authenticator code when the account has 2FA. */
export function SignInPage() {
  const { redirect, error: notice } = useSearch({ from: '/portal/sign-in' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);

  const signIn = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/auth/sign-in', {
          body: { email, password, ...(needsCode ? { code } : {}) },
        }),
      ),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      await navigate({ href: redirect ?? '/portal' });
    },
    onError: (error) => {
      if (reasonOf(error) === 'two_factor_required') {
        setNeedsCode(true);
        errors.reset();
        return;
      }
      if (reasonOf(error) === 'two_factor_invalid') {
        errors.reset();
        errors.setField('code', 'this code is not valid; try the next one from your app');
        return;
      }
      errors.fail(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    signIn.mutate();
  }

  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>Sign in to the affiliate portal</h1>
        {notice && NOTICES[notice] && <p className="form-summary">{NOTICES[notice]}</p>}
        <FormSummary message={errors.summary} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          autoFocus={!needsCode}
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
        {needsCode && (
          <TextField
            label="Two-factor code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={setCode}
            hint="The 6-digit code from your authenticator app (spaces are fine), or a recovery code."
            error={errors.field('code')}
          />
        )}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted">
          <Link to="/portal/forgot-password">Forgot your password?</Link> ·{' '}
          <Link to="/portal/signup">Apply to the program</Link>
        </p>
      </form>
    </main>
  );
}
