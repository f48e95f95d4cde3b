import { type FormEvent, useEffect, useState } from 'react';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { YES_NO } from '../list-params.ts';
import { type CustomerSearch, validateCustomerSearch } from './customer-search.ts';
import { FilterButtons, OwnerFields } from './filter-fields.tsx';

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
  const [draft, setDraft] = useState<Draft>(() => draftOf(search));
  useEffect(() => setDraft(draftOf(search)), [search]);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(validateCustomerSearch(draft));
  }

  return (
    <form className="panel filters" onSubmit={submit} aria-label="Filter customers">
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
      <TextField
        label="Country"
        value={draft.country}
        onChange={set('country')}
        placeholder="NL"
        maxLength={2}
        size={4}
      />
      <FilterButtons onClear={() => onApply({})} />
    </form>
  );
}
