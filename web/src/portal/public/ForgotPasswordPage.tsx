import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { CardForm } from '../../components/CardForm.tsx';
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

  function submit() {
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
    <CardForm title="Reset your password" summary={errors.summary} onSubmit={submit}>
      <p className="muted">We will email you a link to choose a new password.</p>
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
    </CardForm>
  );
}
