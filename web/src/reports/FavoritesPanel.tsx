import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { TextField } from '../components/TextField.tsx';
import {
  type Audience,
  deleteFavorite,
  type Favorite,
  favoritesKey,
  favoritesQuery,
  saveFavorite,
} from './api.ts';
import type { ReportQuery } from './catalog.ts';
import { favoriteOf } from './favorite-search.ts';
import { QUICK_PERIODS } from './periods.ts';
import type { ReportSearch } from './report-search.ts';

interface FavoritesPanelProps {
  audience: Audience;
  query: ReportQuery;
  search: ReportSearch;
  onOpen(favorite: Favorite): void;
}

/** Saved reports: keep the current one under a name, open or delete one. */
export function FavoritesPanel({ audience, query, search, onOpen }: FavoritesPanelProps) {
  const client = useQueryClient();
  const list = useQuery(favoritesQuery(audience));
  const [name, setName] = useState('');
  const [relative, setRelative] = useState(true);
  const refresh = () => client.invalidateQueries({ queryKey: favoritesKey(audience) });
  const save = useMutation({
    mutationFn: () => saveFavorite(audience, favoriteOf(name.trim(), query, search, relative)),
    onSuccess: () => {
      setName('');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteFavorite(audience, id),
    onSuccess: refresh,
  });
  const periodLabel = QUICK_PERIODS.find((p) => p.value === search.period)?.label;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) save.mutate();
  }

  return (
    <section className="panel" aria-labelledby="favorites-title">
      <h2 id="favorites-title">Favorites</h2>
      <form className="report-form-row" aria-label="Save as favorite" onSubmit={submit}>
        <TextField label="Favorite name" value={name} onChange={setName} maxLength={200} required />
        {periodLabel && (
          <label className="checkbox">
            <input type="checkbox" checked={relative} onChange={(e) => setRelative(e.target.checked)} />
            Keep “{periodLabel}” relative (else the days shown now, fixed)
          </label>
        )}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            Save as favorite
          </button>
        </div>
      </form>
      {save.isError && <p className="form-summary">{save.error.message}</p>}
      {remove.isError && <p className="form-summary">{remove.error.message}</p>}
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && list.data.data.length === 0 && <p className="muted">No favorites yet.</p>}
      {list.data && list.data.data.length > 0 && (
        <ul className="favorites" data-testid="favorites">
          {list.data.data.map((f) => (
            <li key={f.id}>
              <button type="button" className="link-button" onClick={() => onOpen(f)}>
                {f.name}
              </button>
              <span className="muted">
                {' '}
                {f.dates.period
                  ? f.dates.period.replaceAll('_', ' ')
                  : `${f.resolved.from} – ${f.resolved.to}`}
              </span>
              <button
                type="button"
                className="button-secondary"
                aria-label={`Delete favorite ${f.name}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(f.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
