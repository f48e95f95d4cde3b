import { type FormEvent, useEffect, useState } from 'react';
import { optionsOf, SelectField } from '../../../components/SelectField.tsx';
import { AUDIENCES, useBrandOptions } from '../api.ts';
import type { LinkSearch } from './link-search.ts';

interface LinkFiltersProps {
  search: LinkSearch;
  onChange(next: Partial<LinkSearch>): void;
}

/** The name search is sent on submit; the selects apply as soon as they change. */
export function LinkFilters({ search, onChange }: LinkFiltersProps) {
  const brandOptions = useBrandOptions();
  const [q, setQ] = useState(search.q ?? '');
  useEffect(() => setQ(search.q ?? ''), [search.q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ q: q.trim() || undefined });
  }

  return (
    <form className="panel filters" onSubmit={submit} aria-label="Filter destination links">
      <div className="field grow">
        <label htmlFor="link-search">Name</label>
        <input id="link-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <SelectField
        label="Brand"
        value={search.brand ? String(search.brand) : ''}
        empty="Any brand"
        options={brandOptions}
        onChange={(v) => onChange({ brand: v ? Number(v) : undefined })}
      />
      <SelectField
        label="Audience"
        value={search.audience ?? ''}
        empty="Any audience"
        options={optionsOf(AUDIENCES)}
        onChange={(v) => onChange({ audience: (v || undefined) as LinkSearch['audience'] })}
      />
      <SelectField
        label="State"
        value={search.enabled ?? ''}
        empty="Enabled or not"
        options={[
          { value: 'yes', label: 'Enabled' },
          { value: 'no', label: 'Disabled' },
        ]}
        onChange={(v) => onChange({ enabled: (v || undefined) as LinkSearch['enabled'] })}
      />
      <button type="submit">Search</button>
    </form>
  );
}
