import { type FormEvent, useEffect, useState } from 'react';
import { optionsOf, SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { MEDIA_FORMATS, ORIENTATIONS } from '../api.ts';
import { type MediaSearch, parseSize, validateMediaSearch } from './media-search.ts';

interface MediaFiltersProps {
  search: MediaSearch;
  onApply(next: MediaSearch): void;
}

/** As in the seed: set any filters, then press Filter. */
export function MediaFilters({ search, onApply }: MediaFiltersProps) {
  const [draft, setDraft] = useState<Record<keyof MediaSearch, string>>(() => draftOf(search));
  const [sizeError, setSizeError] = useState<string>();
  useEffect(() => setDraft(draftOf(search)), [search]);
  const set = (key: keyof MediaSearch) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft.size.trim() && !parseSize(draft.size)) {
      setSizeError('write width x height, e.g. 300x250');
      return;
    }
    setSizeError(undefined);
    onApply(validateMediaSearch(draft));
  }

  return (
    <form className="panel filters" onSubmit={submit} aria-label="Filter banners">
      <div className="grow">
        <TextField label="Title" type="search" value={draft.title} onChange={set('title')} />
      </div>
      <TextField
        label="Language"
        value={draft.language}
        onChange={set('language')}
        placeholder="en"
        size={6}
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
      <div className="actions">
        <button type="submit">Filter</button>
        <button type="button" className="button-secondary" onClick={() => onApply({})}>
          Reset
        </button>
      </div>
    </form>
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
