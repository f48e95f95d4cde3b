import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { EMPTY_PASSWORD, NewPasswordFields, passwordsMatch } from '../../components/NewPasswordFields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['current_password', 'new_password', 'confirm'] as const;
const LABEL = 'New password';

export function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(EMPTY_PASSWORD);
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/profile/password', {
          body: { current_password: current, new_password: next.password },
        }),
      ),
    onSuccess: () => {
      setCurrent('');
      setNext(EMPTY_PASSWORD);
      void queryClient.invalidateQueries({ queryKey: ['portal', 'sessions'] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (passwordsMatch(next, errors, LABEL)) change.mutate();
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
      <NewPasswordFields
        value={next}
        onChange={setNext}
        errors={errors}
        path="new_password"
        label={LABEL}
        hint="Your other sessions end when you change it."
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
