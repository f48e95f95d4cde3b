import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { MessageCard } from '../../components/MessageCard.tsx';
import { SetPasswordForm } from '../../components/SetPasswordForm.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['password', 'confirm'] as const;

/** Where a new staff user's set-password email leads. */
export function SetStaffPasswordPage() {
  const { token } = useSearch({ from: '/admin/set-password' });
  const errors = useFormErrors(FIELDS);
  const save = useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST('/api/v1/auth/set-password', { body: { token: token ?? '', password } })),
    onError: errors.fail,
  });

  if (save.isSuccess) {
    return (
      <MessageCard title="Your password is set">
        <p>Sign in to the back office as {save.data.email}.</p>
        <Link to="/admin/login">Sign in</Link>
      </MessageCard>
    );
  }
  return (
    <SetPasswordForm
      title="Set your back office password"
      errors={errors}
      pending={save.isPending}
      onSave={save.mutate}
    />
  );
}
