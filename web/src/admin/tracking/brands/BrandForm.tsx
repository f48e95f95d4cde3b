import { type FormEvent, useId, useState } from 'react';
import { FormSummary } from '../../../components/FormSummary.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import type { FormErrors } from '../../../forms/use-form-errors.ts';
import { CurrencyPicker } from '../../../reference/pickers.tsx';
import type { Brand, BrandBody } from '../api.ts';

export const BRAND_FIELDS = [
  'name',
  'base_currency',
  'tracking_domain',
  'enabled',
  'attribution_binding',
  'click_lookback_days',
  'show_customer_ids',
];

const BINDINGS = [
  { value: 'lifetime', label: 'Lifetime: to the first affiliate' },
  { value: 'last_click', label: 'Last click: to the newest click' },
];

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
  const [binding, setBinding] = useState<string>(brand?.attribution_binding ?? 'lifetime');
  const [days, setDays] = useState(String(brand?.click_lookback_days ?? 30));
  const [showIds, setShowIds] = useState(brand?.show_customer_ids ?? false);

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    onSubmit({
      name,
      base_currency: currency,
      tracking_domain: domain.trim() || null,
      enabled,
      attribution_binding: binding as BrandBody['attribution_binding'],
      // Not a whole number: sent as typed, so the server's message lands under the field.
      click_lookback_days: (/^\d+$/.test(days.trim()) ? Number(days) : days) as number,
      show_customer_ids: showIds,
    });
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
      <fieldset>
        <legend>Attribution</legend>
        <SelectField
          label="A customer belongs"
          value={binding}
          options={BINDINGS}
          onChange={setBinding}
          error={errors.field('attribution_binding')}
        />
        <TextField
          label="Click window (days)"
          value={days}
          onChange={setDays}
          inputMode="numeric"
          size={6}
          hint="How old a click may be when an event names it (1 to 3650)"
          error={errors.field('click_lookback_days')}
        />
        <div className="checkbox">
          <input
            id={`${id}-show-ids`}
            type="checkbox"
            checked={showIds}
            onChange={(e) => setShowIds(e.target.checked)}
          />
          <label htmlFor={`${id}-show-ids`}>Show affiliates your customer ids in full</label>
          <span className="muted">Otherwise they see only the first and last two characters.</span>
        </div>
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
