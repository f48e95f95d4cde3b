import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { MessageCard } from '../../components/MessageCard.tsx';
import { SetPasswordForm } from '../../components/SetPasswordForm.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['password', 'confirm'] as const;

/** Where the set-password (new team member) and reset-password emails lead. */
export function SetPasswordPage({ token, mode }: { token: string | undefined; mode: 'set' | 'reset' }) {
  const errors = useFormErrors(FIELDS);
  const save = useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST('/api/partner/v1/auth/password/set', { body: { token: token ?? '', password } })),
    onError: errors.fail,
  });

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
    <SetPasswordForm
      title={mode === 'set' ? 'Set your password' : 'Choose a new password'}
      errors={errors}
      pending={save.isPending}
      onSave={save.mutate}
    />
  );
}
