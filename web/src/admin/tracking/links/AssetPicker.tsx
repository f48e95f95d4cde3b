import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { mediaListQuery } from '../api.ts';

interface AssetPickerProps {
  brandId: number | undefined;
  ids: number[];
  onChange(ids: number[]): void;
  error?: string;
}

/** The banners offered with the link: the brand's own and the ones for every brand. */
export function AssetPicker({ brandId, ids, onChange, error }: AssetPickerProps) {
  const id = useId();
  const media = useQuery({ ...mediaListQuery({ brand_id: brandId }), enabled: brandId !== undefined });
  const rows = media.data?.data ?? [];
  // Assets chosen earlier stay listed even when they no longer match the brand.
  const missing = ids.filter((m) => !rows.some((r) => r.id === m));

  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Assets</legend>
      {brandId === undefined && <p className="muted">Choose a brand to see its banners.</p>}
      {brandId !== undefined && rows.length === 0 && missing.length === 0 && (
        <p className="muted">No banners for this brand yet.</p>
      )}
      <div className="asset-list">
        {rows.map((m) => (
          <div className="checkbox" key={m.id}>
            <input
              type="checkbox"
              id={`${id}-${m.id}`}
              checked={ids.includes(m.id)}
              onChange={(e) => onChange(e.target.checked ? [...ids, m.id] : ids.filter((x) => x !== m.id))}
            />
            <label htmlFor={`${id}-${m.id}`}>
              <img src={m.url} alt="" height={32} /> {m.title}{' '}
              <span className="muted">{m.width && m.height ? `${m.width}×${m.height}` : m.format}</span>
            </label>
          </div>
        ))}
        {missing.map((m) => (
          <div className="checkbox" key={m}>
            <input
              type="checkbox"
              id={`${id}-${m}`}
              checked
              onChange={() => onChange(ids.filter((x) => x !== m))}
            />
            <label htmlFor={`${id}-${m}`}>Banner #{m}</label>
          </div>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
