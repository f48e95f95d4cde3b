import { type FormEvent, useId, useState } from 'react';
import { FormSummary } from '../../../components/FormSummary.tsx';
import { TextField } from '../../../components/TextField.tsx';
import type { FormErrors } from '../../../forms/use-form-errors.ts';
import { CurrencyPicker } from '../../../reference/pickers.tsx';
import type { Brand, BrandBody } from '../api.ts';

export const BRAND_FIELDS = ['name', 'base_currency', 'tracking_domain', 'enabled'];

interface BrandFormProps {
  brand?: Brand;
  errors: FormErrors;
  submitLabel: string;
  pending: boolean;
  onSubmit(body: BrandBody): void;
}

export function BrandForm({ brand, errors, submitLabel, pending, onSubmit }: BrandFormProps) {
  const id = useId();
  const [name, setName] = useState(brand?.name ?? '');
  const [currency, setCurrency] = useState(brand?.base_currency ?? 'EUR');
  const [domain, setDomain] = useState(brand?.tracking_domain ?? '');
  const [enabled, setEnabled] = useState(brand?.enabled ?? true);

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    onSubmit({ name, base_currency: currency, tracking_domain: domain.trim() || null, enabled });
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <FormSummary message={errors.summary} />
      <TextField label="Name" value={name} onChange={setName} error={errors.field('name')} required />
      <CurrencyPicker
        label="Base currency"
        value={currency}
        onChange={setCurrency}
        hint="Commissions, bills and payments of this brand are counted in it"
        error={errors.field('base_currency')}
      />
      <TextField
        label="Tracking domain"
        value={domain}
        onChange={setDomain}
        placeholder="go.brand.com"
        hint="Host or origin tracking links are written on; empty: this server's public address"
        error={errors.field('tracking_domain')}
      />
      <div className="checkbox">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <label htmlFor={`${id}-enabled`}>Enabled</label>
        <span className="muted">A disabled brand's tracking links go to the fallback URL.</span>
      </div>
      {errors.field('enabled') && <p className="field-error">{errors.field('enabled')}</p>}
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
