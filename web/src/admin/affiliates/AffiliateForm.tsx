import { type FormEvent, type ReactNode, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import type { FormErrors } from '../../forms/use-form-errors.ts';
import { CountryPicker, CurrencyPicker, LanguagePicker, RegionPicker } from '../../reference/pickers.tsx';
import { type Affiliate, STATUSES, useStaffOptions } from './api.ts';

export interface ProfileValues {
  name: string;
  status: Affiliate['status'];
  company_name: string;
  contact_name: string;
  email: string;
  phone: string;
  website_url: string;
  account_manager_id: string;
  account_executive_id: string;
  default_currency: string;
  language: string;
  labels: string;
  internal_notes: string;
  affiliate_notes: string;
  line1: string;
  city: string;
  region_code: string;
  country_code: string;
  postal_code: string;
  vat_number: string;
}

/** Field paths of the API errors this form can show beside an input, with the input's label. */
export const PROFILE_FIELDS: Readonly<Record<string, string>> = {
  name: 'Name',
  status: 'Status',
  company_name: 'Company name',
  contact_name: 'Contact name',
  email: 'Contact email',
  phone: 'Phone',
  website_url: 'Website',
  account_manager_id: 'Account manager',
  account_executive_id: 'Account executive',
  default_currency: 'Default currency',
  language: 'Language',
  labels: 'Labels',
  'address.line1': 'Street',
  'address.city': 'City',
  'address.region_code': 'Region',
  'address.country_code': 'Country',
  'address.postal_code': 'Postal code',
  vat_number: 'VAT number',
  internal_notes: 'Internal notes',
  affiliate_notes: 'Notes visible to the affiliate',
};

export function valuesOf(a?: Affiliate): ProfileValues {
  return {
    name: a?.name ?? '',
    status: a?.status ?? 'pending',
    company_name: a?.company_name ?? '',
    contact_name: a?.contact_name ?? '',
    email: a?.email ?? '',
    phone: a?.phone ?? '',
    website_url: a?.website_url ?? '',
    account_manager_id: a?.account_manager_id ? String(a.account_manager_id) : '',
    account_executive_id: a?.account_executive_id ? String(a.account_executive_id) : '',
    default_currency: a?.default_currency ?? '',
    language: a?.language ?? '',
    labels: a?.labels.join(', ') ?? '',
    internal_notes: a?.internal_notes ?? '',
    affiliate_notes: a?.affiliate_notes ?? '',
    line1: a?.address?.line1 ?? '',
    city: a?.address?.city ?? '',
    region_code: a?.address?.region_code ?? '',
    country_code: a?.address?.country_code ?? '',
    postal_code: a?.address?.postal_code ?? '',
    vat_number: a?.vat_number ?? '',
  };
}

/** The request fields: empty inputs are null, labels a list, the address one object. */
export function bodyOf(v: ProfileValues) {
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    name: v.name,
    status: v.status,
    company_name: orNull(v.company_name),
    contact_name: orNull(v.contact_name),
    email: orNull(v.email),
    phone: orNull(v.phone),
    website_url: orNull(v.website_url),
    account_manager_id: v.account_manager_id ? Number(v.account_manager_id) : null,
    account_executive_id: v.account_executive_id ? Number(v.account_executive_id) : null,
    default_currency: orNull(v.default_currency),
    language: orNull(v.language),
    labels: v.labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
    internal_notes: v.internal_notes,
    affiliate_notes: v.affiliate_notes,
    address: {
      line1: orNull(v.line1),
      city: orNull(v.city),
      region_code: orNull(v.region_code),
      country_code: orNull(v.country_code),
      postal_code: orNull(v.postal_code),
    },
    vat_number: orNull(v.vat_number),
  };
}

interface AffiliateFormProps {
  title: string;
  initial: ProfileValues;
  errors: FormErrors;
  submitLabel: string;
  pending: boolean;
  onSubmit(values: ProfileValues): void;
  /** Extra inputs (the first user on create). */
  children?: ReactNode;
}

export function AffiliateForm({
  title,
  initial,
  errors,
  submitLabel,
  pending,
  onSubmit,
  children,
}: AffiliateFormProps) {
  const staffOptions = useStaffOptions();
  const [v, setV] = useState(initial);
  // A field's error goes as soon as the person changes that field.
  const set =
    (key: keyof ProfileValues, path: string = key) =>
    (value: string) => {
      errors.clear(path);
      setV((current) => ({ ...current, [key]: value }));
    };
  const bind = (path: string) => ({ id: errors.idOf(path), error: errors.field(path) });
  const text = (key: keyof ProfileValues, label: string, path: string = key, extra = {}) => (
    <TextField label={label} value={v[key]} onChange={set(key, path)} {...bind(path)} {...extra} />
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    onSubmit(v);
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <h2>{title}</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      {text('name', 'Name', 'name', { required: true })}
      <SelectField
        label="Status"
        value={v.status}
        options={optionsOf(STATUSES)}
        onChange={set('status')}
        {...bind('status')}
      />
      {text('company_name', 'Company name')}
      {text('contact_name', 'Contact name')}
      {text('email', 'Contact email', 'email', { type: 'email' })}
      {text('phone', 'Phone')}
      {text('website_url', 'Website', 'website_url', { type: 'url', placeholder: 'https://' })}
      <SelectField
        label="Account manager"
        value={v.account_manager_id}
        empty="None"
        options={staffOptions}
        onChange={set('account_manager_id')}
        {...bind('account_manager_id')}
      />
      <SelectField
        label="Account executive"
        value={v.account_executive_id}
        empty="None"
        options={staffOptions}
        onChange={set('account_executive_id')}
        {...bind('account_executive_id')}
      />
      <CurrencyPicker
        label="Default currency"
        value={v.default_currency}
        empty="None"
        onChange={set('default_currency')}
        {...bind('default_currency')}
      />
      <LanguagePicker
        label="Language"
        value={v.language}
        empty="None"
        onChange={set('language')}
        {...bind('language')}
      />
      {text('labels', 'Labels', 'labels', { hint: 'Comma separated' })}
      <fieldset>
        <legend>Address</legend>
        {text('line1', 'Street', 'address.line1')}
        {text('city', 'City', 'address.city')}
        <CountryPicker
          label="Country"
          value={v.country_code}
          empty="None"
          onChange={(code) => {
            // A region belongs to its country: another country's code would be refused.
            if (code !== v.country_code) set('region_code', 'address.region_code')('');
            set('country_code', 'address.country_code')(code);
          }}
          {...bind('address.country_code')}
        />
        <RegionPicker
          label="Region"
          country={v.country_code}
          value={v.region_code}
          onChange={set('region_code', 'address.region_code')}
          {...bind('address.region_code')}
        />
        {text('postal_code', 'Postal code', 'address.postal_code')}
      </fieldset>
      {text('vat_number', 'VAT number')}
      <TextAreaField
        label="Internal notes"
        value={v.internal_notes}
        onChange={set('internal_notes')}
        {...bind('internal_notes')}
      />
      <TextAreaField
        label="Notes visible to the affiliate"
        value={v.affiliate_notes}
        onChange={set('affiliate_notes')}
        {...bind('affiliate_notes')}
      />
      {children}
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
