import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import type { PartnerProfile } from '../types.ts';

const TEXT = [
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['title', 'Job title'],
  ['phone', 'Mobile phone'],
  ['work_phone', 'Work phone'],
  ['skype', 'Skype'],
  ['telegram', 'Telegram'],
] as const;
const SUBSCRIPTIONS = [
  ['news', 'News of the affiliate program'],
  ['payments', 'Bills and payments'],
  ['reports', 'Requested reports are ready'],
] as const;
const FIELDS = [...TEXT.map(([k]) => k), 'language', 'report_currency', 'timezone', 'email_subscriptions'];

type Subscription = (typeof SUBSCRIPTIONS)[number][0];

export function ProfileForm({ profile }: { profile: PartnerProfile }) {
  const id = useId();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [text, setText] = useState(
    () => Object.fromEntries(TEXT.map(([k]) => [k, profile[k]])) as Record<(typeof TEXT)[number][0], string>,
  );
  const [language, setLanguage] = useState(profile.language);
  const [currency, setCurrency] = useState(profile.report_currency ?? '');
  const [timezone, setTimezone] = useState(profile.timezone ?? '');
  const [subscriptions, setSubscriptions] = useState<Subscription[]>(
    profile.email_subscriptions as Subscription[],
  );

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/partner/v1/profile', {
          body: {
            ...text,
            language,
            report_currency: currency.trim() ? currency.trim().toUpperCase() : null,
            timezone: timezone.trim() || null,
            email_subscriptions: subscriptions,
          },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(['portal', 'profile'], saved),
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.mutate();
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <h2>Account info</h2>
      <p className="muted">
        {profile.email} · member since {new Date(profile.created_at).toLocaleDateString()}
      </p>
      <FormSummary message={errors.summary} />
      {TEXT.map(([key, label]) => (
        <TextField
          key={key}
          label={label}
          value={text[key]}
          onChange={(value) => setText((t) => ({ ...t, [key]: value }))}
          error={errors.field(key)}
        />
      ))}
      <TextField
        label="Language"
        value={language}
        onChange={setLanguage}
        hint="e.g. en, fr, pt-BR"
        error={errors.field('language')}
      />
      <TextField
        label="Default currency for reports"
        value={currency}
        onChange={setCurrency}
        hint="Reports and quick stats show amounts in it, e.g. EUR. Commissions stay in each brand's currency."
        error={errors.field('report_currency')}
      />
      <TextField
        label="Time zone"
        value={timezone}
        onChange={setTimezone}
        hint="e.g. Europe/Paris"
        error={errors.field('timezone')}
      />
      <fieldset>
        <legend>Email subscriptions</legend>
        {SUBSCRIPTIONS.map(([key, label]) => (
          <div className="checkbox" key={key}>
            <input
              type="checkbox"
              id={`${id}-${key}`}
              checked={subscriptions.includes(key)}
              onChange={(event) =>
                setSubscriptions((current) =>
                  event.target.checked ? [...current, key] : current.filter((s) => s !== key),
                )
              }
            />
            <label htmlFor={`${id}-${key}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save profile'}
      </button>
      {save.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
