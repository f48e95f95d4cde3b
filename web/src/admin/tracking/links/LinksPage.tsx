import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { brandsQuery, linksQuery } from '../api.ts';
import { LinkFilters } from './LinkFilters.tsx';
import { LinkTable } from './LinkTable.tsx';
import { type LinkSearch, toLinkQuery } from './link-search.ts';

const route = getRouteApi('/admin/shell/destination-links');

export function LinksPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const links = useQuery(linksQuery(toLinkQuery(search)));
  const brands = useQuery(brandsQuery);
  const update = (next: Partial<LinkSearch>) => navigate({ search: (prev) => ({ ...prev, ...next }) });

  return (
    <>
      <div className="page-heading">
        <h1>Destination links</h1>
        <Link to="/admin/destination-links/new" search={{ brand: search.brand }} className="button-link">
          New destination link
        </Link>
      </div>
      <p className="muted">The landings affiliates build their tracking links to.</p>
      <LinkFilters search={search} onChange={update} />
      <section className="panel">
        {links.isPending && <p className="muted">Loading…</p>}
        {links.isError && <p className="form-summary">{links.error.message}</p>}
        {links.data?.data.length === 0 &&
          (Object.keys(search).length > 0 ? (
            <EmptyState
              title="No destination links match."
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
              title="No destination links yet."
              action={
                <Link to="/admin/destination-links/new" className="button-link">
                  Add your first destination link
                </Link>
              }
            >
              A destination link is a landing page of a brand (home, a bonus page, sign-up): affiliates build
              their tracking links on it.
              {brands.data?.data.length === 0 && ' Add a brand first.'}
            </EmptyState>
          ))}
        {links.data && links.data.data.length > 0 && (
          <LinkTable links={links.data.data} brands={brands.data?.data ?? []} />
        )}
      </section>
    </>
  );
}
