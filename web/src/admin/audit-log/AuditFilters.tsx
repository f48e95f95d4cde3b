import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { fromLocalInput, toLocalInput } from '../list-params.ts';
import { AUDIT_ENTITIES } from './api.ts';
import { ACTORS, type AuditSearch, validateAuditSearch } from './audit-search.ts';

type Draft = Record<Exclude<keyof AuditSearch, 'page'>, string>;

const draftOf = (s: AuditSearch): Draft => ({
  entity: s.entity ?? '',
  actor: s.actor ?? '',
  from: toLocalInput(s.from),
  until: toLocalInput(s.until),
});

export function AuditFilters({ search, onApply }: { search: AuditSearch; onApply(next: AuditSearch): void }) {
  const { draft, set } = useFilterDraft(search, draftOf);
  const apply = () =>
    onApply(
      validateAuditSearch({ ...draft, from: fromLocalInput(draft.from), until: fromLocalInput(draft.until) }),
    );
  return (
    <FilterBar label="Filter the audit log" onApply={apply} onClear={() => onApply({})}>
      <SelectField
        label="What"
        value={draft.entity}
        empty="Anything"
        options={AUDIT_ENTITIES}
        onChange={set('entity')}
      />
      <SelectField
        label="Who"
        value={draft.actor}
        empty="Anyone"
        options={[...ACTORS]}
        onChange={set('actor')}
      />
      <TextField label="From" type="datetime-local" value={draft.from} onChange={set('from')} />
      <TextField label="Until" type="datetime-local" value={draft.until} onChange={set('until')} />
    </FilterBar>
  );
}
