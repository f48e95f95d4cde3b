import { useQuery } from '@tanstack/react-query';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useBrandOptions } from '../tracking/api.ts';
import { plansQuery } from './api.ts';
import { type CampaignSearch, validateCampaignSearch } from './campaign-search.ts';

const draftOf = (s: CampaignSearch) => ({
  name: s.name ?? '',
  affiliate: s.affiliate ? String(s.affiliate) : '',
  brand: s.brand ? String(s.brand) : '',
  plan: s.plan ? String(s.plan) : '',
});

/** Set any filters, then press Filter; the tab stays as it is. */
export function CampaignFilters({
  search,
  onApply,
}: {
  search: CampaignSearch;
  onApply(next: CampaignSearch): void;
}) {
  const brands = useBrandOptions();
  const plans = useQuery(plansQuery).data?.data ?? [];
  const { draft, set } = useFilterDraft(search, draftOf);
  const planOptions = plans
    .filter((p) => !draft.brand || String(p.brand_id) === draft.brand)
    .map((p) => ({ value: String(p.id), label: p.name }));
  return (
    <FilterBar
      label="Filter campaigns"
      onApply={() => onApply({ ...validateCampaignSearch(draft), tab: search.tab })}
      onClear={() => onApply({ tab: search.tab })}
    >
      <div className="grow">
        <TextField label="Name" type="search" value={draft.name} maxLength={200} onChange={set('name')} />
      </div>
      <TextField
        label="Affiliate ID"
        type="number"
        min={1}
        size={8}
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
        label="Commission plan"
        value={draft.plan}
        empty="Any plan"
        options={planOptions}
        onChange={set('plan')}
      />
    </FilterBar>
  );
}
