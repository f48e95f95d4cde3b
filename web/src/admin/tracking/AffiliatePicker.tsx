import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { AffiliateChip } from './AffiliateChip.tsx';
import { affiliateNamesQuery, affiliateSearchQuery } from './api.ts';

interface AffiliatePickerProps {
  label: string;
  ids: number[];
  onChange(ids: number[]): void;
  error?: string;
}

/** Chooses affiliates through the search API: type a name, company, email or id, then add. */
export function AffiliatePicker({ label, ids, onChange, error }: AffiliatePickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  // Wait for a pause in typing so every keystroke does not become a search.
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery(affiliateSearchQuery(q));
  const names = useQuery(affiliateNamesQuery(ids)).data;
  const suggestions = q ? (found.data?.data ?? []).filter((a) => !ids.includes(a.id)) : [];

  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {ids.length === 0 ? (
        <p className="muted">No affiliates chosen.</p>
      ) : (
        <ul className="chips" aria-label="Chosen affiliates">
          {ids.map((affiliateId) => (
            <AffiliateChip
              key={affiliateId}
              id={affiliateId}
              name={names?.[affiliateId]}
              onRemove={() => onChange(ids.filter((x) => x !== affiliateId))}
            />
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-search`}>Find affiliate</label>
        <input
          id={`${id}-search`}
          type="search"
          value={text}
          placeholder="Name, company, email or id"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {q && found.isError && <p className="field-error">{found.error.message}</p>}
      {q && found.data && suggestions.length === 0 && <p className="muted">No other affiliate matches.</p>}
      {suggestions.length > 0 && (
        <ul className="suggestions" aria-label="Matching affiliates">
          {suggestions.map((a) => (
            <li key={a.id}>
              <button type="button" className="button-secondary" onClick={() => onChange([...ids, a.id])}>
                Add {a.name} #{a.id}
              </button>
              {a.email && <span className="muted"> {a.email}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
