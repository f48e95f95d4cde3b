import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { twoFactorQuery } from '../queries.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';

const FIELDS = ['code'] as const;

/** Turn 2FA on (scan, confirm, keep the recovery codes) or off (with a code). */
export function TwoFactorPanel() {
  const queryClient = useQueryClient();
  const status = useQuery(twoFactorQuery);
  const errors = useFormErrors(FIELDS);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal'] });

  const setup = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/two-factor/setup')),
    onError: errors.fail,
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/two-factor/confirm', { body: { code } })),
    onSuccess: async (result) => {
      setCodes(result.recovery_codes);
      setCode('');
      setup.reset();
      await refresh();
    },
    onError: errors.fail,
  });
  const disable = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/two-factor/disable', { body: { code } })),
    onSuccess: async () => {
      setCode('');
      setCodes(null);
      await refresh();
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (status.data?.enabled) disable.mutate();
    else confirm.mutate();
  }

  const enabled = status.data?.enabled;
  return (
    <section className="panel">
      <div className="panel-heading">
        <h2>Two-factor authentication</h2>
        {status.data && (
          <span className={`badge ${enabled ? 'badge-ok' : 'badge-bad'}`} data-testid="two-factor-state">
            {enabled ? 'on' : 'off'}
          </span>
        )}
      </div>
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      {!enabled && !setup.data && (
        <>
          <p className="muted">
            A code from an authenticator app on your phone is asked at sign-in and before financial actions.
            {status.data?.required_by_operator && ' The affiliate program requires it.'}
          </p>
          <FormSummary message={errors.summary} />
          <button type="button" onClick={() => setup.mutate()} disabled={setup.isPending}>
            Enable 2FA
          </button>
        </>
      )}
      {(enabled || setup.data) && (
        <form className="form" onSubmit={submit} noValidate>
          {setup.data && !enabled && (
            <>
              <p>Scan this QR code with your authenticator app, then enter the code it shows.</p>
              <img
                src={setup.data.qr_code_data_url}
                alt="QR code for your authenticator app"
                width={200}
                height={200}
              />
              <p className="muted">
                Cannot scan? Enter this key in the app:{' '}
                <code data-testid="totp-secret">{setup.data.secret}</code>
              </p>
            </>
          )}
          {enabled && (
            <p className="muted">
              {status.data?.recovery_codes_left} recovery codes left. To turn 2FA off, enter a current code or
              a recovery code.
            </p>
          )}
          <FormSummary message={errors.summary} />
          <TextField
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
            error={errors.field('code')}
          />
          <button
            type="submit"
            className={enabled ? 'button-danger' : undefined}
            disabled={confirm.isPending || disable.isPending}
          >
            {enabled ? 'Disable 2FA' : 'Confirm'}
          </button>
        </form>
      )}
    </section>
  );
}
