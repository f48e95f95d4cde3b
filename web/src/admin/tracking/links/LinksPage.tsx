import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
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
        {links.data && <LinkTable links={links.data.data} brands={brands.data?.data ?? []} />}
      </section>
    </>
  );
}
