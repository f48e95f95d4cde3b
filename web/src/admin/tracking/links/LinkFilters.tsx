import { FilterBar, useFilterDraft } from '../../../components/FilterBar.tsx';
import { optionsOf, SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { AUDIENCES, useBrandOptions } from '../api.ts';
import { type LinkSearch, validateLinkSearch } from './link-search.ts';

interface LinkFiltersProps {
  search: LinkSearch;
  /** The filters applied: every key given, undefined for the ones left empty. */
  onChange(next: Partial<LinkSearch>): void;
}

const none: Partial<LinkSearch> = { q: undefined, brand: undefined, audience: undefined, enabled: undefined };

const draftOf = (s: LinkSearch) => ({
  q: s.q ?? '',
  brand: s.brand ? String(s.brand) : '',
  audience: s.audience ?? '',
  enabled: s.enabled ?? '',
});

export function LinkFilters({ search, onChange }: LinkFiltersProps) {
  const brandOptions = useBrandOptions();
  const { draft, set } = useFilterDraft(search, draftOf);
  return (
    <FilterBar
      label="Filter destination links"
      onApply={() => onChange({ ...none, ...validateLinkSearch(draft) })}
      onClear={() => onChange(none)}
    >
      <div className="grow">
        <TextField label="Name" type="search" value={draft.q} onChange={set('q')} />
      </div>
      <SelectField
        label="Brand"
        value={draft.brand}
        empty="Any brand"
        options={brandOptions}
        onChange={set('brand')}
      />
      <SelectField
        label="Audience"
        value={draft.audience}
        empty="Any audience"
        options={optionsOf(AUDIENCES)}
        onChange={set('audience')}
      />
      <SelectField
        label="State"
        value={draft.enabled}
        empty="Enabled or not"
        options={[
          { value: 'yes', label: 'Enabled' },
          { value: 'no', label: 'Disabled' },
        ]}
        onChange={set('enabled')}
      />
    </FilterBar>
  );
}
