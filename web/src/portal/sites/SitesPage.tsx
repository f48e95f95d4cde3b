import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { priceRange, REVIEW_LABEL, type SiteShape } from '../../sites/site-labels.ts';
import { SiteForm } from './SiteForm.tsx';

export const siteCategoriesQuery = {
  queryKey: ['portal', 'site-categories'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/site-categories')),
  staleTime: Number.POSITIVE_INFINITY,
};

/** The affiliate's websites: each waits for the program's review once added or moved. */
export function SitesPage() {
  const list = useQuery({
    queryKey: ['portal', 'sites'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/sites', { params: { query: { page_size: 100 } } })),
  });
  // null: the add form; a site: its edit form; undefined: no form.
  const [editing, setEditing] = useState<SiteShape | null | undefined>(undefined);
  const rows = (list.data?.data ?? []) as SiteShape[];
  return (
    <>
      <div className="page-heading">
        <h1>Sites</h1>
        {editing === undefined && (
          <button type="button" onClick={() => setEditing(null)}>
            Add a site
          </button>
        )}
      </div>
      <p className="muted">
        The websites and apps on which you promote the program. The program reviews each one; a new address or
        category is reviewed again.
      </p>
      {editing !== undefined && (
        <SiteForm key={editing?.id ?? 'new'} site={editing} onDone={() => setEditing(undefined)} />
      )}
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && rows.length === 0 && <p className="muted">You have not added a site yet.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Sites">
            <thead>
              <tr>
                <th>Name</th>
                <th>Address</th>
                <th>Category</th>
                <th>Prices</th>
                <th>Review</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    <a href={s.url} target="_blank" rel="noreferrer noopener">
                      {s.url}
                    </a>
                  </td>
                  <td>{s.category_description}</td>
                  <td>{priceRange(s)}</td>
                  <td>
                    <span className={`badge status-${s.review_status}`}>{REVIEW_LABEL[s.review_status]}</span>
                    {s.review_comment && <div className="muted">{s.review_comment}</div>}
                  </td>
                  <td>
                    <button type="button" className="button-secondary" onClick={() => setEditing(s)}>
                      Edit<span className="visually-hidden"> {s.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
