import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { brandsQuery } from '../api.ts';
import { BrandTable } from './BrandTable.tsx';

export function BrandsPage() {
  const brands = useQuery(brandsQuery);
  return (
    <>
      <div className="page-heading">
        <h1>Brands</h1>
        <Link to="/admin/brands/new" className="button-link">
          New brand
        </Link>
      </div>
      <p className="muted">
        Each brand has its own currency, tracking domain,{' '}
        <Link to="/admin/destination-links">destination links</Link> and{' '}
        <Link to="/admin/media">banners</Link>.
      </p>
      <section className="panel">
        {brands.isPending && <p className="muted">Loading…</p>}
        {brands.isError && <p className="form-summary">{brands.error.message}</p>}
        {brands.data && <BrandTable brands={brands.data.data} />}
      </section>
    </>
  );
}
