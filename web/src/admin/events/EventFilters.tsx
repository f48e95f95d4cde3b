import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { OwnerFields } from '../customers/filter-fields.tsx';
import { fromLocalInput, toLocalInput, YES_NO } from '../list-params.ts';
import { EVENT_TYPES } from './api.ts';
import { type EventSearch, validateEventSearch } from './event-search.ts';

type Draft = Record<Exclude<keyof EventSearch, 'page' | 'customer'>, string>;
const TIMES = ['occurred_from', 'occurred_to', 'received_from', 'received_to'] as const;

const draftOf = (s: EventSearch): Draft => ({
  type: s.type ?? '',
  brand: s.brand ? String(s.brand) : '',
  affiliate: s.affiliate ? String(s.affiliate) : '',
  attributed: s.attributed ?? '',
  held: s.held ?? '',
  occurred_from: toLocalInput(s.occurred_from),
  occurred_to: toLocalInput(s.occurred_to),
  received_from: toLocalInput(s.received_from),
  received_to: toLocalInput(s.received_to),
});

/** Set any filters, then press Filter; a customer chosen elsewhere stays until Clear. */
export function EventFilters({ search, onApply }: { search: EventSearch; onApply(next: EventSearch): void }) {
  const { draft, set } = useFilterDraft(search, draftOf);
  const apply = () => {
    const times = Object.fromEntries(TIMES.map((key) => [key, fromLocalInput(draft[key])]));
    onApply(validateEventSearch({ ...draft, ...times, customer: search.customer }));
  };

  const when = (key: (typeof TIMES)[number], label: string) => (
    <TextField label={label} type="datetime-local" value={draft[key]} onChange={set(key)} />
  );
  return (
    <FilterBar label="Filter events" onApply={apply} onClear={() => onApply({})}>
      <SelectField
        label="Type"
        value={draft.type}
        empty="Any type"
        options={optionsOf(EVENT_TYPES)}
        onChange={set('type')}
      />
      <OwnerFields draft={draft} set={set} />
      <SelectField
        label="Held"
        value={draft.held}
        empty="Held or not"
        options={YES_NO('Held for review', 'Not held')}
        onChange={set('held')}
      />
      {when('occurred_from', 'Happened from')}
      {when('occurred_to', 'Happened until')}
      {when('received_from', 'Received from')}
      {when('received_to', 'Received until')}
    </FilterBar>
  );
}
