import { useState } from 'react';
import { FilterBar, useFilterDraft } from '../../../components/FilterBar.tsx';
import { optionsOf, SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { LanguagePicker } from '../../../reference/pickers.tsx';
import { MEDIA_FORMATS, ORIENTATIONS } from '../api.ts';
import { type MediaSearch, parseSize, validateMediaSearch } from './media-search.ts';

interface MediaFiltersProps {
  search: MediaSearch;
  onApply(next: MediaSearch): void;
}

/** As in the seed: set any filters, then press Filter. */
export function MediaFilters({ search, onApply }: MediaFiltersProps) {
  const { draft, set } = useFilterDraft(search, draftOf);
  const [sizeError, setSizeError] = useState<string>();

  function apply() {
    if (draft.size.trim() && !parseSize(draft.size)) {
      setSizeError('write width x height, e.g. 300x250');
      return;
    }
    setSizeError(undefined);
    onApply(validateMediaSearch(draft));
  }

  return (
    <FilterBar label="Filter banners" onApply={apply} onClear={() => onApply({})}>
      <div className="grow">
        <TextField label="Title" type="search" value={draft.title} onChange={set('title')} />
      </div>
      <LanguagePicker
        label="Language"
        value={draft.language}
        empty="Any language"
        onChange={set('language')}
      />
      <SelectField
        label="Format"
        value={draft.format}
        empty="Any format"
        options={MEDIA_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
        onChange={set('format')}
      />
      <SelectField
        label="Privacy"
        value={draft.privacy}
        empty="Public or private"
        options={optionsOf(['public', 'private'])}
        onChange={set('privacy')}
      />
      <TextField
        label="Size"
        value={draft.size}
        onChange={set('size')}
        placeholder="300x250"
        size={9}
        error={sizeError}
      />
      <TextField label="Tag" value={draft.tag} onChange={set('tag')} size={12} />
      <SelectField
        label="Orientation"
        value={draft.orientation}
        empty="Any orientation"
        options={optionsOf(ORIENTATIONS)}
        onChange={set('orientation')}
      />
    </FilterBar>
  );
}

function draftOf(s: MediaSearch): Record<keyof MediaSearch, string> {
  return {
    title: s.title ?? '',
    language: s.language ?? '',
    format: s.format ?? '',
    privacy: s.privacy ?? '',
    size: s.size ?? '',
    tag: s.tag ?? '',
    orientation: s.orientation ?? '',
  };
}
