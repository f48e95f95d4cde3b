import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDate, setDisplayTimeZone } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { CurrencyPicker, LanguagePicker, TimeZonePicker } from '../../reference/pickers.tsx';
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
            report_currency: currency || null,
            timezone: timezone || null,
            email_subscriptions: subscriptions,
          },
        }),
      ),
    onSuccess: (saved) => {
      setDisplayTimeZone(saved.timezone);
      queryClient.setQueryData(['portal', 'profile'], saved);
    },
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
        {profile.email} · member since {formatDate(profile.created_at)}
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
      <LanguagePicker
        label="Language"
        value={language}
        onChange={setLanguage}
        id={errors.idOf('language')}
        error={errors.field('language')}
      />
      <CurrencyPicker
        source="partner"
        label="Default currency for reports"
        value={currency}
        empty="Each brand's own"
        onChange={setCurrency}
        hint="Reports and quick stats show amounts in it. Commissions, bills and payments stay in each brand's currency."
        id={errors.idOf('report_currency')}
        error={errors.field('report_currency')}
      />
      <TimeZonePicker
        label="Time zone"
        value={timezone}
        empty="This device's time zone"
        onChange={setTimezone}
        hint="Times in the portal are shown in it."
        id={errors.idOf('timezone')}
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
