import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { CardForm } from '../../components/CardForm.tsx';
import { MessageCard } from '../../components/MessageCard.tsx';
import { PASSWORD_HINT } from '../../components/NewPasswordFields.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { CountryPicker } from '../../reference/pickers.tsx';
import { programQuery, trafficSourcesQuery } from '../program.ts';

/** The inputs, in the form's order, with the labels the error summary links by. */
const FIELDS = {
  first_name: 'First name',
  last_name: 'Last name',
  company_name: 'Company',
  website_url: 'Website',
  country_code: 'Country',
  traffic_source_id: 'Main traffic source',
  email: 'Email',
  password: 'Password',
  terms_accepted: 'Terms and conditions',
};

/**
 * The public application form; a referral link brings `?ref=<code>`, a promo's sub-affiliate
 * tracking link `?promo=<promo code>`.
 */
export function SignUpPage() {
  const { ref, promo } = useSearch({ from: '/portal/signup' });
  const errors = useFormErrors(FIELDS);
  const program = useQuery(programQuery).data;
  const sources = useQuery(trafficSourcesQuery).data?.data ?? [];
  const [form, setForm] = useState({
    country_code: '',
    traffic_source_id: '',
    email: '',
    password: '',
    first_name: '',
    last_name: '',
    company_name: '',
    website_url: '',
  });
  const [terms, setTerms] = useState(false);
  // A field's error goes as soon as the person changes that field.
  const set = (key: keyof typeof form) => (value: string) => {
    errors.clear(key);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const bind = (path: keyof typeof FIELDS) => ({ id: errors.idOf(path), error: errors.field(path) });

  const apply = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/sign-up', {
          body: {
            ...form,
            company_name: form.company_name || undefined,
            website_url: form.website_url || undefined,
            country_code: form.country_code || undefined,
            traffic_source_id: form.traffic_source_id ? Number(form.traffic_source_id) : undefined,
            terms_accepted: terms,
            ...(ref ? { ref } : {}),
            ...(promo ? { promo } : {}),
          },
        }),
      ),
    onError: errors.fail,
  });

  function submit() {
    errors.reset();
    apply.mutate();
  }

  if (apply.isSuccess) {
    return (
      <MessageCard title="Application received">
        <p>Thank you. We review every application and will email {form.email} once it is decided.</p>
        <Link to="/portal/sign-in">Back to sign in</Link>
      </MessageCard>
    );
  }
  const termsError = errors.field('terms_accepted');
  const termsId = errors.idOf('terms_accepted');
  return (
    <CardForm
      title={program ? `Apply to ${program.name}` : 'Apply to the affiliate program'}
      summary={errors.summary}
      problems={errors.problems}
      onSubmit={submit}
    >
      <TextField
        label="First name"
        required
        value={form.first_name}
        onChange={set('first_name')}
        {...bind('first_name')}
      />
      <TextField
        label="Last name"
        required
        value={form.last_name}
        onChange={set('last_name')}
        {...bind('last_name')}
      />
      <TextField
        label="Company"
        value={form.company_name}
        onChange={set('company_name')}
        {...bind('company_name')}
      />
      <TextField
        label="Website"
        type="url"
        value={form.website_url}
        onChange={set('website_url')}
        hint="Where you will promote us, e.g. https://example.com"
        {...bind('website_url')}
      />
      <CountryPicker
        source="partner"
        label="Country"
        value={form.country_code}
        empty="Choose your country"
        onChange={set('country_code')}
        hint="Where you or your company are based"
        {...bind('country_code')}
      />
      {sources.length > 0 && (
        <SelectField
          label="Main traffic source"
          value={form.traffic_source_id}
          empty="Choose later"
          options={sources.map((source) => ({ value: String(source.id), label: source.name }))}
          onChange={set('traffic_source_id')}
          {...bind('traffic_source_id')}
        />
      )}
      {sources.length > 0 && (
        <p className="hint">
          {sources.find((source) => String(source.id) === form.traffic_source_id)?.description ||
            'How you will bring visitors: SEO, social media, email, paid ads…'}
        </p>
      )}
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        required
        value={form.email}
        onChange={set('email')}
        {...bind('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        value={form.password}
        onChange={set('password')}
        hint={PASSWORD_HINT}
        {...bind('password')}
      />
      <div className="checkbox">
        <input
          id={termsId}
          type="checkbox"
          checked={terms}
          aria-invalid={termsError ? true : undefined}
          aria-describedby={termsError ? `${termsId}-error` : undefined}
          onChange={(event) => {
            errors.clear('terms_accepted');
            setTerms(event.target.checked);
          }}
        />
        <label htmlFor={termsId}>
          I accept the terms and conditions of {program?.name ?? 'the affiliate program'}
        </label>
      </div>
      {program?.terms_url && (
        <a href={program.terms_url} target="_blank" rel="noreferrer" className="terms-link">
          Read the terms and conditions (opens in a new tab)
        </a>
      )}
      {termsError && (
        <p className="field-error" id={`${termsId}-error`}>
          {termsError}
        </p>
      )}
      <button type="submit" disabled={apply.isPending}>
        Apply
      </button>
      <Link to="/portal/sign-in">Already a partner? Sign in</Link>
    </CardForm>
  );
}
