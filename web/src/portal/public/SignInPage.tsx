import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { CardForm } from '../../components/CardForm.tsx';
import { EMPTY_CREDENTIALS, SignInFields } from '../../components/SignInFields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { programQuery } from '../program.ts';

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
  const program = useQuery(programQuery).data;
  const [credentials, setCredentials] = useState(EMPTY_CREDENTIALS);
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);

  const signIn = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/auth/sign-in', {
          body: { ...credentials, ...(needsCode ? { code } : {}) },
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

  function submit() {
    errors.reset();
    signIn.mutate();
  }

  return (
    <CardForm
      title={program ? `Sign in to ${program.name}` : 'Sign in to the affiliate portal'}
      summary={errors.summary}
      onSubmit={submit}
    >
      {notice && NOTICES[notice] && <p className="form-summary">{NOTICES[notice]}</p>}
      <SignInFields value={credentials} onChange={setCredentials} errors={errors} autoFocus={!needsCode} />
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
    </CardForm>
  );
}
