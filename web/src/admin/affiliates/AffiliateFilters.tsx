import { useQuery } from '@tanstack/react-query';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { CountryPicker } from '../../reference/pickers.tsx';
import { labelsQuery, STATUSES, useStaffOptions } from './api.ts';
import { type ListSearch, validateListSearch } from './list-search.ts';
import { FREQUENCIES, PAYMENT_TYPES } from './payment-fields.ts';

interface AffiliateFiltersProps {
  search: ListSearch;
  onChange(next: Partial<ListSearch>): void;
}

const FILTERS = ['q', 'status', 'manager', 'label', 'country', 'frequency', 'payment'] as const;
type Draft = Record<(typeof FILTERS)[number], string>;

const draftOf = (s: ListSearch): Draft => ({
  q: s.q ?? '',
  status: s.status ?? '',
  manager: s.manager ? String(s.manager) : '',
  label: s.label ?? '',
  country: s.country ?? '',
  frequency: s.frequency ?? '',
  payment: s.payment ?? '',
});

/** Every filter left empty is dropped; the others replace the applied ones. */
const none = Object.fromEntries(FILTERS.map((key) => [key, undefined])) as Partial<ListSearch>;

export function AffiliateFilters({ search, onChange }: AffiliateFiltersProps) {
  const staffOptions = useStaffOptions();
  const labels = useQuery(labelsQuery);
  const { draft, set } = useFilterDraft(search, draftOf);
  return (
    <FilterBar
      label="Filter affiliates"
      onApply={() => onChange({ ...none, ...validateListSearch(draft) })}
      onClear={() => onChange(none)}
    >
      <div className="grow">
        <TextField
          label="Search"
          type="search"
          value={draft.q}
          placeholder="Name, company or email"
          onChange={set('q')}
        />
      </div>
      <SelectField
        label="Status"
        value={draft.status}
        empty="Any status"
        options={optionsOf(STATUSES)}
        onChange={set('status')}
      />
      <SelectField
        label="Account manager"
        value={draft.manager}
        empty="Anyone"
        options={staffOptions}
        onChange={set('manager')}
      />
      <SelectField
        label="Label"
        value={draft.label}
        empty="Any label"
        options={(labels.data?.data ?? []).map((l) => ({ value: l.name, label: l.name }))}
        onChange={set('label')}
      />
      <SelectField
        label="Billing"
        value={draft.frequency}
        empty="Any frequency"
        options={optionsOf(FREQUENCIES)}
        onChange={set('frequency')}
      />
      <SelectField
        label="Payment"
        value={draft.payment}
        empty="Any payment type"
        options={optionsOf(PAYMENT_TYPES)}
        onChange={set('payment')}
      />
      <CountryPicker label="Country" value={draft.country} empty="Any country" onChange={set('country')} />
    </FilterBar>
  );
}
