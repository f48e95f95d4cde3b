import { type FormEvent, useId, useState } from 'react';
import { FormSummary } from '../../../components/FormSummary.tsx';
import { optionsOf, SelectField } from '../../../components/SelectField.tsx';
import { TextAreaField } from '../../../components/TextAreaField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import type { FormErrors } from '../../../forms/use-form-errors.ts';
import { AUDIENCES, LINK_TYPES, useBrandOptions } from '../api.ts';
import { PrivacyFields } from '../PrivacyFields.tsx';
import { AssetPicker } from './AssetPicker.tsx';
import { insertPlaceholder } from './insert-placeholder.ts';
import type { LinkValues } from './link-values.ts';
import { PlaceholderPreview } from './PlaceholderPreview.tsx';

interface LinkFormProps {
  initial: LinkValues;
  errors: FormErrors;
  submitLabel: string;
  pending: boolean;
  onSubmit(values: LinkValues): void;
}

export function LinkForm({ initial, errors, submitLabel, pending, onSubmit }: LinkFormProps) {
  const id = useId();
  const brandOptions = useBrandOptions();
  const [v, setV] = useState(initial);
  const set =
    <K extends keyof LinkValues>(key: K) =>
    (value: LinkValues[K]) =>
      setV((current) => ({ ...current, [key]: value }));
  const brandId = v.brand_id ? Number(v.brand_id) : undefined;
  const hasAb = v.url_ab.trim() !== '';

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    onSubmit(v);
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <FormSummary message={errors.summary} />
      <SelectField
        label="Brand"
        value={v.brand_id}
        empty="Choose a brand"
        options={brandOptions}
        onChange={set('brand_id')}
        error={errors.field('brand_id')}
      />
      <TextField label="Name" value={v.name} onChange={set('name')} error={errors.field('name')} required />
      <SelectField
        label="Type"
        value={v.link_type}
        options={optionsOf(LINK_TYPES)}
        onChange={(value) => set('link_type')(value as LinkValues['link_type'])}
        error={errors.field('link_type')}
      />
      <TextAreaField
        label="Description"
        rows={2}
        value={v.description}
        onChange={set('description')}
        error={errors.field('description')}
      />
      <TextField
        label="URL"
        value={v.url}
        onChange={set('url')}
        placeholder="https://brand.com/welcome?btag={{click_id}}"
        id={`${id}-url`}
        error={errors.field('url')}
        required
      />
      <fieldset>
        <legend>A/B test</legend>
        <TextField
          label="B URL"
          value={v.url_ab}
          onChange={set('url_ab')}
          hint="Optional: a second landing that gets the share of clicks below"
          error={errors.field('url_ab')}
        />
        <TextField
          label="Share of clicks sent to B (%)"
          type="number"
          min={0}
          max={100}
          value={v.ab_split}
          onChange={set('ab_split')}
          disabled={!hasAb}
          error={errors.field('ab_split')}
        />
      </fieldset>
      <PlaceholderPreview
        url={v.url}
        urlAb={v.url_ab}
        onInsert={(name) => {
          // The input keeps its cursor position after the button took the focus.
          const input = document.getElementById(`${id}-url`) as HTMLInputElement | null;
          set('url')(insertPlaceholder(v.url, name, input?.selectionStart ?? null));
        }}
      />
      <SelectField
        label="Audience"
        value={v.audience}
        options={optionsOf(AUDIENCES)}
        onChange={(value) => set('audience')(value as LinkValues['audience'])}
        error={errors.field('audience')}
      />
      <PrivacyFields
        isPublic={v.is_public}
        onPublic={set('is_public')}
        affiliateIds={v.private_affiliate_ids}
        onAffiliates={set('private_affiliate_ids')}
        affiliatesError={errors.field('private_affiliate_ids')}
      />
      <AssetPicker
        brandId={brandId}
        ids={v.asset_ids}
        onChange={set('asset_ids')}
        error={errors.field('asset_ids')}
      />
      <div className="checkbox">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={v.enabled}
          onChange={(e) => set('enabled')(e.target.checked)}
        />
        <label htmlFor={`${id}-enabled`}>Enabled</label>
        <span className="muted">Promos on a disabled link go to the fallback URL.</span>
      </div>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
