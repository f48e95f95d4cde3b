import { useQuery } from '@tanstack/react-query';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { plansQuery } from '../commission-plans/api.ts';
import { fromLocalInput, toLocalInput } from '../list-params.ts';
import { useBrandOptions } from '../tracking/api.ts';
import { KINDS, STATUSES } from './api.ts';
import { type CommissionSearch, validateCommissionSearch } from './commission-search.ts';

type Draft = Record<Exclude<keyof CommissionSearch, 'page' | 'open'>, string>;

const draftOf = (s: CommissionSearch): Draft => ({
  affiliate: s.affiliate ? String(s.affiliate) : '',
  brand: s.brand ? String(s.brand) : '',
  plan: s.plan ? String(s.plan) : '',
  status: s.status ?? '',
  kind: s.kind ?? '',
  from: toLocalInput(s.from),
  until: toLocalInput(s.until),
});

export function CommissionFilters({
  search,
  onApply,
}: {
  search: CommissionSearch;
  onApply(next: CommissionSearch): void;
}) {
  const { draft, set } = useFilterDraft(search, draftOf);
  const brands = useBrandOptions();
  const plans = useQuery(plansQuery({ page_size: 200 })).data?.data ?? [];
  const apply = () =>
    onApply(
      validateCommissionSearch({
        ...draft,
        from: fromLocalInput(draft.from),
        until: fromLocalInput(draft.until),
      }),
    );
  return (
    <FilterBar label="Filter commissions" onApply={apply} onClear={() => onApply({})}>
      <TextField
        label="Affiliate id"
        inputMode="numeric"
        value={draft.affiliate}
        onChange={set('affiliate')}
      />
      <SelectField
        label="Brand"
        value={draft.brand}
        empty="Any brand"
        options={brands}
        onChange={set('brand')}
      />
      <SelectField
        label="Plan"
        value={draft.plan}
        empty="Any plan"
        options={plans.map((p) => ({ value: String(p.id), label: `${p.name} (${p.currency})` }))}
        onChange={set('plan')}
      />
      <SelectField
        label="Status"
        value={draft.status}
        empty="Any status"
        options={optionsOf(STATUSES)}
        onChange={set('status')}
      />
      <SelectField
        label="Kind"
        value={draft.kind}
        empty="Any kind"
        options={optionsOf(KINDS)}
        onChange={set('kind')}
      />
      <TextField label="Earned from" type="datetime-local" value={draft.from} onChange={set('from')} />
      <TextField label="Earned before" type="datetime-local" value={draft.until} onChange={set('until')} />
    </FilterBar>
  );
}
