import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { countOf } from '../../../format.ts';
import { mediaListQuery } from '../api.ts';
import { MediaCard } from './MediaCard.tsx';
import { MediaFilters } from './MediaFilters.tsx';
import { toMediaQuery } from './media-search.ts';
import { UploadMediaForm } from './UploadMediaForm.tsx';

const route = getRouteApi('/admin/shell/media');

/** The banner library: upload, filter, and open a banner to edit or delete it. */
export function MediaPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const media = useQuery(mediaListQuery(toMediaQuery(search)));
  const [uploading, setUploading] = useState(false);
  const rows = media.data?.data ?? [];

  return (
    <>
      <div className="page-heading">
        <h1>Media library</h1>
        {!uploading && (
          <button type="button" onClick={() => setUploading(true)}>
            Upload banner
          </button>
        )}
      </div>
      {uploading && <UploadMediaForm onDone={() => setUploading(false)} />}
      <MediaFilters search={search} onApply={(next) => navigate({ search: next })} />
      <section className="panel" aria-label="Banners">
        {media.isPending && <p className="muted">Loading…</p>}
        {media.isError && <p className="form-summary">{media.error.message}</p>}
        {media.data &&
          rows.length === 0 &&
          (Object.keys(search).length > 0 ? (
            <EmptyState
              title="No banners match."
              action={
                <button type="button" className="button-secondary" onClick={() => navigate({ search: {} })}>
                  Clear filters
                </button>
              }
            >
              Widen or clear the filters to see more.
            </EmptyState>
          ) : (
            <EmptyState
              title="No banners yet."
              action={
                !uploading && (
                  <button type="button" onClick={() => setUploading(true)}>
                    Upload your first banner
                  </button>
                )
              }
            >
              Upload the banners affiliates place on their sites (PNG, JPG, GIF, WebP or SVG); a promo can
              also be a plain text link.
            </EmptyState>
          ))}
        {rows.length > 0 && (
          <>
            <p className="muted">{countOf(rows.length, 'banner')}</p>
            <ul className="media-grid">
              {rows.map((m) => (
                <MediaCard key={m.id} media={m} />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
