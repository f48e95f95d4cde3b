import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import type { FormErrors } from '../../../forms/use-form-errors.ts';
import { LanguagePicker } from '../../../reference/pickers.tsx';
import { useBrandOptions } from '../api.ts';
import { PrivacyFields } from '../PrivacyFields.tsx';
import type { MediaMeta } from './media-values.ts';

interface MediaMetaFieldsProps {
  value: MediaMeta;
  onChange(next: MediaMeta): void;
  errors: FormErrors;
}

/** The inputs shared by the upload form and the edit page. */
export function MediaMetaFields({ value: v, onChange, errors }: MediaMetaFieldsProps) {
  const brandOptions = useBrandOptions();
  const set =
    <K extends keyof MediaMeta>(key: K) =>
    (next: MediaMeta[K]) =>
      onChange({ ...v, [key]: next });
  return (
    <>
      <TextField
        label="Title"
        value={v.title}
        onChange={set('title')}
        error={errors.field('title')}
        required
      />
      <LanguagePicker
        label="Language"
        value={v.language}
        empty="Any language"
        onChange={set('language')}
        hint="The language of the banner's text; empty: it suits any"
        error={errors.field('language')}
      />
      <TextField
        label="Tags"
        value={v.tags}
        onChange={set('tags')}
        hint="Comma separated, e.g. sports, welcome bonus"
        error={errors.field('tags')}
      />
      <SelectField
        label="Brand"
        value={v.brand_id}
        empty="Every brand"
        options={brandOptions}
        onChange={set('brand_id')}
        error={errors.field('brand_id')}
      />
      <PrivacyFields
        isPublic={v.is_public}
        onPublic={set('is_public')}
        affiliateIds={v.affiliate_ids}
        onAffiliates={set('affiliate_ids')}
        affiliatesError={errors.field('affiliate_ids')}
      />
    </>
  );
}
