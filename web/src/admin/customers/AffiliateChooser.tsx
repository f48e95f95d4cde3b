import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { affiliateSearchQuery } from '../tracking/api.ts';

export interface ChosenAffiliate {
  id: number;
  name: string;
}

interface AffiliateChooserProps {
  /** The input's id, so the form's error summary can link to it. */
  id: string;
  chosen: ChosenAffiliate | null;
  onChoose(affiliate: ChosenAffiliate | null): void;
  error?: string;
}

/** Chooses one active affiliate through the search API: type a name, company, email or id. */
export function AffiliateChooser({ id, chosen, onChoose, error }: AffiliateChooserProps) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  // Wait for a pause in typing so every keystroke does not become a search.
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery(affiliateSearchQuery(q));
  const suggestions = q ? (found.data?.data ?? []).filter((a) => a.status === 'active') : [];
  const errorId = `${id}-error`;

  if (chosen)
    return (
      <div className="field">
        <span className="field-label">Affiliate</span>
        <p className="chosen" data-testid="chosen-affiliate">
          {chosen.name} <span className="muted">#{chosen.id}</span>{' '}
          <button type="button" id={id} className="link-button" onClick={() => onChoose(null)}>
            Change
          </button>
        </p>
        {error && (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>Affiliate</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Name, company, email or id"
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {q && found.isError && <p className="field-error">{found.error.message}</p>}
      {q && found.data && suggestions.length === 0 && <p className="muted">No active affiliate matches.</p>}
      {suggestions.length > 0 && (
        <ul className="suggestions" aria-label="Matching affiliates">
          {suggestions.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="button-secondary"
                onClick={() => onChoose({ id: a.id, name: a.name })}
              >
                Choose {a.name} #{a.id}
              </button>
              {a.email && <span className="muted"> {a.email}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
