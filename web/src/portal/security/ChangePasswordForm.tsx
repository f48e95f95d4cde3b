import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['current_password', 'new_password', 'confirm'] as const;

export function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/profile/password', {
          body: { current_password: current, new_password: next },
        }),
      ),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      void queryClient.invalidateQueries({ queryKey: ['portal', 'sessions'] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (next !== confirm) {
      errors.setField('confirm', 'does not match the new password');
      return;
    }
    change.mutate();
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <h2>Password</h2>
      <FormSummary message={errors.summary} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        error={errors.field('current_password')}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
        hint="Your other sessions end when you change it."
        error={errors.field('new_password')}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={setConfirm}
        error={errors.field('confirm')}
      />
      <button type="submit" disabled={change.isPending}>
        Change password
      </button>
      {change.isSuccess && (
        <p role="status">
          Password changed; {change.data.sessions_ended} other session
          {change.data.sessions_ended === 1 ? '' : 's'} ended.
        </p>
      )}
    </form>
  );
}
