import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const FIELDS = ['code'] as const;

/** Money actions need a two-factor code confirmed in this session within the last minutes. */
export function ConfirmTwoFactor() {
  const errors = useFormErrors(FIELDS);
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/two-factor/verify', { body: { code } })),
    onSuccess: () => setCode(''),
    onError: errors.fail,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    verify.mutate();
  }
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Confirm with a code">
      <h2>Confirm with your code</h2>
      <p className="muted">
        Withdrawing, changing payment methods and automatic schedules ask for a fresh code from your
        authenticator app (two-factor authentication must be on: see Security).
      </p>
      <FormSummary message={errors.summary} />
      <TextField
        label="Two-factor code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={setCode}
        error={errors.field('code')}
      />
      <button type="submit" disabled={verify.isPending}>
        Confirm
      </button>
      {verify.isSuccess && <p role="status">Confirmed: you can move money for the next few minutes.</p>}
    </form>
  );
}
