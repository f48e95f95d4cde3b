import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { labelsQuery, STATUSES, useStaffOptions } from './api.ts';
import type { ListSearch } from './list-search.ts';
import { FREQUENCIES, PAYMENT_TYPES } from './payment-fields.ts';

interface AffiliateFiltersProps {
  search: ListSearch;
  onChange(next: Partial<ListSearch>): void;
}

/** Text search (sent on submit) and filters (applied as soon as they change). */
export function AffiliateFilters({ search, onChange }: AffiliateFiltersProps) {
  const staffOptions = useStaffOptions();
  const labels = useQuery(labelsQuery);
  const [q, setQ] = useState(search.q ?? '');
  const [country, setCountry] = useState(search.country ?? '');
  useEffect(() => setQ(search.q ?? ''), [search.q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ q: q.trim() || undefined, country: country.trim().toUpperCase() || undefined });
  }

  return (
    <form className="panel filters" onSubmit={submit} aria-label="Search affiliates">
      <div className="field grow">
        <label htmlFor="affiliate-search">Search</label>
        <input
          id="affiliate-search"
          type="search"
          value={q}
          placeholder="Name, company or email"
          onChange={(event) => setQ(event.target.value)}
        />
      </div>
      <SelectField
        label="Status"
        value={search.status ?? ''}
        empty="Any status"
        options={optionsOf(STATUSES)}
        onChange={(v) => onChange({ status: (v || undefined) as ListSearch['status'] })}
      />
      <SelectField
        label="Account manager"
        value={search.manager ? String(search.manager) : ''}
        empty="Anyone"
        options={staffOptions}
        onChange={(v) => onChange({ manager: v ? Number(v) : undefined })}
      />
      <SelectField
        label="Label"
        value={search.label ?? ''}
        empty="Any label"
        options={(labels.data?.data ?? []).map((l) => ({ value: l.name, label: l.name }))}
        onChange={(v) => onChange({ label: v || undefined })}
      />
      <SelectField
        label="Billing"
        value={search.frequency ?? ''}
        empty="Any frequency"
        options={optionsOf(FREQUENCIES)}
        onChange={(v) => onChange({ frequency: (v || undefined) as ListSearch['frequency'] })}
      />
      <SelectField
        label="Payment"
        value={search.payment ?? ''}
        empty="Any payment type"
        options={optionsOf(PAYMENT_TYPES)}
        onChange={(v) => onChange({ payment: (v || undefined) as ListSearch['payment'] })}
      />
      <div className="field narrow">
        <label htmlFor="affiliate-country">Country</label>
        <input
          id="affiliate-country"
          value={country}
          maxLength={2}
          placeholder="US"
          onChange={(event) => setCountry(event.target.value)}
        />
      </div>
      <button type="submit">Search</button>
    </form>
  );
}
