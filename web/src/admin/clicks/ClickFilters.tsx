import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { CountryPicker } from '../../reference/pickers.tsx';
import {
  type ClickSearch,
  DEVICE_TYPES,
  fromLocalInput,
  SUB_IDS,
  toLocalInput,
  validateClickSearch,
} from './click-search.ts';

type Draft = Record<Exclude<keyof ClickSearch, 'before'>, string>;

function draftOf(s: ClickSearch): Draft {
  return {
    from: toLocalInput(s.from),
    to: toLocalInput(s.to),
    affiliate: s.affiliate ? String(s.affiliate) : '',
    promo: s.promo ? String(s.promo) : '',
    country: s.country ?? '',
    device: s.device ?? '',
    bot: s.bot ?? '',
    unique: s.unique ?? '',
    sub1: s.sub1 ?? '',
    sub2: s.sub2 ?? '',
    sub3: s.sub3 ?? '',
    sub4: s.sub4 ?? '',
    sub5: s.sub5 ?? '',
  };
}

const YES_NO = (yes: string, no: string) => [
  { value: 'yes', label: yes },
  { value: 'no', label: no },
];

/** Set any filters, then press Filter; a new filter starts again at the newest clicks. */
export function ClickFilters({ search, onApply }: { search: ClickSearch; onApply(next: ClickSearch): void }) {
  const { draft, set } = useFilterDraft(search, draftOf);
  const apply = () =>
    onApply(
      validateClickSearch({ ...draft, from: fromLocalInput(draft.from), to: fromLocalInput(draft.to) }),
    );

  return (
    <FilterBar label="Filter clicks" onApply={apply} onClear={() => onApply({})}>
      <TextField
        label="From"
        type="datetime-local"
        value={draft.from}
        onChange={set('from')}
        hint="Default: 7 days ago"
      />
      <TextField label="To" type="datetime-local" value={draft.to} onChange={set('to')} hint="Default: now" />
      <TextField
        label="Affiliate ID"
        type="number"
        min={1}
        value={draft.affiliate}
        onChange={set('affiliate')}
        size={8}
      />
      <TextField
        label="Promo ID"
        type="number"
        min={1}
        value={draft.promo}
        onChange={set('promo')}
        size={8}
      />
      <CountryPicker label="Country" value={draft.country} empty="Any country" onChange={set('country')} />
      <SelectField
        label="Device"
        value={draft.device}
        empty="Any device"
        options={optionsOf(DEVICE_TYPES)}
        onChange={set('device')}
      />
      <SelectField
        label="Bots"
        value={draft.bot}
        empty="Bots and people"
        options={YES_NO('Bots only', 'People only')}
        onChange={set('bot')}
      />
      <SelectField
        label="Unique"
        value={draft.unique}
        empty="Unique or not"
        options={YES_NO('Unique only', 'Repeat clicks only')}
        onChange={set('unique')}
      />
      {SUB_IDS.map((sub) => (
        <TextField key={sub} label={sub} value={draft[sub]} onChange={set(sub)} size={10} maxLength={255} />
      ))}
    </FilterBar>
  );
}
