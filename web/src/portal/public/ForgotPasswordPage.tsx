import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { MessageCard } from '../../components/MessageCard.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/auth/password/forgot', { body: { email } })),
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    request.mutate();
  }

  if (request.isSuccess) {
    return (
      <MessageCard title="Check your email">
        <p>
          If {email} has an account, a link to reset its password is on its way. It works once, within 2
          hours.
        </p>
        <Link to="/portal/sign-in">Back to sign in</Link>
      </MessageCard>
    );
  }
  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>Reset your password</h1>
        <p className="muted">We will email you a link to choose a new password.</p>
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
        <button type="submit" disabled={request.isPending}>
          Send the link
        </button>
        <Link to="/portal/sign-in">Back to sign in</Link>
      </form>
    </main>
  );
}
