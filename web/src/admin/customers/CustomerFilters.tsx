import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { CountryPicker } from '../../reference/pickers.tsx';
import { YES_NO } from '../list-params.ts';
import { type CustomerSearch, validateCustomerSearch } from './customer-search.ts';
import { OwnerFields } from './filter-fields.tsx';

type Draft = Record<Exclude<keyof CustomerSearch, 'page'>, string>;

const draftOf = (s: CustomerSearch): Draft => ({
  q: s.q ?? '',
  brand: s.brand ? String(s.brand) : '',
  affiliate: s.affiliate ? String(s.affiliate) : '',
  attributed: s.attributed ?? '',
  fraud: s.fraud ?? '',
  ftd: s.ftd ?? '',
  country: s.country ?? '',
});

const FRAUD_OPTIONS = [
  { value: 'flagged', label: 'Flagged by a fraud rule' },
  { value: 'held', label: 'Held for review' },
  { value: 'clean', label: 'No fraud flags' },
];

/** Set any filters, then press Filter; a new filter starts again at the first page. */
export function CustomerFilters({
  search,
  onApply,
}: {
  search: CustomerSearch;
  onApply(next: CustomerSearch): void;
}) {
  const { draft, set } = useFilterDraft(search, draftOf);
  return (
    <FilterBar
      label="Filter customers"
      onApply={() => onApply(validateCustomerSearch(draft))}
      onClear={() => onApply({})}
    >
      <div className="field grow">
        <label htmlFor="customer-search">Customer id</label>
        <input
          id="customer-search"
          type="search"
          value={draft.q}
          maxLength={200}
          placeholder="Your platform’s id, or its beginning"
          onChange={(event) => set('q')(event.target.value)}
        />
      </div>
      <OwnerFields draft={draft} set={set} />
      <SelectField
        label="Fraud"
        value={draft.fraud}
        empty="Any"
        options={FRAUD_OPTIONS}
        onChange={set('fraud')}
      />
      <SelectField
        label="First deposit"
        value={draft.ftd}
        empty="With or without"
        options={YES_NO('Has deposited', 'No deposit yet')}
        onChange={set('ftd')}
      />
      <CountryPicker label="Country" value={draft.country} empty="Any country" onChange={set('country')} />
    </FilterBar>
  );
}
