import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { MessageCard } from '../../components/MessageCard.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['password', 'confirm'] as const;

/** Where a new staff user's set-password email leads. */
export function SetStaffPasswordPage() {
  const { token } = useSearch({ from: '/admin/set-password' });
  const errors = useFormErrors(FIELDS);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/auth/set-password', { body: { token: token ?? '', password } })),
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

  if (save.isSuccess) {
    return (
      <MessageCard title="Your password is set">
        <p>Sign in to the back office as {save.data.email}.</p>
        <Link to="/admin/login">Sign in</Link>
      </MessageCard>
    );
  }
  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>Set your back office password</h1>
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
