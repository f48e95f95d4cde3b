import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { MessageCard } from '../../components/MessageCard.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['password', 'confirm'] as const;

/** Where the set-password (new team member) and reset-password emails lead. */
export function SetPasswordPage({ token, mode }: { token: string | undefined; mode: 'set' | 'reset' }) {
  const errors = useFormErrors(FIELDS);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/partner/v1/auth/password/set', { body: { token: token ?? '', password } })),
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (password !== confirm) {
      errors.setField('confirm', 'does not match the password');
      return;
    }
    save.mutate();
  }

  if (!token) {
    return (
      <MessageCard title="This link is incomplete">
        <p>Open the link from your email again, or ask for a new one.</p>
        <Link to="/portal/forgot-password">Ask for a new link</Link>
      </MessageCard>
    );
  }
  if (save.isSuccess) {
    return (
      <MessageCard title="Your password is set">
        <p>Sign in with {save.data.email} and your new password.</p>
        <Link to="/portal/sign-in">Sign in</Link>
      </MessageCard>
    );
  }
  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>{mode === 'set' ? 'Set your password' : 'Choose a new password'}</h1>
        <FormSummary message={errors.summary} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
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
        <button type="submit" disabled={save.isPending}>
          Save password
        </button>
      </form>
    </main>
  );
}
